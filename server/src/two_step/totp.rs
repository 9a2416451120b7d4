//! Authenticator app codes: TOTP per RFC 6238 with HMAC-SHA-1, 6 digits and 30-second steps,
//! accepting one step of clock drift either way, and each step once only.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use twostep_contract::{AuthenticatorSetup, CODE_DIGITS};

use super::qr;
use crate::auth::constant_time_eq;
use crate::error::Result;

/// The length of a step, in seconds.
pub const STEP_SECONDS: i64 = 30;

/// The length of a new key, in bytes (160 bits, as RFC 4226 recommends).
pub const KEY_BYTES: usize = 20;

/// The name the authenticator app shows beside the account.
pub const ISSUER: &str = "Twostep Admin";

/// A new random key.
pub fn new_key() -> Result<Vec<u8>> {
    Ok(crate::auth::random_bytes::<KEY_BYTES>()?.to_vec())
}

/// The step that unix time `unix` falls in.
pub fn step_at(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECONDS)
}

/// The code of `key` at `step` (RFC 4226's HOTP of the step counter), 6 digits.
pub fn code(key: &[u8], step: i64) -> String {
    // HMAC takes keys of any length.
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:0width$}", binary % 10u32.pow(CODE_DIGITS as u32), width = CODE_DIGITS)
}

/// The steps accepted at `now_unix`, earliest first: the current one and one either side,
/// those later than `last_used_step` only.
fn window(now_unix: i64, last_used_step: Option<i64>) -> impl Iterator<Item = i64> {
    let now = step_at(now_unix);
    (now - 1..=now + 1).filter(move |step| last_used_step.is_none_or(|used| *step > used))
}

/// The step whose code is `code`, among those accepted at `now_unix` and later than
/// `last_used_step`; every candidate is compared, in constant time.
pub fn accepted_step(
    key: &[u8],
    code: &str,
    now_unix: i64,
    last_used_step: Option<i64>,
) -> Option<i64> {
    let mut found = None;
    for step in window(now_unix, last_used_step) {
        if constant_time_eq(self::code(key, step).as_bytes(), code.as_bytes()) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// The earliest step the server would accept now, with its code; `None` when every step of the
/// window has been used.
pub fn next_code(key: &[u8], now_unix: i64, last_used_step: Option<i64>) -> Option<(i64, String)> {
    window(now_unix, last_used_step).next().map(|step| (step, code(key, step)))
}

/// `bytes` in base32 (RFC 4648 alphabet, no padding), as authenticator apps take keys.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// `text` in groups of four characters separated by spaces, for people who type the key.
pub fn grouped(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// The `otpauth://` URI of `key` for the account `account_email`, which authenticator apps
/// read from the QR code.
pub fn otpauth_uri(account_email: &str, key: &[u8]) -> String {
    use twostep_contract::encode_component as enc;
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={CODE_DIGITS}&period={STEP_SECONDS}",
        enc(ISSUER),
        enc(account_email),
        base32(key),
        enc(ISSUER),
    )
}

/// What the set-up screen shows for `key`: the URI, its QR code and the key in groups of four.
pub fn setup(account_email: &str, key: &[u8]) -> Result<AuthenticatorSetup> {
    let otpauth_uri = otpauth_uri(account_email, key);
    Ok(AuthenticatorSetup {
        qr_svg: qr::svg(&otpauth_uri)?,
        key: grouped(&base32(key)),
        otpauth_uri,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SHA-1 key of RFC 6238's test vectors: "12345678901234567890".
    const RFC_KEY: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_test_vectors_for_sha1() {
        // RFC 6238, Appendix B: times and 8-digit TOTPs; these are their last 6 digits.
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, eight_digits) in vectors {
            assert_eq!(code(RFC_KEY, step_at(time)), &eight_digits[2..], "at {time}");
        }
    }

    #[test]
    fn rfc_4226_hotp_values() {
        // RFC 4226, Appendix D: HOTP of counters 0..9.
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (counter, want) in expected.iter().enumerate() {
            assert_eq!(code(RFC_KEY, counter as i64), *want);
        }
    }

    #[test]
    fn one_step_of_drift_either_way_is_accepted_and_no_more() {
        let now = 1_234_567_890;
        let step = step_at(now);
        for drift in -1..=1 {
            let typed = code(RFC_KEY, step + drift);
            assert_eq!(accepted_step(RFC_KEY, &typed, now, None), Some(step + drift));
        }
        for drift in [-2, 2] {
            let typed = code(RFC_KEY, step + drift);
            assert_eq!(accepted_step(RFC_KEY, &typed, now, None), None, "drift {drift}");
        }
        assert_eq!(accepted_step(RFC_KEY, "12345", now, None), None);
    }

    #[test]
    fn a_step_is_accepted_once_only() {
        let now = 1_234_567_890;
        let step = step_at(now);
        let typed = code(RFC_KEY, step);
        assert_eq!(accepted_step(RFC_KEY, &typed, now, Some(step)), None);
        assert_eq!(accepted_step(RFC_KEY, &typed, now, Some(step - 1)), Some(step));
        assert_eq!(next_code(RFC_KEY, now, Some(step)), Some((step + 1, code(RFC_KEY, step + 1))));
        assert_eq!(next_code(RFC_KEY, now, None).map(|(s, _)| s), Some(step - 1));
        assert_eq!(next_code(RFC_KEY, now, Some(step + 1)), None);
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(RFC_KEY), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn the_key_is_shown_in_groups_of_four() {
        assert_eq!(grouped("GEZDGNBVGY"), "GEZD GNBV GY");
    }

    #[test]
    fn the_uri_names_issuer_account_and_parameters() {
        let uri = otpauth_uri("inès@northwind.example", RFC_KEY);
        assert_eq!(
            uri,
            "otpauth://totp/Twostep%20Admin:in%C3%A8s%40northwind.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Twostep%20Admin&algorithm=SHA1&digits=6&period=30"
        );
    }
}
