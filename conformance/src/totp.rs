//! Authenticator app codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps), for the accounts
//! the suite sets up itself.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The code of `key` (base32, spaces and case ignored) for the current 30-second step, or
/// `None` when the key is not base32.
pub fn code_now(key: &str) -> Option<String> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(code_at(&base32(key)?, now / 30))
}

/// The code of a raw key for one step.
pub fn code_at(key: &[u8], step: u64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]) & 0x7fff_ffff;
    format!("{:06}", value % 1_000_000)
}

/// Decodes RFC 4648 base32 without padding; spaces, `=` and case are ignored.
fn base32(text: &str) -> Option<Vec<u8>> {
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=' && *c != '-') {
        let value = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u64 - 'A' as u64,
            c @ '2'..='7' => c as u64 - '2' as u64 + 26,
            _ => return None,
        };
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        // The test key of RFC 6238, appendix B: "12345678901234567890".
        let key = b"12345678901234567890";
        assert_eq!(code_at(key, 59 / 30), "287082");
        assert_eq!(code_at(key, 1_111_111_109 / 30), "081804");
        assert_eq!(code_at(key, 2_000_000_000 / 30), "279037");
    }

    #[test]
    fn base32_reads_the_key_as_shown_to_people() {
        assert_eq!(base32("GEZD GNBV GY3T QOJQ").unwrap(), b"1234567890");
        assert_eq!(base32("gezdgnbvgy3tqojq").unwrap(), b"1234567890");
        assert!(base32("not base32!").is_none());
    }
}
