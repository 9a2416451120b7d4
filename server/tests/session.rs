//! Signing in and out, as a client observes it.

#![warn(missing_docs)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Client, PASSWORD, start};
use serde_json::json;
use twostep_contract::problem_types;

#[tokio::test]
async fn signing_in_sets_a_strict_http_only_cookie_and_returns_the_session() {
    // Sam, a technician of a group that does not force two-step verification, need not use it:
    // the password alone signs him in.
    let server = start().await;
    let answer = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let cookie = answer.header("set-cookie").unwrap();
    let token = cookie.split(';').next().unwrap().strip_prefix("twostep_session=").unwrap();
    assert_eq!(token.len(), 43, "32 bytes in base64url without padding: {token}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} missing in {cookie}");
    }
    let session = answer.json();
    assert_eq!(session["user"]["name"], "Sam Okafor");
    assert_eq!(session["user"]["email"], "sam@northwind.example");
    assert_eq!(session["user"]["roles"], json!(["technician"]));
    assert_eq!(session["organization"]["name"], "Northwind Support");
    assert!(session["csrf_token"].as_str().unwrap().len() >= 32);
}

#[tokio::test]
async fn email_is_matched_without_regard_to_case_or_spaces() {
    let server = start().await;
    let answer = server.sign_in_with("  Sam@Northwind.Example ", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_401_without_cookie() {
    let server = start().await;
    let wrong = server.sign_in_with("maya@northwind.example", "nope").await;
    let body = wrong.problem(401, problem_types::INVALID_CREDENTIALS);
    assert_eq!(body["detail"], "The email or password is incorrect.");
    assert!(wrong.header("set-cookie").is_none());
    let unknown = server.sign_in_with("nobody@northwind.example", PASSWORD).await;
    assert_eq!(unknown.problem(401, problem_types::INVALID_CREDENTIALS), body);
    assert!(unknown.header("set-cookie").is_none());
}

#[tokio::test]
async fn after_five_failures_even_the_right_password_waits_30_seconds() {
    // From one address (requests without connection info all count as 0.0.0.0); see
    // sign_in_limits.rs for other addresses and the growing waits.
    let server = start().await;
    for _ in 0..5 {
        let answer = server.sign_in_with("ines@northwind.example", "wrong").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = server.sign_in_with("ines@northwind.example", PASSWORD).await;
    blocked.problem(429, problem_types::TOO_MANY_REQUESTS);
    let retry_after: i64 = blocked.header("retry-after").unwrap().parse().unwrap();
    assert!((28..=30).contains(&retry_after), "{retry_after}");
    assert!(blocked.header("set-cookie").is_none());
    let other = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(other.status, StatusCode::OK, "other emails are not blocked");
}

#[tokio::test]
async fn a_missing_field_is_422_naming_it() {
    let server = start().await;
    let answer = server
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": "maya@northwind.example"})),
        )
        .await;
    let body = answer.problem(422, problem_types::VALIDATION);
    assert_eq!(body["errors"][0]["field"], "password");
    let empty = server.sign_in_with("", "").await;
    let body = empty.problem(422, problem_types::VALIDATION);
    let fields: Vec<_> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
    assert_eq!(fields, vec![json!("email"), json!("password")]);
}

#[tokio::test]
async fn an_unknown_field_is_422_naming_it_and_counts_no_attempt() {
    let server = start().await;
    let body = json!({"email": "maya@northwind.example", "password": PASSWORD, "remember": true});
    let answer = server.call(Method::POST, "/api/v1/session", None, Some(body)).await;
    let problem = answer.problem(422, problem_types::VALIDATION);
    assert_eq!(problem["errors"][0]["field"], "remember", "{problem}");
    assert_eq!(server.scalar("SELECT COUNT(*) FROM sign_in_throttle").await, 0);
}

#[tokio::test]
async fn an_email_is_at_most_254_characters_as_sent_and_white_space_alone_is_empty() {
    let server = start().await;
    let long = format!("{}@northwind.example", "a".repeat(254 - 18));
    assert_eq!(long.chars().count(), 254);
    // 254 characters as sent: checked (and unknown, so 401).
    server.sign_in_with(&long, PASSWORD).await.problem(401, problem_types::INVALID_CREDENTIALS);
    // The same with white space around it: 256 as sent, refused before anything is counted.
    let problem = server
        .sign_in_with(&format!(" {long} "), PASSWORD)
        .await
        .problem(422, problem_types::VALIDATION);
    assert_eq!(problem["errors"][0]["field"], "email");
    let problem =
        server.sign_in_with(" \t ", PASSWORD).await.problem(422, problem_types::VALIDATION);
    assert_eq!(problem["errors"][0]["message"], "Enter your email address.");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let server = start().await;
    let request = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("email=maya"))
        .unwrap();
    server.send(request).await.problem(415, problem_types::UNSUPPORTED_MEDIA_TYPE);
    let request = Request::post("/api/v1/session").body(Body::from("{}")).unwrap();
    server.send(request).await.problem(415, problem_types::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn get_session_answers_with_the_same_session_or_401() {
    let server = start().await;
    let anonymous = server.call(Method::GET, "/api/v1/session", None, None).await;
    anonymous.problem(401, problem_types::UNAUTHENTICATED);
    let bogus = Client { cookie: "not-a-session".into(), csrf: String::new() };
    server
        .call(Method::GET, "/api/v1/session", Some(&bogus), None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);

    let client = server.sign_in("leo@northwind.example").await;
    let answer = server.call(Method::GET, "/api/v1/session", Some(&client), None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let session = answer.json();
    assert_eq!(session["csrf_token"], client.csrf.as_str());
    assert_eq!(session["user"]["roles"], json!(["master_administrator", "technician"]));
}

#[tokio::test]
async fn signing_out_needs_the_csrf_token_and_ends_the_session() {
    let server = start().await;
    let client = server.sign_in("maya@northwind.example").await;
    let without = Client { cookie: client.cookie.clone(), csrf: String::new() };
    let refused = server.call(Method::DELETE, "/api/v1/session", Some(&without), None).await;
    refused.problem(403, problem_types::CSRF);
    let wrong = Client { cookie: client.cookie.clone(), csrf: "x".repeat(client.csrf.len()) };
    server
        .call(Method::DELETE, "/api/v1/session", Some(&wrong), None)
        .await
        .problem(403, problem_types::CSRF);
    assert_eq!(
        server.call(Method::GET, "/api/v1/session", Some(&client), None).await.status,
        StatusCode::OK
    );

    let out = server.call(Method::DELETE, "/api/v1/session", Some(&client), None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let cookie = out.header("set-cookie").unwrap();
    assert!(cookie.starts_with("twostep_session=;") && cookie.contains("Max-Age=0"), "{cookie}");
    server
        .call(Method::GET, "/api/v1/session", Some(&client), None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
}

#[tokio::test]
async fn an_expired_session_is_401_and_removed() {
    let server = start().await;
    let client = server.sign_in("maya@northwind.example").await;
    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind(twostep_server::db::now() - 1)
        .execute(&server.app.db)
        .await
        .unwrap();
    server
        .call(Method::GET, "/api/v1/session", Some(&client), None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&server.app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
}
