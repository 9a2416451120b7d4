//! The CSV files of the exports (`GET /members/export`, `GET /audit-events/export`), written
//! one way: RFC 4180 with every field quoted and CRLF line ends, a UTF-8 byte order mark first
//! so that spreadsheet programs read accents right, and a leading apostrophe on any field that a
//! spreadsheet would otherwise run as a formula.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The media type of the exports.
pub const CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// The first characters that make a spreadsheet read a cell as a formula (or, for tab and
/// carriage return, that some programs strip before doing so).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV file being written.
#[derive(Debug)]
pub struct Csv {
    text: String,
}

impl Csv {
    /// A file whose first row is `header`.
    pub fn new(header: &[&str]) -> Self {
        let mut csv = Csv { text: String::from('\u{feff}') };
        csv.row(header.iter().copied());
        csv
    }

    /// Adds a row.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.push_field(field);
        }
        self.text.push_str("\r\n");
    }

    fn push_field(&mut self, field: &str) {
        self.text.push('"');
        if field.starts_with(FORMULA_STARTS) {
            self.text.push('\'');
        }
        for c in field.chars() {
            if c == '"' {
                self.text.push('"');
            }
            self.text.push(c);
        }
        self.text.push('"');
    }

    /// The text of the file.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file as a download named `filename` (letters, digits, `-` and `.` only), never
    /// cached.
    pub fn into_download(self, filename: &'static str) -> Response {
        let mut response = self.text.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_quoted_and_quotes_doubled() {
        let mut csv = Csv::new(&["Name", "Email"]);
        csv.row(["Dana \"DK\" Kim", "a,b\nc"]);
        csv.row(["", "x"]);
        assert_eq!(
            csv.text(),
            "\u{feff}\"Name\",\"Email\"\r\n\"Dana \"\"DK\"\" Kim\",\"a,b\nc\"\r\n\"\",\"x\"\r\n"
        );
    }

    #[test]
    fn fields_a_spreadsheet_would_run_start_with_an_apostrophe() {
        let mut csv = Csv::new(&[]);
        for field in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=1", " =1"] {
            csv.row([field]);
        }
        let rows: Vec<&str> = csv.text().trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            rows,
            [
                "",
                "\"'=1+1\"",
                "\"'+1\"",
                "\"'-1\"",
                "\"'@SUM(A1)\"",
                "\"'\tx\"",
                "\"'\rx\"",
                "\"a=1\"",
                "\" =1\"",
                ""
            ]
        );
    }
}
