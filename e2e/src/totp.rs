//! An authenticator app of the suite's own: TOTP per RFC 6238 (HMAC-SHA-1, 6 digits, 30-second
//! steps), written apart from the server's, so that a key read off the set-up screen proves the
//! server speaks the standard rather than agreeing with itself.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::wait::wait_until;

/// The length of a step, in seconds.
pub const STEP_SECONDS: u64 = 30;

/// How long a code must still be accepted after it is computed: the time to type it and for
/// the server to check it, with room for a slow browser.
const TYPING_MARGIN: Duration = Duration::from_secs(6);

/// A TOTP key, as an authenticator app holds it after the set-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totp {
    key: Vec<u8>,
}

impl Totp {
    /// The key whose bytes are `key`.
    pub fn new(key: Vec<u8>) -> Self {
        Self { key }
    }

    /// The key shown as base32 text (RFC 4648): spaces, `=` padding and case are ignored, as
    /// an authenticator app ignores them when the key is typed in.
    ///
    /// # Errors
    /// The character that is not base32, or an empty key.
    pub fn from_base32(text: &str) -> Result<Self, String> {
        const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut bits: u64 = 0;
        let mut held = 0u32;
        let mut key = Vec::new();
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=' && *c != '-') {
            let value = ALPHABET
                .find(c.to_ascii_uppercase())
                .ok_or_else(|| format!("{c:?} is not a base32 character (in {text:?})"))?;
            bits = (bits << 5) | value as u64;
            held += 5;
            if held >= 8 {
                held -= 8;
                key.push((bits >> held) as u8);
                bits &= (1 << held) - 1;
            }
        }
        if key.is_empty() {
            return Err(format!("{text:?} holds no key"));
        }
        Ok(Self { key })
    }

    /// The key's bytes.
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    /// The code of step `step` (RFC 4226's HOTP of the step counter), 6 digits.
    pub fn code_at(&self, step: u64) -> String {
        let mut mac =
            <Hmac<Sha1> as Mac>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[digest.len() - 1] & 0x0f);
        let binary = u32::from_be_bytes([
            digest[offset] & 0x7f,
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ]);
        format!("{:06}", binary % 1_000_000)
    }

    /// A code the server accepts now and for a few seconds more, of a step later than
    /// `last_used` (a code is accepted once only, so the next sign-in needs a later step), with
    /// that step: the earliest of the steps the server accepts (the current one and one either
    /// side), waiting for the clock when every one of them is used up.
    ///
    /// # Panics
    /// If the clock does not reach a usable step within two minutes (it cannot happen unless
    /// `last_used` is far in the future).
    pub fn next_code(&self, last_used: Option<u64>) -> (u64, String) {
        let usable = wait_until("a step not used yet", Duration::from_secs(120), || {
            usable_step(now(), last_used).ok_or(last_used)
        });
        let step = usable.unwrap_or_else(|timed_out| panic!("{timed_out}"));
        (step, self.code_at(step))
    }

    /// A 6-digit code that the server accepts at no step it would look at now (from two steps
    /// back to two ahead, to stay wrong while it is typed): a wrong code.
    pub fn wrong_code(&self) -> String {
        let current = now().as_secs() / STEP_SECONDS;
        let valid: Vec<String> =
            (current.saturating_sub(2)..=current + 2).map(|step| self.code_at(step)).collect();
        (0..)
            .map(|n: u32| format!("{:06}", (123_456 + n * 111_111) % 1_000_000))
            .find(|candidate| !valid.contains(candidate))
            .expect("only five codes are valid")
    }
}

/// The time since the Unix epoch.
fn now() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("the clock is after 1970")
}

/// The earliest step later than `last_used` that the server accepts at `now` and will still
/// accept [`TYPING_MARGIN`] later (step `s` is accepted while the current step is `s - 1`,
/// `s` or `s + 1`).
fn usable_step(now: Duration, last_used: Option<u64>) -> Option<u64> {
    let current = now.as_secs() / STEP_SECONDS;
    (current.saturating_sub(1)..=current + 1)
        .filter(|step| last_used.is_none_or(|used| *step > used))
        .find(|step| Duration::from_secs((step + 2) * STEP_SECONDS) >= now + TYPING_MARGIN)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Totp, usable_step};

    /// RFC 6238's SHA-1 seed, "12345678901234567890", in base32.
    const RFC_KEY: &str = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ";

    #[test]
    fn reads_the_key_as_shown_in_groups_of_four() {
        let totp = Totp::from_base32(RFC_KEY).expect("base32");
        assert_eq!(totp.key(), b"12345678901234567890");
        assert_eq!(Totp::from_base32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq"), Ok(totp));
        assert!(Totp::from_base32("GEZD 1NBV").expect_err("1 is not base32").contains("'1'"));
        assert!(Totp::from_base32("  ").is_err());
    }

    #[test]
    fn gives_the_rfc_6238_codes() {
        // RFC 6238, appendix B (SHA-1): the last six of its eight digits.
        let totp = Totp::from_base32(RFC_KEY).expect("base32");
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(totp.code_at(time / 30), code, "at {time}");
        }
    }

    #[test]
    fn the_next_code_is_later_than_the_last_used_and_lives_long_enough_to_type() {
        let at = |seconds| Duration::from_secs(seconds);
        // Early in step 100: step 99 is still good for more than the margin.
        assert_eq!(usable_step(at(3_001), None), Some(99));
        // Late in step 100: step 99 ends too soon, step 100 has a full step left.
        assert_eq!(usable_step(at(3_028), None), Some(100));
        assert_eq!(usable_step(at(3_001), Some(99)), Some(100));
        assert_eq!(usable_step(at(3_001), Some(100)), Some(101));
        assert_eq!(usable_step(at(3_001), Some(101)), None);
    }

    #[test]
    fn a_wrong_code_is_none_of_the_codes_of_the_window() {
        let totp = Totp::from_base32(RFC_KEY).expect("base32");
        let wrong = totp.wrong_code();
        let (step, right) = totp.next_code(None);
        assert_ne!(wrong, right, "step {step}");
        assert_eq!(wrong.len(), 6);
    }
}
