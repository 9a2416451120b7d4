//! The server's secret key, and what it protects: authenticator keys and phone numbers are
//! stored sealed (ChaCha20-Poly1305), recovery codes and one-time codes as keyed digests
//! (HMAC-SHA-256), so that the database file alone reveals none of them.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::auth::{constant_time_eq, random_bytes};
use crate::error::{Error, Result};

const SETTING: &str = "TWOSTEP_SECRET_KEY (--secret-key)";

/// The prefix of a sealed value: the format's version, so that a later format can be told
/// apart.
const SEALED_PREFIX: &str = "v1:";

const NONCE_BYTES: usize = 12;

/// The secret key (32 bytes); cheap to clone. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct Secrets {
    key: Arc<[u8; 32]>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secrets(..)")
    }
}

impl Secrets {
    /// The key given as 64 hexadecimal characters in `secret_key`, or else the one in
    /// `key_file`, which is created (readable by its owner only) when missing.
    pub fn load(secret_key: Option<&str>, key_file: &Path) -> Result<Secrets> {
        if let Some(hex) = secret_key.map(str::trim).filter(|k| !k.is_empty()) {
            return parse_hex(hex).map(Secrets::from_bytes).ok_or_else(|| {
                Error::config(
                    SETTING,
                    "is not 64 hexadecimal characters (32 bytes); make one with `openssl rand -hex 32`",
                )
            });
        }
        match std::fs::read_to_string(key_file) {
            Ok(text) => parse_hex(text.trim()).map(Secrets::from_bytes).ok_or_else(|| {
                Error::config(
                    SETTING,
                    format!(
                        "the key file {} does not hold 64 hexadecimal characters; restore it from a backup (what it sealed cannot be read without it)",
                        key_file.display()
                    ),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_key_file(key_file),
            Err(e) => Err(Error::io(format!("cannot read the key file {}", key_file.display()), e)),
        }
    }

    /// Secrets with this key.
    pub fn from_bytes(key: [u8; 32]) -> Secrets {
        Secrets { key: Arc::new(key) }
    }

    /// `plain`, encrypted and authenticated under the key with a random nonce, as text.
    pub fn seal(&self, plain: &[u8]) -> Result<String> {
        let nonce = random_bytes::<NONCE_BYTES>()?;
        let sealed = self
            .cipher()
            .encrypt(Nonce::from_slice(&nonce), plain)
            .map_err(|_| Error::Internal("sealing a secret failed".into()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("{SEALED_PREFIX}{}", STANDARD_NO_PAD.encode(bytes)))
    }

    /// What [`Secrets::seal`] sealed; an error when it was sealed under another key or altered.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>> {
        let unreadable = || {
            Error::Internal(
                "a stored secret cannot be read: it was sealed under another key (is TWOSTEP_SECRET_KEY or the key file the one this database was made with?) or was altered"
                    .into(),
            )
        };
        let bytes = sealed
            .strip_prefix(SEALED_PREFIX)
            .and_then(|b64| STANDARD_NO_PAD.decode(b64).ok())
            .filter(|bytes| bytes.len() > NONCE_BYTES)
            .ok_or_else(unreadable)?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        self.cipher().decrypt(Nonce::from_slice(nonce), ciphertext).map_err(|_| unreadable())
    }

    /// The keyed digest (hex HMAC-SHA-256) of `value`, under a key derived for `purpose`, so
    /// that digests made for one purpose are useless for another.
    pub fn digest(&self, purpose: &str, value: &str) -> String {
        let mut mac = self.mac(purpose);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `value` has the digest `stored` for `purpose`, compared in constant time.
    pub fn digest_matches(&self, purpose: &str, value: &str, stored: &str) -> bool {
        constant_time_eq(self.digest(purpose, value).as_bytes(), stored.as_bytes())
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        // The sealing key is derived too, so that it is never the key of the digests.
        let mut mac = self.mac("seal");
        mac.update(b"chacha20poly1305");
        let derived = mac.finalize().into_bytes();
        ChaCha20Poly1305::new(Key::from_slice(&derived))
    }

    fn mac(&self, purpose: &str) -> Hmac<Sha256> {
        let mut derive =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.key[..]).expect("HMAC takes any key");
        derive.update(purpose.as_bytes());
        let purpose_key = derive.finalize().into_bytes();
        <Hmac<Sha256> as Mac>::new_from_slice(&purpose_key).expect("HMAC takes any key")
    }
}

fn parse_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, pair) in text.chunks(2).enumerate() {
        let pair = std::str::from_utf8(pair).ok()?;
        key[i] = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(key)
}

/// Writes a new random key to `path`, readable and writable by its owner only.
fn create_key_file(path: &Path) -> Result<Secrets> {
    use std::io::Write;
    let key = random_bytes::<32>()?;
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| Error::io(format!("cannot create the key file {}", path.display()), e))?;
    file.write_all(format!("{hex}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(format!("cannot write the key file {}", path.display()), e))?;
    tracing::info!(path = %path.display(), "created a new secret key; keep it with the database");
    Ok(Secrets::from_bytes(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> Secrets {
        Secrets::from_bytes([7; 32])
    }

    #[test]
    fn sealed_values_open_under_their_key_only() {
        let sealed = secrets().seal(b"JBSWY3DPEHPK3PXP").unwrap();
        assert!(sealed.starts_with("v1:"));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(secrets().open(&sealed).unwrap(), b"JBSWY3DPEHPK3PXP");
        assert_ne!(secrets().seal(b"same").unwrap(), secrets().seal(b"same").unwrap());
        assert!(Secrets::from_bytes([8; 32]).open(&sealed).is_err());
        let mut altered = sealed.clone();
        altered.pop();
        assert!(secrets().open(&altered).is_err());
        assert!(secrets().open("plain text").is_err());
    }

    #[test]
    fn digests_depend_on_key_purpose_and_value() {
        let d = secrets().digest("recovery", "7kq4m2xd9pwa");
        assert_eq!(d.len(), 64);
        assert!(secrets().digest_matches("recovery", "7kq4m2xd9pwa", &d));
        assert!(!secrets().digest_matches("recovery", "7kq4m2xd9pwb", &d));
        assert!(!secrets().digest_matches("code", "7kq4m2xd9pwa", &d));
        assert!(!Secrets::from_bytes([8; 32]).digest_matches("recovery", "7kq4m2xd9pwa", &d));
    }

    #[test]
    fn the_key_comes_from_the_setting_or_a_private_file_made_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data/secret.key");
        let made = Secrets::load(None, &file).unwrap();
        let sealed = made.seal(b"x").unwrap();
        assert_eq!(Secrets::load(None, &file).unwrap().open(&sealed).unwrap(), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let hex = "07".repeat(32);
        let given = Secrets::load(Some(&hex), &file).unwrap();
        assert_eq!(given.digest("p", "v"), secrets().digest("p", "v"));
    }

    #[test]
    fn a_bad_key_says_what_to_fix() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret.key");
        let message = Secrets::load(Some("abc"), &file).unwrap_err().to_string();
        assert!(message.contains("TWOSTEP_SECRET_KEY") && message.contains("64 hexadecimal"));
        std::fs::write(&file, "not a key").unwrap();
        let message = Secrets::load(None, &file).unwrap_err().to_string();
        assert!(message.contains("secret.key"), "{message}");
    }
}
