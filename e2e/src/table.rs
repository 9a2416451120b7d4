//! Data tables (`<table>` with a `<caption>`), read as a person sees them: the column headers
//! and, for each body row, the visible text of every cell.

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::wait::wait_until;

/// A table as [`Browser::table`] read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The column headers' text, whitespace collapsed.
    pub headers: Vec<String>,
    /// The body rows: each cell's visible text, whitespace collapsed.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The text of column `header` in every row.
    ///
    /// # Panics
    /// If the table has no such column.
    #[track_caller]
    pub fn column(&self, header: &str) -> Vec<&str> {
        let at = self.column_index(header);
        self.rows.iter().map(|row| row.get(at).map_or("", String::as_str)).collect()
    }

    /// The row whose column `header` reads `value`, if there is one.
    ///
    /// # Panics
    /// If the table has no such column.
    #[track_caller]
    pub fn row_where(&self, header: &str, value: &str) -> Option<&[String]> {
        let at = self.column_index(header);
        self.rows
            .iter()
            .find(|row| row.get(at).is_some_and(|cell| cell == value))
            .map(Vec::as_slice)
    }

    /// The cell of `row` in column `header`.
    ///
    /// # Panics
    /// If the table has no such column.
    #[track_caller]
    pub fn cell<'r>(&self, row: &'r [String], header: &str) -> &'r str {
        row.get(self.column_index(header)).map_or("", String::as_str)
    }

    #[track_caller]
    fn column_index(&self, header: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("no column {header:?} among {:?}", self.headers))
    }
}

impl Browser {
    /// Reads the visible table whose caption is `caption` right now; `None` if there is none.
    ///
    /// # Panics
    /// If the page cannot be queried.
    #[track_caller]
    pub fn table(&self, caption: &str) -> Option<Table> {
        let found = self.execute(
            "const normalize = (value) => (value || '').replace(/\\s+/g, ' ').trim();
             const table = [...document.querySelectorAll('table')]
               .find((t) => t.caption && normalize(t.caption.textContent) === arguments[0]);
             if (!table || !table.getClientRects().length) return null;
             const text = (cell) => normalize(cell.innerText);
             const head = table.tHead ? [...table.tHead.rows].pop() : null;
             return {
               headers: head ? [...head.cells].map(text) : [],
               rows: [...table.tBodies].flatMap((body) => [...body.rows])
                 .map((row) => [...row.cells].map(text)),
               busy: table.getAttribute('aria-busy') === 'true',
             };",
            vec![json!(caption)],
        );
        if found.is_null() || found["busy"] == Value::Bool(true) {
            return None;
        }
        let strings = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .into_iter()
                .flatten()
                .map(|cell| cell.as_str().unwrap_or_default().to_owned())
                .collect()
        };
        Some(Table {
            headers: strings(&found["headers"]),
            rows: found["rows"].as_array().into_iter().flatten().map(strings).collect(),
        })
    }

    /// Waits until the table captioned `caption` is shown, not busy, and `ready` holds for it
    /// (`what` says what is awaited); returns it.
    ///
    /// # Panics
    /// If that does not happen within the query timeout, with the table as last seen.
    #[track_caller]
    pub fn wait_for_table(
        &self,
        caption: &str,
        what: &str,
        ready: impl Fn(&Table) -> bool,
    ) -> Table {
        let shown = wait_until(&format!("{what} in the table {caption:?}"), crate::WAIT, || {
            match self.table(caption) {
                Some(table) if ready(&table) => Ok(table),
                table => Err(table),
            }
        });
        match shown {
            Ok(table) => table,
            Err(timed_out) => panic!(
                "{}: the table {caption:?} never showed {what} on {}; last seen: {:#?}",
                self.kind(),
                self.current_url(),
                timed_out.last
            ),
        }
    }
}
