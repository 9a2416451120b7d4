//! `/account`: the signed-in person's own two-step verification and password, for every role.

#![warn(missing_docs)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Client, PASSWORD, Pending, TestServer, now, start};
use serde_json::{Value, json};
use twostep_contract::problem_types;
use twostep_server::two_step::totp;

const ACCOUNT: &str = "/api/v1/account";

async fn post(
    server: &TestServer,
    client: &Client,
    path: &str,
    body: Option<Value>,
) -> common::Answer {
    server.call(Method::POST, &format!("{ACCOUNT}{path}"), Some(client), body).await
}

/// The kinds of the audit events of `email`, oldest first.
async fn own_events(server: &TestServer, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT a.kind FROM audit_events a JOIN members m ON m.id = a.actor_member_id
         WHERE m.email = $1 ORDER BY a.id",
    )
    .bind(email)
    .fetch_all(&server.app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_account_shows_the_state_of_two_step_verification() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let account = server.get_json(ACCOUNT, &sam).await;
    assert_eq!(
        account,
        json!({
            "name": "Sam Okafor",
            "email": "sam@northwind.example",
            "required": false,
            "method": null,
            "enrolled_at": null,
            "recovery_codes_left": 0,
            "primary_method": "authenticator_app",
        })
    );
    let maya = server.sign_in("maya@northwind.example").await;
    let account = server.get_json(ACCOUNT, &maya).await;
    assert_eq!(account["required"], true);
    assert_eq!(account["method"], "authenticator_app");
    assert_eq!(account["enrolled_at"], "2025-09-01T09:00:00Z");
    let priya = server.sign_in("priya@northwind.example").await;
    let phone = server.get_json(ACCOUNT, &priya).await["phone_number"].as_str().unwrap().to_owned();
    assert!(phone.starts_with("+44") && !phone.contains("7700900"), "{phone}");
    server
        .call(Method::GET, ACCOUNT, None, None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
}

#[tokio::test]
async fn a_member_not_required_sets_up_and_changes_their_method() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    post(&server, &sam, "/two-step/complete", Some(json!({"code": "123456"})))
        .await
        .problem(409, problem_types::START_REQUIRED);
    post(&server, &sam, "/recovery-codes", None).await.problem(409, problem_types::NOT_SET_UP);
    let csrf = Client { cookie: sam.cookie.clone(), csrf: "nope".into() };
    post(&server, &csrf, "/two-step/start", Some(json!({"method": "email"})))
        .await
        .problem(403, problem_types::CSRF);

    // Unknown fields are refused, before anything is sent.
    for (path, body, field) in [
        ("/two-step/start", json!({"method": "email", "channel": "x"}), "channel"),
        ("/two-step/complete", json!({"code": "123456", "remember": true}), "remember"),
    ] {
        let problem =
            post(&server, &sam, path, Some(body)).await.problem(422, problem_types::VALIDATION);
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    assert!(server.outbox().is_empty());

    // Email verification.
    let started = post(&server, &sam, "/two-step/start", Some(json!({"method": "email"}))).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    post(&server, &sam, "/two-step/start", Some(json!({"method": "email"})))
        .await
        .problem(429, problem_types::RESEND_TOO_SOON);
    let wrong = post(&server, &sam, "/two-step/complete", Some(json!({"code": "000000"}))).await;
    assert_eq!(wrong.problem(422, problem_types::WRONG_CODE)["attempts_left"], 4);
    let code = server.outbox_code("email");
    let done = post(&server, &sam, "/two-step/complete", Some(json!({"code": code}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let body = done.json();
    assert_eq!(body["recovery_codes"].as_array().unwrap().len(), 10);
    assert_eq!(body["account"]["method"], "email");
    assert_eq!(body["account"]["recovery_codes_left"], 10);

    // Then an authenticator app: the old method stays until the new one is confirmed.
    let started =
        post(&server, &sam, "/two-step/start", Some(json!({"method": "authenticator_app"}))).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    assert_eq!(server.get_json(ACCOUNT, &sam).await["method"], "email");
    let key = server.key_of_uri(started.json()["authenticator"]["otpauth_uri"].as_str().unwrap());
    let (_, code) = totp::next_code(&key, now(), None).unwrap();
    let done = post(&server, &sam, "/two-step/complete", Some(json!({"code": code}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["account"]["method"], "authenticator_app");

    let regenerated = post(&server, &sam, "/recovery-codes", None).await;
    assert_eq!(regenerated.status, StatusCode::OK, "{}", regenerated.text());
    assert_eq!(regenerated.json()["recovery_codes"].as_array().unwrap().len(), 10);

    assert_eq!(
        own_events(&server, "sam@northwind.example").await,
        ["two_step_set_up", "two_step_set_up", "recovery_codes_regenerated"]
    );
    let maya = server.sign_in("maya@northwind.example").await;
    let events = server.get_json("/api/v1/audit-events?kind=two_step_set_up", &maya).await;
    assert_eq!(events["items"][0]["method"], "authenticator_app");
    assert_eq!(events["items"][0]["method_before"], "email");

    // Sam, not required, still signs in with the password alone.
    let answer = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn a_technician_of_a_forced_group_reaches_their_account_and_no_admin_endpoint() {
    let server = start().await;
    server.add_technician("Tom Reyes", "tom@northwind.example", "Tier 2").await;
    server.give_password("tom@northwind.example").await;
    let tom = server.sign_in("tom@northwind.example").await;
    let account = server.get_json(ACCOUNT, &tom).await;
    assert_eq!(account["required"], true);
    assert_eq!(account["method"], "authenticator_app");
    let policy =
        server.call(Method::GET, "/api/v1/two-step-verification/policy", Some(&tom), None).await;
    policy.problem(403, problem_types::FORBIDDEN);
}

#[tokio::test]
async fn a_password_change_checks_both_passwords() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    let cases = [
        (change("wrong", "a-long-new-password"), "current_password"),
        (change(PASSWORD, "short"), "new_password"),
        (change(PASSWORD, &"x".repeat(257)), "new_password"),
        (change(PASSWORD, PASSWORD), "new_password"),
        (json!({"current_password": PASSWORD, "new_password": "a-long-new-password", "x": 1}), "x"),
    ];
    for (body, field) in cases {
        let problem = post(&server, &sam, "/password", Some(body))
            .await
            .problem(422, problem_types::VALIDATION);
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    assert!(own_events(&server, "sam@northwind.example").await.is_empty());
}

#[tokio::test]
async fn wrong_current_passwords_count_with_failed_sign_ins() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let wrong = json!({"current_password": "wrong", "new_password": "a-long-new-password"});
    // Four failed sign-ins, then one wrong current password: the fifth failure for the email.
    for _ in 0..4 {
        let failed = server.sign_in_with("sam@northwind.example", "not-it").await;
        assert_eq!(failed.status.as_u16(), 401, "{}", failed.text());
    }
    post(&server, &sam, "/password", Some(wrong.clone()))
        .await
        .problem(422, problem_types::VALIDATION);
    // Now even the right current password waits, as the sign-in page would.
    let right = json!({"current_password": PASSWORD, "new_password": "a-long-new-password"});
    let refused = post(&server, &sam, "/password", Some(right)).await;
    refused.problem(429, problem_types::TOO_MANY_REQUESTS);
    let retry: i64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((28..=30).contains(&retry), "{retry}");
    let signed_in = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(signed_in.status.as_u16(), 429, "{}", signed_in.text());
}

#[tokio::test]
async fn a_password_change_without_a_second_step_ends_the_other_sessions() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let other = server.sign_in("sam@northwind.example").await;
    let changed = post(
        &server,
        &sam,
        "/password",
        Some(json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"})),
    )
    .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text());
    assert_eq!(server.call(Method::GET, "/api/v1/session", Some(&sam), None).await.status, 200);
    server
        .call(Method::GET, "/api/v1/session", Some(&other), None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
    assert_eq!(server.sign_in_with("sam@northwind.example", PASSWORD).await.status, 401);
    let answer = server.sign_in_with("sam@northwind.example", "a-brand-new-password").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(own_events(&server, "sam@northwind.example").await, ["password_changed"]);
}

#[tokio::test]
async fn a_password_change_of_a_required_member_takes_a_second_step() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let other = server.sign_in("maya@northwind.example").await;
    let answer = post(
        &server,
        &maya,
        "/password",
        Some(json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"})),
    )
    .await;
    let pending = Pending::of(&answer);
    let body = answer.json();
    assert_eq!(body["purpose"], "password_change");
    assert_eq!(body["step"], "verify");
    // Nothing has changed yet.
    assert_eq!(server.call(Method::GET, "/api/v1/session", Some(&other), None).await.status, 200);
    assert!(own_events(&server, "maya@northwind.example").await.is_empty());

    server
        .complete(&pending, json!({"code": "000000"}))
        .await
        .problem(422, problem_types::WRONG_CODE);
    let done = server.verify("maya@northwind.example", &pending, "authenticator_app").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let session = done.json()["session"].clone();
    assert_eq!(session["csrf_token"], maya.csrf.as_str(), "the caller's own session");
    assert!(
        !done
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("twostep_session=")),
        "no new session"
    );
    assert_eq!(server.call(Method::GET, "/api/v1/session", Some(&maya), None).await.status, 200);
    server
        .call(Method::GET, "/api/v1/session", Some(&other), None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
    assert_eq!(own_events(&server, "maya@northwind.example").await, ["password_changed"]);
    let answer = server.sign_in_with("maya@northwind.example", "a-brand-new-password").await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn a_required_member_without_a_setup_sets_one_up_to_change_the_password() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    // Reset her, then ask for a change: the second step is a set-up.
    server.execute("DELETE FROM two_step_enrollments WHERE member_id = (SELECT id FROM members WHERE email = 'ines@northwind.example')").await;
    let answer = post(
        &server,
        &ines,
        "/password",
        Some(json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"})),
    )
    .await;
    let pending = Pending::of(&answer);
    assert_eq!(answer.json()["step"], "set_up");
    let done = server.set_up_authenticator("ines@northwind.example", &pending).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["recovery_codes"].as_array().unwrap().len(), 10);
    assert_eq!(server.call(Method::GET, "/api/v1/session", Some(&ines), None).await.status, 200);
    assert_eq!(
        own_events(&server, "ines@northwind.example").await,
        ["two_step_set_up", "two_step_set_up", "password_changed"]
    );
}
