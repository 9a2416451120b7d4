//! The CSV files of the exports (`GET /members/export`, `GET /audit-events/export`), written
//! one way: RFC 4180 with every field quoted and CRLF line ends, a UTF-8 byte order mark first
//! so that spreadsheet programs read accents right, and a leading apostrophe on any field that a
//! spreadsheet would otherwise run as a formula (see [`runs_as_formula`]).

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::db::Db;
use crate::error::{Error, Result};

/// The media type of the exports.
pub const CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// The characters that make a spreadsheet read a cell as a formula when they come first, after
/// any whitespace: `=`, `+`, `-`, `@` and their full-width forms, which some programs take for
/// the ASCII ones.
const FORMULA_STARTS: [char; 8] =
    ['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];

/// Whether a spreadsheet might run `field` as a formula: its first character other than
/// whitespace (spaces, tabs, line breaks) is one of [`FORMULA_STARTS`], or it starts with a tab
/// or a carriage return, which some programs strip before reading the rest.
///
/// Nothing the exports write themselves looks like that: dates are RFC 3339 (`2024-…`), console
/// versions digits and dots, and labels words; only what people typed (names, emails, group
/// names) can.
fn runs_as_formula(field: &str) -> bool {
    field.starts_with(['\t', '\r']) || field.trim_start().starts_with(FORMULA_STARTS)
}

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
        if runs_as_formula(field) {
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

    /// Takes the text written since the last take, for a file sent as it is written.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// The file as a download named `filename` (letters, digits, `-` and `.` only), never
    /// cached.
    pub fn into_download(self, filename: &'static str) -> Response {
        download(Body::from(self.text), filename)
    }
}

/// Rows read from the database and sent at a time by an export.
pub const EXPORT_PAGE: usize = 1_000;

/// Seconds after which an export refused because enough were streaming may be asked again.
pub const EXPORT_RETRY_AFTER_SECS: i64 = 5;

/// One of the export slots (`TWOSTEP_MAX_EXPORTS`), or 503 Busy with Retry-After when every
/// one is streaming.
pub fn export_slot(exports: &Arc<Semaphore>) -> Result<OwnedSemaphorePermit> {
    exports
        .clone()
        .try_acquire_owned()
        .map_err(|_| Error::Busy { what: "exports", retry_after_secs: EXPORT_RETRY_AFTER_SECS })
}

/// What an export reads for its rows: the fields of the rows named by a page of ids, in the
/// order of the ids.
pub trait Pages: Send + 'static {
    /// The fields of each row of `ids`, in their order.
    fn rows(&self, db: &Db, ids: &[i64]) -> impl Future<Output = Result<Vec<Vec<String>>>> + Send;
}

/// The CSV file of the rows `ids` (in that order) with `header`, as a download named
/// `filename` sent as it is read, [`EXPORT_PAGE`] rows at a time, so that a large export never
/// sits in memory whole. `slot` is given back when the file has been sent or the client has
/// gone. A database failure midway cuts the file, which the client sees as an incomplete body.
pub fn stream<P: Pages>(
    header: &[&str],
    db: Db,
    ids: Vec<i64>,
    pages: P,
    slot: OwnedSemaphorePermit,
    filename: &'static str,
) -> Response {
    let export = Streamed { db, ids, sent: 0, csv: Csv::new(header), pages, _slot: slot };
    let body = futures_util::stream::try_unfold(export, Streamed::next);
    download(Body::from_stream(body), filename)
}

/// An export being sent: the rows still to read, and its slot.
struct Streamed<P> {
    db: Db,
    ids: Vec<i64>,
    /// How many of `ids` were sent.
    sent: usize,
    /// The text written and not yet sent (the header row at first).
    csv: Csv,
    pages: P,
    _slot: OwnedSemaphorePermit,
}

impl<P: Pages> Streamed<P> {
    /// The next piece of the file: what is written, then the next page of rows; `None` once
    /// every row is sent.
    async fn next(mut self) -> Result<Option<(String, Self)>> {
        let written = self.csv.take();
        if !written.is_empty() {
            return Ok(Some((written, self)));
        }
        let end = (self.sent + EXPORT_PAGE).min(self.ids.len());
        if self.sent == end {
            return Ok(None);
        }
        let rows = self.pages.rows(&self.db, &self.ids[self.sent..end]).await.inspect_err(
            |error| tracing::error!(%error, "the export stopped; the client gets a cut file"),
        )?;
        self.sent = end;
        for row in &rows {
            self.csv.row(row.iter().map(String::as_str));
        }
        Ok(Some((self.csv.take(), self)))
    }
}

/// `body`, the text of a CSV file (possibly still being written, as an export streams it), as a
/// download named `filename` (letters, digits, `-` and `.` only), never cached.
pub fn download(body: Body, filename: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
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
        for field in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "a=1",
            " =1",
            "\n=1",
            " @x",
            "\u{ff1d}1",
            "\u{ff0b}1",
            "\u{ff0d}1",
            "\u{ff20}x",
            " \t\n+1",
            "a-b",
            "2024-01-31T09:00:00Z",
            "7.60.3800",
            " ",
            "",
        ] {
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
                "\"' =1\"",
                "\"'\n=1\"",
                "\"' @x\"",
                "\"'\u{ff1d}1\"",
                "\"'\u{ff0b}1\"",
                "\"'\u{ff0d}1\"",
                "\"'\u{ff20}x\"",
                "\"' \t\n+1\"",
                "\"a-b\"",
                "\"2024-01-31T09:00:00Z\"",
                "\"7.60.3800\"",
                "\" \"",
                "\"\"",
                ""
            ]
        );
    }
}
