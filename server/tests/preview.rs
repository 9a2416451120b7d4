//! `POST /two-step-verification/policy/preview`: the impact of a candidate policy, checked
//! against counts computed here in SQL from the seed, and that nothing is written.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{CONTOSO, NORTHWIND, PREVIEW, TestServer, start};
use serde_json::{Value, json};
use twostep_contract::problem_types;

/// Technician Console versions the seed hands out that are 7.50.3572 or earlier.
const LEGACY_VERSIONS: &str = "('7.50.3572', '7.12.3301', '7.45.3480')";

/// Whether a member of `m` (joined with their group `g`) is required under the seed's saved
/// Northwind policy: administrators all, technicians of forced groups.
const REQUIRED_SAVED: &str = "(m.is_master_administrator = 1 OR m.is_administrator = 1
                              OR (m.is_technician = 1 AND COALESCE(g.force_two_step, 0) = 1))";

async fn count(server: &TestServer, organization: &str, condition: &str) -> i64 {
    server
        .scalar(&format!(
            "SELECT COUNT(*) FROM members m
             LEFT JOIN technician_groups g ON g.id = m.technician_group_id
             LEFT JOIN two_step_enrollments e ON e.member_id = m.id
             WHERE m.organization_id = {organization} AND ({condition})"
        ))
        .await
}

async fn preview(server: &TestServer, email: &str, body: Value) -> Value {
    let client = server.sign_in(email).await;
    let answer = server.call(Method::POST, PREVIEW, Some(&client), Some(body)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    answer.json()
}

#[tokio::test]
async fn the_saved_policy_previews_its_current_state() {
    let server = start().await;
    let impact = preview(
        &server,
        "maya@northwind.example",
        json!({"administrators": "all", "technicians": "selected_groups", "primary_method": "authenticator_app"}),
    )
    .await;
    let n = NORTHWIND;
    let expected = json!({
        "members_total": count(&server, n, "1 = 1").await,
        "required": count(&server, n, REQUIRED_SAVED).await,
        "required_not_enrolled":
            count(&server, n, &format!("{REQUIRED_SAVED} AND e.member_id IS NULL")).await,
        "newly_required": 0,
        "no_longer_required": 0,
        "method_changes": false,
        "enrollments_reset": 0,
        "members_reset": 0,
        "legacy_console_technicians": count(
            &server,
            n,
            &format!("m.is_technician = 1 AND m.technician_console_version IN {LEGACY_VERSIONS}"),
        )
        .await,
    });
    assert_eq!(impact, expected);
    assert_eq!(impact["members_total"], 43);
    // Known seed facts: 4 administrators (Maya, Leo, Inès, Priya) and the 7 Tier 2
    // technicians besides Leo (the 38 others are spread over the five groups in turn, Tier 2
    // fourth: indexes 3, 8, ..., 33).
    assert_eq!(impact["required"], 11);
}

#[tokio::test]
async fn a_candidate_previews_who_changes_and_what_a_method_change_resets() {
    let server = start().await;
    let impact = preview(
        &server,
        "maya@northwind.example",
        json!({"administrators": "none", "technicians": "all", "primary_method": "email"}),
    )
    .await;
    let n = NORTHWIND;
    let required_candidate = "m.is_technician = 1";
    let expected = json!({
        "members_total": count(&server, n, "1 = 1").await,
        "required": count(&server, n, required_candidate).await,
        "required_not_enrolled":
            count(&server, n, &format!("{required_candidate} AND e.member_id IS NULL")).await,
        "newly_required":
            count(&server, n, &format!("{required_candidate} AND NOT {REQUIRED_SAVED}")).await,
        "no_longer_required":
            count(&server, n, &format!("{REQUIRED_SAVED} AND NOT ({required_candidate})")).await,
        "method_changes": true,
        "enrollments_reset": count(&server, n, "e.member_id IS NOT NULL").await,
        "members_reset": 43,
        "legacy_console_technicians": count(
            &server,
            n,
            &format!("m.is_technician = 1 AND m.technician_console_version IN {LEGACY_VERSIONS}"),
        )
        .await,
    });
    assert_eq!(impact, expected);
    assert_eq!(impact["required"], 40, "Northwind's 40 technicians, Leo included");
    assert_eq!(impact["no_longer_required"], 3, "Maya, Inès and Priya; Leo stays as technician");
}

#[tokio::test]
async fn contosos_preview_counts_contosos_members_only() {
    let server = start().await;
    let impact = preview(
        &server,
        "ana@contoso.example",
        json!({"administrators": "all", "technicians": "all", "primary_method": "sms"}),
    )
    .await;
    assert_eq!(impact["members_total"], count(&server, CONTOSO, "1 = 1").await);
    assert_eq!(impact["members_total"], 5);
    assert_eq!(impact["required"], 5);
    assert_eq!(impact["newly_required"], 1, "Ana, as administrator");
    assert_eq!(impact["method_changes"], false);
}

#[tokio::test]
async fn a_preview_writes_nothing() {
    let server = start().await;
    let state = "SELECT (SELECT revision FROM policies WHERE organization_id = 1) * 1000000
                      + (SELECT COUNT(*) FROM two_step_enrollments) * 1000
                      + (SELECT COUNT(*) FROM audit_events)
                      + (SELECT COUNT(*) FROM members WHERE two_step_reset_at IS NOT NULL)";
    let before = server.scalar(state).await;
    preview(
        &server,
        "maya@northwind.example",
        json!({"administrators": "none", "technicians": "none", "primary_method": "sms"}),
    )
    .await;
    assert_eq!(server.scalar(state).await, before);
}

#[tokio::test]
async fn the_preview_is_checked_like_the_update() {
    let server = start().await;
    let body = json!({"administrators": "all", "technicians": "all", "primary_method": "sms"});
    server
        .call(Method::POST, PREVIEW, None, Some(body.clone()))
        .await
        .problem(401, problem_types::UNAUTHENTICATED);

    let mut maya = server.sign_in("maya@northwind.example").await;
    let csrf = std::mem::take(&mut maya.csrf);
    server
        .call(Method::POST, PREVIEW, Some(&maya), Some(body.clone()))
        .await
        .problem(403, problem_types::CSRF);
    maya.csrf = csrf;

    for email in ["ines@northwind.example", "sam@northwind.example"] {
        let client = server.sign_in(email).await;
        let answer = server.call(Method::POST, PREVIEW, Some(&client), Some(body.clone())).await;
        let problem = answer.problem(403, problem_types::FORBIDDEN);
        assert!(problem["detail"].as_str().unwrap().contains("master administrators"));
    }

    let answer = server
        .call_with(Method::POST, PREVIEW, Some(&maya), None, &[("content-type", "text/plain")])
        .await;
    answer.problem(415, problem_types::UNSUPPORTED_MEDIA_TYPE);

    let answer = server
        .call(
            Method::POST,
            PREVIEW,
            Some(&maya),
            Some(json!({"administrators": "everyone", "technicians": "some", "primary_method": "sms", "confirm_reset": true})),
        )
        .await;
    let problem = answer.problem(422, problem_types::VALIDATION);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["administrators", "technicians", "confirm_reset"]);
}
