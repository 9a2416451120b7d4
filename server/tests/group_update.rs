//! `PATCH /technician-groups/{id}`: who may change which group, every status in the agreed
//! order, the audit event, and what the change does to the policy's impact.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{Answer, CONTOSO, Client, NORTHWIND, PREVIEW, TestServer, start};
use serde_json::{Value, json};
use twostep_contract::problem_types;

const GROUPS: &str = "/api/v1/technician-groups";

async fn group_id(server: &TestServer, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM technician_groups WHERE name = $1")
        .bind(name)
        .fetch_one(&server.app.db)
        .await
        .unwrap()
}

async fn patch(
    server: &TestServer,
    client: &Client,
    id: i64,
    if_match: Option<&str>,
    body: Value,
) -> Answer {
    let extra: Vec<(&str, &str)> = if_match.map(|tag| ("if-match", tag)).into_iter().collect();
    server
        .call_with(Method::PATCH, &format!("{GROUPS}/{id}"), Some(client), Some(body), &extra)
        .await
}

/// The stored setting and revision of a group.
async fn stored(server: &TestServer, id: i64) -> (bool, i64) {
    sqlx::query_as("SELECT force_two_step, revision FROM technician_groups WHERE id = $1")
        .bind(id)
        .fetch_one(&server.app.db)
        .await
        .unwrap()
}

async fn audit_events(server: &TestServer) -> i64 {
    server
        .scalar("SELECT COUNT(*) FROM audit_events WHERE kind = 'group_force_two_step_changed'")
        .await
}

/// The preview's `required` for the policy as seeded (Northwind's saved settings).
async fn required_under_saved_policy(server: &TestServer, client: &Client) -> u64 {
    let saved = json!({
        "administrators": "all", "technicians": "selected_groups", "primary_method": "authenticator_app"
    });
    let answer = server.call(Method::POST, PREVIEW, Some(client), Some(saved)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    answer.json()["required"].as_u64().unwrap()
}

fn forced(value: bool) -> Value {
    json!({ "force_two_step": value })
}

#[tokio::test]
async fn master_administrators_may_change_any_group_of_their_organization() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    for name in ["Tier 1", "EMEA", "Americas", "Tier 2", "Field Services"] {
        let id = group_id(&server, name).await;
        let (before, _) = stored(&server, id).await;
        let answer = patch(&server, &maya, id, Some("\"1\""), forced(!before)).await;
        assert_eq!(answer.status.as_u16(), 200, "{name}: {}", answer.text());
        assert_eq!(answer.header("etag").as_deref(), Some("\"2\""));
        assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
        let group = answer.json();
        assert_eq!(group["name"], name);
        assert_eq!(group["force_two_step"], !before);
        assert_eq!(group["revision"], 2);
        assert_eq!(stored(&server, id).await, (!before, 2));
    }
    assert_eq!(audit_events(&server).await, 5);
}

#[tokio::test]
async fn administrators_may_change_their_groups_and_subgroups_only() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    for name in ["Tier 1", "EMEA"] {
        let id = group_id(&server, name).await;
        let answer = patch(&server, &ines, id, Some("\"1\""), forced(true)).await;
        assert_eq!(answer.status.as_u16(), 200, "{name}: {}", answer.text());
        assert_eq!(answer.json()["force_two_step"], true);
    }
    for name in ["Tier 2", "Field Services"] {
        let id = group_id(&server, name).await;
        let body = patch(&server, &ines, id, Some("\"1\""), forced(false))
            .await
            .problem(404, problem_types::NOT_FOUND);
        assert!(body["detail"].as_str().unwrap().contains(&id.to_string()), "{body}");
        assert_eq!(stored(&server, id).await.1, 1);
    }

    let priya = server.sign_in("priya@northwind.example").await;
    let field = group_id(&server, "Field Services").await;
    let answer = patch(&server, &priya, field, Some("\"1\""), forced(true)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let tier1 = group_id(&server, "Tier 1").await;
    patch(&server, &priya, tier1, Some("\"2\""), forced(false))
        .await
        .problem(404, problem_types::NOT_FOUND);
}

#[tokio::test]
async fn technicians_get_403_and_strangers_401() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let emea = group_id(&server, "EMEA").await;
    // Sam's own group: the role is checked before the body and the group.
    let body = patch(&server, &sam, emea, None, json!({"colour": "red"}))
        .await
        .problem(403, problem_types::FORBIDDEN);
    assert!(body["detail"].as_str().unwrap().starts_with("Only administrators"), "{body}");

    let answer = server
        .call_with(
            Method::PATCH,
            &format!("{GROUPS}/{emea}"),
            None,
            Some(forced(true)),
            &[("if-match", "\"1\"")],
        )
        .await;
    answer.problem(401, problem_types::UNAUTHENTICATED);
    assert_eq!(stored(&server, emea).await, (false, 1));
}

#[tokio::test]
async fn groups_of_another_organization_or_none_are_404_never_403() {
    let server = start().await;
    let ana = server.sign_in("ana@contoso.example").await;
    let northwind_ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM technician_groups WHERE organization_id = {NORTHWIND}"
    ))
    .fetch_all(&server.app.db)
    .await
    .unwrap();
    assert_eq!(northwind_ids.len(), 5);
    for id in northwind_ids.iter().copied().chain([9_999]) {
        patch(&server, &ana, id, Some("\"1\""), forced(true))
            .await
            .problem(404, problem_types::NOT_FOUND);
    }
    for id in northwind_ids {
        assert_eq!(stored(&server, id).await.1, 1);
    }
    let helpdesk = server
        .scalar(&format!("SELECT id FROM technician_groups WHERE organization_id = {CONTOSO}"))
        .await;
    let answer = patch(&server, &ana, helpdesk, Some("\"1\""), forced(true)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());

    let maya = server.sign_in("maya@northwind.example").await;
    patch(&server, &maya, helpdesk, Some("\"2\""), forced(false))
        .await
        .problem(404, problem_types::NOT_FOUND);
    let body = server
        .call_with(
            Method::PATCH,
            &format!("{GROUPS}/abc"),
            Some(&maya),
            Some(forced(true)),
            &[("if-match", "\"1\"")],
        )
        .await
        .problem(404, problem_types::NOT_FOUND);
    assert!(body["detail"].as_str().unwrap().contains("not an id"), "{body}");
}

#[tokio::test]
async fn the_csrf_token_is_checked_before_the_role() {
    let server = start().await;
    let tier1 = group_id(&server, "Tier 1").await;
    for email in ["maya@northwind.example", "sam@northwind.example"] {
        let mut client = server.sign_in(email).await;
        client.csrf = "wrong".into();
        patch(&server, &client, tier1, Some("\"1\""), forced(true))
            .await
            .problem(403, problem_types::CSRF);
    }
    assert_eq!(stored(&server, tier1).await, (false, 1));
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let tier1 = group_id(&server, "Tier 1").await;
    let request = axum::http::Request::patch(format!("{GROUPS}/{tier1}"))
        .header("cookie", format!("twostep_session={}", maya.cookie))
        .header("x-csrf-token", &maya.csrf)
        .header("if-match", "\"1\"")
        .header("content-type", "text/plain")
        .body(axum::body::Body::from("force_two_step=true"))
        .unwrap();
    server.send(request).await.problem(415, problem_types::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn every_wrong_missing_or_unknown_field_is_listed_before_the_group_is_looked_up() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let tier2 = group_id(&server, "Tier 2").await;
    // A group Inès cannot see and no If-Match: 422 comes before 404 and 428.
    let body = patch(&server, &ines, tier2, None, json!({"force_two_step": "yes", "name": "X"}))
        .await
        .problem(422, problem_types::VALIDATION);
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{body}");
    assert_eq!(errors[0]["field"], "force_two_step");
    assert_eq!(errors[0]["message"], "Must be true or false, not `\"yes\"`.");
    assert_eq!(errors[1]["field"], "name");

    let body =
        patch(&server, &ines, tier2, None, json!({})).await.problem(422, problem_types::VALIDATION);
    assert_eq!(body["errors"][0]["field"], "force_two_step");
    let body = patch(&server, &ines, tier2, None, json!([true]))
        .await
        .problem(422, problem_types::VALIDATION);
    assert!(body["errors"].as_array().is_none_or(Vec::is_empty), "{body}");
}

#[tokio::test]
async fn if_match_is_required_after_the_group_is_found_and_must_be_current() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let tier2 = group_id(&server, "Tier 2").await;
    // Not visible: 404 before 428.
    patch(&server, &ines, tier2, None, forced(true)).await.problem(404, problem_types::NOT_FOUND);

    let tier1 = group_id(&server, "Tier 1").await;
    patch(&server, &ines, tier1, None, forced(true))
        .await
        .problem(428, problem_types::PRECONDITION_REQUIRED);
    for stale in ["\"0\"", "W/\"1\"", "*", "\"2\", \"3\""] {
        let answer = patch(&server, &ines, tier1, Some(stale), forced(true)).await;
        answer.problem(412, problem_types::PRECONDITION_FAILED);
        assert_eq!(answer.header("etag").as_deref(), Some("\"1\""), "{stale}");
    }
    assert_eq!(stored(&server, tier1).await, (false, 1));
    assert_eq!(audit_events(&server).await, 0);

    // Someone else saves first: the second save with the old ETag fails and names the new one.
    let maya = server.sign_in("maya@northwind.example").await;
    assert_eq!(patch(&server, &maya, tier1, Some("\"1\""), forced(true)).await.status, 200);
    let answer = patch(&server, &ines, tier1, Some("\"1\""), forced(false)).await;
    let body = answer.problem(412, problem_types::PRECONDITION_FAILED);
    assert_eq!(answer.header("etag").as_deref(), Some("\"2\""));
    assert!(body["detail"].as_str().unwrap().contains("this technician group"), "{body}");
    // A stale tag is refused even when the value sent is the one saved.
    patch(&server, &ines, tier1, Some("\"1\""), forced(true))
        .await
        .problem(412, problem_types::PRECONDITION_FAILED);
    assert_eq!(stored(&server, tier1).await, (true, 2));
}

#[tokio::test]
async fn a_change_records_one_audit_event_and_get_shows_the_new_revision() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let emea = group_id(&server, "EMEA").await;
    let answer = patch(&server, &ines, emea, Some("\"1\""), forced(true)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let patched = answer.json();

    let (organization, actor, kind, before, after, detail): (
        i64,
        i64,
        String,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT organization_id, actor_member_id, kind, before, after, detail FROM audit_events
         WHERE kind <> 'two_step_set_up'",
    )
    .fetch_one(&server.app.db)
    .await
    .unwrap();
    assert_eq!(organization, server.scalar(&format!("SELECT {NORTHWIND}")).await);
    let ines_id =
        server.scalar("SELECT id FROM members WHERE email = 'ines@northwind.example'").await;
    assert_eq!(actor, ines_id);
    assert_eq!(kind, "group_force_two_step_changed");
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap();
    assert_eq!(parse(&before), json!({"force_two_step": false}));
    assert_eq!(parse(&after), json!({"force_two_step": true}));
    assert_eq!(parse(&detail), json!({"group_id": emea, "group_name": "EMEA"}));

    let uri = format!("{GROUPS}/{emea}");
    let answer = server.call(Method::GET, &uri, Some(&ines), None).await;
    assert_eq!(answer.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(answer.json(), patched);
    assert_eq!(patched["force_two_step"], true);
    assert_eq!(patched["revision"], 2);
    let answer =
        server.call_with(Method::GET, &uri, Some(&ines), None, &[("if-none-match", "\"1\"")]).await;
    assert_eq!(answer.status.as_u16(), 200);
}

#[tokio::test]
async fn the_saved_value_answers_200_without_a_new_revision_or_event() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let tier2 = group_id(&server, "Tier 2").await;
    assert_eq!(stored(&server, tier2).await, (true, 1));
    let answer = patch(&server, &maya, tier2, Some("\"1\""), forced(true)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(answer.json()["revision"], 1);
    assert_eq!(stored(&server, tier2).await, (true, 1));
    assert_eq!(audit_events(&server).await, 0);
}

#[tokio::test]
async fn forcing_tier_1_makes_its_technicians_required_under_selected_groups() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let before = required_under_saved_policy(&server, &maya).await;
    let tier1 = group_id(&server, "Tier 1").await;
    let answer = patch(&server, &maya, tier1, Some("\"1\""), forced(true)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let technicians = answer.json()["technicians"].as_u64().unwrap();
    assert!(technicians > 0);
    // No member of Tier 1 is an administrator, so each of them becomes required.
    let administrators_in_tier1 = server
        .scalar(&format!(
            "SELECT COUNT(*) FROM members WHERE technician_group_id = {tier1}
             AND (is_administrator = 1 OR is_master_administrator = 1)"
        ))
        .await;
    assert_eq!(administrators_in_tier1, 0);
    assert_eq!(required_under_saved_policy(&server, &maya).await, before + technicians);
}
