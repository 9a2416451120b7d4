//! `twostep-server code <EMAIL>`: prints the authenticator code the server accepts next, read
//! with the key file beside the database; clear errors otherwise.

#![warn(missing_docs)]

mod common;

use std::process::Command;

use axum::http::StatusCode;
use common::start;
use serde_json::json;

fn code(server: &common::TestServer, email: &str) -> std::process::Output {
    let url = format!("sqlite://{}", server.dir.path().join("data/twostep.db").display());
    Command::new(env!("CARGO_BIN_EXE_twostep-server"))
        .args(["code", "--database-url", &url, email])
        .env_remove("TWOSTEP_SECRET_KEY")
        .env_remove("TWOSTEP_DATABASE_URL")
        .output()
        .unwrap()
}

#[tokio::test]
async fn it_prints_the_code_the_server_accepts_next() {
    let server = start().await;
    // Typed as a person may type it at sign-in.
    let output = code(&server, "Maya@Northwind.example");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let printed = String::from_utf8(output.stdout).unwrap();
    let printed = printed.trim_end_matches('\n');
    assert!(printed.len() == 6 && printed.bytes().all(|b| b.is_ascii_digit()), "{printed:?}");
    let (pending, _) = server.pending("maya@northwind.example").await;
    let done = server.complete(&pending, json!({"code": printed})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    // The next call prints a later step's code, never the one just used.
    let output = code(&server, "maya@northwind.example");
    assert!(output.status.success());
    assert_ne!(String::from_utf8(output.stdout).unwrap().trim(), printed);
}

#[tokio::test]
async fn members_without_an_authenticator_app_are_refused_clearly() {
    let server = start().await;
    for (email, says) in [
        ("priya@northwind.example", "uses SMS verification, not an authenticator app"),
        ("ines@northwind.example", "has not set up an authenticator app"),
        ("nobody@northwind.example", "no member has the email address nobody@northwind.example"),
    ] {
        let output = code(&server, email);
        assert_eq!(output.status.code(), Some(2), "{email}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(says), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[tokio::test]
async fn when_every_code_of_the_moment_was_used_it_names_when_the_next_one_comes() {
    let server = start().await;
    let now = common::now();
    let last = twostep_server::two_step::totp::step_at(now) + 1;
    server
        .execute(&format!(
            "UPDATE two_step_enrollments SET totp_last_step = {last}
             WHERE member_id = (SELECT id FROM members WHERE email = 'maya@northwind.example')"
        ))
        .await;
    let next = twostep_server::code::next(
        &server.app.db,
        &server.app.state.secrets,
        "maya@northwind.example",
        now,
    )
    .await
    .unwrap();
    let twostep_server::code::NextCode::WaitUntil(at) = next else { panic!("{next:?}") };
    assert!(now < at && at <= now + 30, "{at} after {now}");
    let later = twostep_server::code::next(
        &server.app.db,
        &server.app.state.secrets,
        "maya@northwind.example",
        at,
    )
    .await
    .unwrap();
    assert!(matches!(later, twostep_server::code::NextCode::Ready(_)), "{later:?}");
}
