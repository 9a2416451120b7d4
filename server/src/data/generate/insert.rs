//! Multi-row `INSERT`s: several rows per statement, and one statement text per batch size, so
//! that every full batch reuses the same prepared statement.

use sqlx::SqliteConnection;
use sqlx::query::Query;
use sqlx::sqlite::{Sqlite, SqliteArguments};

use crate::error::Result;

/// At most this many rows per statement.
const ROWS_PER_STATEMENT: usize = 1_000;

/// At most this many parameters per statement. SQLite would accept 32,766, but binding `$n`
/// parameters costs time proportional to their number for each one (sqlx looks every name up,
/// and SQLite searches its list of names), so large statements are slower than several small
/// ones; around 250 parameters a statement is near the fastest.
const PARAMETERS_PER_STATEMENT: usize = 250;

/// One value of a row.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    /// An integer.
    Int(i64),
    /// An integer or NULL.
    OptionalInt(Option<i64>),
    /// A text.
    Text(&'a str),
    /// A text or NULL.
    OptionalText(Option<&'a str>),
    /// A flag.
    Bool(bool),
}

impl<'a> Cell<'a> {
    fn bind(
        self,
        query: Query<'a, Sqlite, SqliteArguments<'a>>,
    ) -> Query<'a, Sqlite, SqliteArguments<'a>> {
        match self {
            Cell::Int(value) => query.bind(value),
            Cell::OptionalInt(value) => query.bind(value),
            Cell::Text(value) => query.bind(value),
            Cell::OptionalText(value) => query.bind(value),
            Cell::Bool(value) => query.bind(value),
        }
    }
}

/// Inserts `rows` into `table (columns)`, each row turned into its cells by `cells` (as many as
/// there are columns). Returns how many rows were inserted.
pub async fn insert_all<'a, R>(
    connection: &mut SqliteConnection,
    table: &str,
    columns: &[&str],
    rows: &'a [R],
    cells: impl Fn(&'a R) -> Vec<Cell<'a>>,
) -> Result<u64> {
    let per_statement = (PARAMETERS_PER_STATEMENT / columns.len()).clamp(1, ROWS_PER_STATEMENT);
    let full = statement(table, columns, per_statement);
    let mut inserted = 0;
    for chunk in rows.chunks(per_statement) {
        let partial;
        let sql = if chunk.len() == per_statement {
            full.as_str()
        } else {
            partial = statement(table, columns, chunk.len());
            partial.as_str()
        };
        let mut query = sqlx::query(sql);
        for row in chunk {
            let row_cells = cells(row);
            debug_assert_eq!(row_cells.len(), columns.len(), "cells of a row in {table}");
            for cell in row_cells {
                query = cell.bind(query);
            }
        }
        inserted += query.execute(&mut *connection).await?.rows_affected();
    }
    Ok(inserted)
}

/// `INSERT INTO table (a, b) VALUES ($1, $2), ($3, $4), ...` for `rows` rows.
fn statement(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut parameter = 0;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns.len() {
            if column > 0 {
                sql.push_str(", ");
            }
            parameter += 1;
            sql.push('$');
            sql.push_str(&parameter.to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_their_parameters_in_order() {
        assert_eq!(
            statement("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(statement("t", &["a"], 1), "INSERT INTO t (a) VALUES ($1)");
    }
}
