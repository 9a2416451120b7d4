//! What the database file holds after set-ups: no TOTP key (raw or base32), no recovery code,
//! no phone number in clear; and no code or key in an audit event.

#![warn(missing_docs)]

mod common;

use axum::http::{Method, StatusCode};
use common::{TestServer, now, session_client, start};
use serde_json::json;
use twostep_server::two_step::totp;

/// Every byte of the database, its write-ahead log and shared-memory file.
fn database_bytes(server: &TestServer) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = server.dir.path().join(format!("data/twostep.db{suffix}"));
        if let Ok(content) = std::fs::read(&path) {
            bytes.extend(content);
        }
    }
    assert!(bytes.len() > 4096, "the database was read");
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_database_holds_no_key_recovery_code_or_phone_number_in_clear() {
    let server = start().await;
    // An authenticator app set up at sign-in.
    let (pending, _) = server.pending("ines@northwind.example").await;
    let started = server.start(&pending, json!({"method": "authenticator_app"})).await;
    let uri = started.json()["authenticator"]["otpauth_uri"].as_str().unwrap().to_owned();
    let key = server.key_of_uri(&uri);
    let (_, code) = totp::next_code(&key, now(), None).unwrap();
    let done = server.complete(&pending, json!({"code": code})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let mut recovery: Vec<String> = done.json()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    let ines = session_client(&done);
    let regenerated =
        server.call(Method::POST, "/api/v1/account/recovery-codes", Some(&ines), None).await;
    recovery.extend(
        regenerated.json()["recovery_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned()),
    );

    // SMS set up from My account.
    let sam = server.sign_in("sam@northwind.example").await;
    let started = server
        .call(
            Method::POST,
            "/api/v1/account/two-step/start",
            Some(&sam),
            Some(json!({"method": "sms", "phone_number": "+44 7700 900456"})),
        )
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    let sms_code = server.outbox_code("sms");
    let done = server
        .call(
            Method::POST,
            "/api/v1/account/two-step/complete",
            Some(&sam),
            Some(json!({"code": sms_code})),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());

    let bytes = database_bytes(&server);
    let base32 = totp::base32(&key);
    assert!(!contains(&bytes, base32.as_bytes()), "the base32 key is in the database");
    assert!(!contains(&bytes, base32.to_lowercase().as_bytes()));
    assert!(!contains(&bytes, &key), "the raw key is in the database");
    for code in &recovery {
        let canonical = code.replace('-', "");
        assert!(!contains(&bytes, code.as_bytes()), "recovery code {code} is in the database");
        assert!(!contains(&bytes, canonical.as_bytes()), "recovery code {code} is in the database");
    }
    for phone in ["+447700900456", "447700900456", "7700900456", "7700 900456"] {
        assert!(!contains(&bytes, phone.as_bytes()), "{phone} is in the database");
    }
    // The seed's phone numbers are sealed too.
    assert!(!contains(&bytes, b"+447700900"), "a seeded phone number is in the database");

    // No audit event holds a code or a key.
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT COALESCE(before, '') || COALESCE(after, '') || COALESCE(detail, '') FROM audit_events",
    )
    .fetch_all(&server.app.db)
    .await
    .unwrap();
    assert!(events.len() >= 3, "{events:?}");
    for event in &events {
        for secret in recovery.iter().chain([&code, &sms_code, &base32]) {
            assert!(!event.contains(secret.as_str()), "{event} holds {secret}");
        }
    }
}
