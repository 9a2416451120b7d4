//! The benchmarks' report: samples of several measures, printed as one table of their median,
//! minimum and maximum in milliseconds.

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
