//! The benchmarks' settings, which `cargo xtask bench` passes in the environment, and their
//! report: samples of several measures, printed as one table of their median, minimum and
//! maximum in milliseconds.

use std::path::PathBuf;

/// What `cargo xtask bench` tells a benchmark: the generated database, the password of its
/// accounts, and how many runs to make.
#[derive(Debug)]
pub struct BenchSettings {
    /// `TWOSTEP_BENCH_DATABASE`: the generated database (the server runs on a copy).
    pub database: PathBuf,
    /// `TWOSTEP_BENCH_PASSWORD`: the password of every generated account.
    pub password: String,
    /// `TWOSTEP_BENCH_RUNS`, or `default_runs`; never fewer than `min_runs`.
    pub runs: usize,
}

impl BenchSettings {
    /// Reads the settings; exits with a message saying to run `cargo xtask bench` when the
    /// database is not named.
    ///
    /// # Panics
    /// If the database is named but the password is not.
    pub fn from_env(default_runs: usize, min_runs: usize) -> Self {
        let Some(database) = std::env::var_os("TWOSTEP_BENCH_DATABASE").map(PathBuf::from) else {
            eprintln!(
                "TWOSTEP_BENCH_DATABASE is not set: run `cargo xtask bench`, which generates the \
                 data set, builds the server and the console, and runs this benchmark"
            );
            std::process::exit(2);
        };
        let password = std::env::var("TWOSTEP_BENCH_PASSWORD")
            .expect("TWOSTEP_BENCH_PASSWORD: the password of the generated accounts");
        let runs = std::env::var("TWOSTEP_BENCH_RUNS")
            .ok()
            .and_then(|runs| runs.parse().ok())
            .unwrap_or(default_runs)
            .max(min_runs);
        BenchSettings { database, password, runs }
    }
}

/// Samples in milliseconds, one row a measure, in the order they were added.
#[derive(Debug, Default)]
pub struct Timings {
    rows: Vec<(String, Vec<f64>)>,
}

impl Timings {
    /// Adds the measure `what` with its `samples`.
    pub fn row(&mut self, what: &str, samples: &[f64]) {
        self.rows.push((what.to_owned(), samples.to_vec()));
    }

    /// Prints the table to stdout, its first column headed `heading`.
    pub fn print(&self, heading: &str) {
        let width = self
            .rows
            .iter()
            .map(|(what, _)| what.chars().count())
            .chain([heading.chars().count()])
            .max()
            .unwrap_or(0);
        println!("\n{heading:<width$}  {:>9}  {:>9}  {:>9}  {:>4}", "median", "min", "max", "n");
        println!("{}", "-".repeat(width + 2 + 3 * 11 + 6));
        for (what, samples) in &self.rows {
            let mut sorted = samples.clone();
            sorted.sort_by(f64::total_cmp);
            let pad = width - what.chars().count();
            println!(
                "{what}{:pad$}  {:>9.1}  {:>9.1}  {:>9.1}  {:>4}",
                "",
                median(&sorted),
                sorted.first().copied().unwrap_or(f64::NAN),
                sorted.last().copied().unwrap_or(f64::NAN),
                sorted.len()
            );
        }
        println!();
    }
}

/// The median of `sorted` (in ascending order); NaN when it is empty.
pub fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => f64::midpoint(sorted[n / 2 - 1], sorted[n / 2]),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_odd_and_even_counts() {
        assert_eq!(median(&[1.0, 2.0, 9.0]), 2.0);
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), 3.0);
        assert!(median(&[]).is_nan());
    }
}
