//! The stress report: one table per part, a measure and its value on each row.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use crate::client::Reply;

/// One part's table: a title, then rows of (measure, value).
#[derive(Debug, Default)]
pub struct Table {
    title: String,
    rows: Vec<(String, String)>,
}

impl Table {
    /// An empty table headed `title`.
    pub fn new(title: &str) -> Self {
        Self { title: title.to_owned(), rows: Vec::new() }
    }

    /// Adds a row.
    pub fn row(&mut self, measure: impl Into<String>, value: impl Into<String>) {
        self.rows.push((measure.into(), value.into()));
    }

    /// The table as text, values aligned in a second column.
    pub fn render(&self) -> String {
        let width = self.rows.iter().map(|(measure, _)| measure.chars().count()).max().unwrap_or(0);
        let mut text = format!("{}\n{}\n", self.title, "=".repeat(self.title.chars().count()));
        for (measure, value) in &self.rows {
            let pad = width - measure.chars().count();
            let _ = writeln!(text, "  {measure}{:pad$}  {value}", "");
        }
        text
    }
}

/// `12 ms`, `1.35 s`.
pub fn duration(elapsed: Duration) -> String {
    let ms = elapsed.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// `183 MiB`, `4.21 GiB`.
pub fn bytes(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib < 1024.0 { format!("{mib:.0} MiB") } else { format!("{:.2} GiB", mib / 1024.0) }
}

/// `1,234`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut text = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// `401 × 1,234, 429 × 20, timeout × 3`, or `none`.
pub fn counts(counts: &BTreeMap<String, u64>) -> String {
    if counts.is_empty() {
        return "none".to_owned();
    }
    counts.iter().map(|(what, n)| format!("{what} × {}", count(*n))).collect::<Vec<_>>().join(", ")
}

/// Median, lowest and highest of `samples`: `median 3.1 ms (1.2 ms – 9.8 ms, 18 calls)`.
pub fn spread(samples: &[Duration]) -> String {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    match (sorted.first(), sorted.last()) {
        (Some(low), Some(high)) => format!(
            "median {} ({} – {}, {} calls)",
            duration(sorted[sorted.len() / 2]),
            duration(*low),
            duration(*high),
            sorted.len()
        ),
        _ => "no calls".to_owned(),
    }
}

/// The replies counted by status (or by why there is none).
pub fn tally(replies: &[Reply]) -> BTreeMap<String, u64> {
    let mut tally = BTreeMap::new();
    for reply in replies {
        *tally.entry(reply.label()).or_default() += 1;
    }
    tally
}

/// How long each reply took.
pub fn elapsed(replies: &[Reply]) -> Vec<Duration> {
    replies.iter().map(|reply| reply.elapsed).collect()
}

/// Resident memory read from a server, or that it has ended.
pub fn memory(read: Option<u64>) -> String {
    read.map_or("the server has ended".to_owned(), bytes)
}
