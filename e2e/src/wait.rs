//! Waiting for something to happen: the one polling loop of the suite. A fixed pause is too
//! short on a slow machine and wasted time on a fast one; this looks again and again until the
//! thing is there, and when the time is up says what it waited for and what it saw last.

use std::fmt;
use std::time::{Duration, Instant};

/// The first pause between two looks; each next pause is twice as long, up to [`LONGEST_PAUSE`],
/// so that what is nearly there is seen at once and a long wait costs few looks.
const FIRST_PAUSE: Duration = Duration::from_millis(20);
const LONGEST_PAUSE: Duration = Duration::from_millis(100);

/// A wait whose time ran out.
#[derive(Debug)]
pub struct TimedOut<O> {
    /// What was awaited, as the caller described it ("the path /sign-in").
    pub what: String,
    /// How long it waited.
    pub waited: Duration,
    /// What the last look saw instead.
    pub last: O,
}

impl<O: fmt::Debug> fmt::Display for TimedOut<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "still no {} after {:?}; last seen: {:?}", self.what, self.waited, self.last)
    }
}

impl<O: fmt::Debug> std::error::Error for TimedOut<O> {}

/// Looks with `probe` until it answers `Ok`, and returns that answer; an `Err` carries what the
/// probe saw instead. It looks at least once, and once more when `timeout` is up.
///
/// A probe that meets something that will not get better by waiting (a process that ended, an
/// error of the browser) may answer `Ok` with that, or panic, rather than wait it out.
///
/// # Errors
/// [`TimedOut`] with `what` and the last observation, when `probe` has not answered `Ok` within
/// `timeout`.
pub fn wait_until<T, O>(
    what: &str,
    timeout: Duration,
    mut probe: impl FnMut() -> Result<T, O>,
) -> Result<T, TimedOut<O>> {
    let started = Instant::now();
    let mut pause = FIRST_PAUSE;
    loop {
        let last = match probe() {
            Ok(found) => return Ok(found),
            Err(seen) => seen,
        };
        let waited = started.elapsed();
        if waited >= timeout {
            return Err(TimedOut { what: what.to_owned(), waited, last });
        }
        std::thread::sleep(pause.min(timeout - waited));
        pause = (pause * 2).min(LONGEST_PAUSE);
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::wait_until;

    #[test]
    fn returns_what_the_probe_found_as_soon_as_it_finds_it() {
        let mut looks = 0;
        let found = wait_until("the third look", Duration::from_secs(5), || {
            looks += 1;
            if looks == 3 { Ok(looks) } else { Err(looks) }
        });
        assert_eq!(found.expect("found in time"), 3);
    }

    #[test]
    fn when_time_is_up_it_names_what_it_waited_for_and_what_it_saw_last() {
        let began = Instant::now();
        let mut looks = 0;
        let timed_out = wait_until("a green light", Duration::from_millis(200), || {
            looks += 1;
            Err::<(), _>(format!("red, look {looks}"))
        })
        .expect_err("it never turns green");
        assert!(began.elapsed() >= Duration::from_millis(200));
        assert!(timed_out.waited >= Duration::from_millis(200));
        assert_eq!(timed_out.last, format!("red, look {looks}"));
        let message = timed_out.to_string();
        assert!(message.starts_with("still no a green light after "), "{message}");
        assert!(message.ends_with(&format!("last seen: \"red, look {looks}\"")), "{message}");
    }

    #[test]
    fn looks_once_even_with_no_time_at_all() {
        let mut looks = 0;
        let timed_out = wait_until("anything", Duration::ZERO, || {
            looks += 1;
            Err::<(), _>(())
        });
        assert!(timed_out.is_err());
        assert_eq!(looks, 1);
    }
}
