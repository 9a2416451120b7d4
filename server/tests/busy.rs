//! A busy database: while another connection holds SQLite's write lock, writes wait for it up
//! to the busy timeout, then answer 503 with Retry-After and change nothing; once the lock is
//! released they work again.

#![warn(missing_docs)]

mod common;

use std::time::Duration;

use axum::http::Method;
use common::{Answer, Client, TestServer, start_with_limits};
use serde_json::json;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use twostep_contract::problem_types;
use twostep_server::Limits;

const SESSION: &str = "/api/v1/session";

/// Every request of these tests must answer within this (the busy timeout is 1 s).
const BOUND: Duration = Duration::from_secs(20);

async fn start() -> TestServer {
    start_with_limits(Limits { busy_timeout: Duration::from_secs(1), ..Limits::default() }).await
}

/// A second connection to the server's database file that holds the write lock until
/// released, as a long write of another process would.
async fn hold_write_lock(server: &TestServer) -> SqliteConnection {
    let options = SqliteConnectOptions::new().filename(server.dir.path().join("data/twostep.db"));
    let mut holder = SqliteConnection::connect_with(&options).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut holder).await.unwrap();
    holder
}

async fn release(mut holder: SqliteConnection) {
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    holder.close().await.unwrap();
}

async fn within_bound(answer: impl Future<Output = Answer>) -> Answer {
    tokio::time::timeout(BOUND, answer).await.expect("the server answered within the bound")
}

/// Asserts a 503 `unavailable` problem with Retry-After, saying nothing was changed.
fn assert_busy(answer: &Answer) {
    let body = answer.problem(503, problem_types::UNAVAILABLE);
    let retry_after: u64 = answer.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!(retry_after >= 1, "{retry_after}");
    assert!(body["detail"].as_str().unwrap().contains("nothing was changed"), "{body}");
}

/// The first technician group: its id and revision.
async fn first_group(server: &TestServer) -> (i64, i64) {
    sqlx::query_as("SELECT id, revision FROM technician_groups ORDER BY id LIMIT 1")
        .fetch_one(&server.app.db)
        .await
        .unwrap()
}

async fn save_group(server: &TestServer, client: &Client, id: i64, revision: i64) -> Answer {
    let force: bool =
        sqlx::query_scalar("SELECT force_two_step FROM technician_groups WHERE id = $1")
            .bind(id)
            .fetch_one(&server.app.db)
            .await
            .unwrap();
    server
        .call_with(
            Method::PATCH,
            &format!("/api/v1/technician-groups/{id}"),
            Some(client),
            Some(json!({ "force_two_step": !force })),
            &[("if-match", &format!("\"{revision}\""))],
        )
        .await
}

#[tokio::test]
async fn writes_wait_for_the_lock_then_answer_503_and_change_nothing() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let (group, revision) = first_group(&server).await;
    let events = server.scalar("SELECT COUNT(*) FROM audit_events").await;

    let holder = hold_write_lock(&server).await;
    let (sign_out, saved) = tokio::join!(
        within_bound(server.call(Method::DELETE, SESSION, Some(&maya), None)),
        within_bound(save_group(&server, &maya, group, revision)),
    );
    assert_busy(&sign_out);
    assert_busy(&saved);
    // Reads go on meanwhile: the session is still there, the group as it was.
    let session = within_bound(server.call(Method::GET, SESSION, Some(&maya), None)).await;
    assert_eq!(session.status.as_u16(), 200, "{}", session.text());
    release(holder).await;

    assert_eq!(first_group(&server).await, (group, revision), "the group is unchanged");
    assert_eq!(server.scalar("SELECT COUNT(*) FROM audit_events").await, events);
}

#[tokio::test]
async fn after_the_lock_is_released_the_sign_out_works_and_the_session_is_gone() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let (group, revision) = first_group(&server).await;

    let holder = hold_write_lock(&server).await;
    let refused = within_bound(server.call(Method::DELETE, SESSION, Some(&maya), None)).await;
    assert_busy(&refused);
    release(holder).await;

    let saved = within_bound(save_group(&server, &maya, group, revision)).await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.text());
    let out = within_bound(server.call(Method::DELETE, SESSION, Some(&maya), None)).await;
    assert_eq!(out.status.as_u16(), 204, "{}", out.text());
    let after = within_bound(server.call(Method::GET, SESSION, Some(&maya), None)).await;
    after.problem(401, problem_types::UNAUTHENTICATED);
    let sessions = server
        .scalar(
            "SELECT COUNT(*) FROM sessions
             WHERE member_id = (SELECT id FROM members WHERE email = 'maya@northwind.example')",
        )
        .await;
    assert_eq!(sessions, 0, "the session is gone");
}

#[tokio::test]
async fn a_method_change_on_a_busy_database_answers_503_and_resets_nothing() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let generation = "SELECT reset_generation * 1000 + revision FROM policies
                      WHERE organization_id = (SELECT organization_id FROM members
                                               WHERE email = 'maya@northwind.example')";
    let before = server.scalar(generation).await;

    let holder = hold_write_lock(&server).await;
    let body = json!({"administrators": "all", "technicians": "all", "primary_method": "sms",
                      "confirm_reset": true});
    let answer = within_bound(server.put_policy(&maya, Some("\"1\""), body)).await;
    assert_busy(&answer);
    release(holder).await;
    assert_eq!(server.scalar(generation).await, before);
}
