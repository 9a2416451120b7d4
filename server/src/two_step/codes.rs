//! Random codes: the one-time codes sent by SMS and email, the recovery codes, and the tokens
//! of pending steps and approval links.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use twostep_contract::{CODE_DIGITS, RECOVERY_CODE_COUNT};

use crate::auth::random_bytes;
use crate::error::Result;

/// The letters of recovery codes: lowercase and digits without the look-alikes 0, o, 1, l and i.
const RECOVERY_ALPHABET: &[u8; 31] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// The characters of a recovery code, without its dashes.
const RECOVERY_CHARS: usize = 12;

/// A uniformly random number below `bound`, from the operating system's random source.
fn below(bound: u32) -> Result<u32> {
    // Rejection sampling: drop the top values that would make small numbers more likely.
    let limit = u32::MAX - u32::MAX % bound;
    loop {
        let value = u32::from_le_bytes(random_bytes::<4>()?);
        if value < limit {
            return Ok(value % bound);
        }
    }
}

/// A new 6-digit code, each digit equally likely.
pub fn one_time_code() -> Result<String> {
    (0..CODE_DIGITS).map(|_| below(10).map(|d| char::from(b'0' + d as u8))).collect()
}

/// Ten new recovery codes, such as `7kq4-m2xd-9pwa` (60 bits each).
pub fn recovery_codes() -> Result<Vec<String>> {
    (0..RECOVERY_CODE_COUNT)
        .map(|_| {
            let chars = (0..RECOVERY_CHARS)
                .map(|_| {
                    below(RECOVERY_ALPHABET.len() as u32).map(|i| RECOVERY_ALPHABET[i as usize])
                })
                .collect::<Result<Vec<u8>>>()?;
            let groups: Vec<&str> =
                chars.chunks(4).map(|g| std::str::from_utf8(g).unwrap_or_default()).collect();
            Ok(groups.join("-"))
        })
        .collect()
}

/// The canonical form of a recovery code as typed (lowercase, without spaces and dashes), the
/// form that is digested; `None` when it cannot be one.
pub fn normalized_recovery_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == RECOVERY_CHARS && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// A new unguessable token (base64url of 32 random bytes), for cookies and approval links.
pub fn token() -> Result<String> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<32>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_codes_are_six_digits() {
        for _ in 0..50 {
            let code = one_time_code().unwrap();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_read_back_however_typed() {
        let codes = recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 10);
        for code in &codes {
            assert_eq!(code.len(), 14);
            let canonical = normalized_recovery_code(code).unwrap();
            assert_eq!(
                normalized_recovery_code(&code.to_uppercase().replace('-', " ")),
                Some(canonical)
            );
        }
        assert_eq!(normalized_recovery_code("7kq4-m2xd-9pw"), None);
        assert_eq!(normalized_recovery_code("7kq4-m2xd-9pw0"), None);
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(token().unwrap(), token().unwrap());
        assert_eq!(token().unwrap().len(), 43);
    }
}
