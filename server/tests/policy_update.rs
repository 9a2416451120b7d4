//! `PUT /two-step-verification/policy`: every status in the agreed order, the transaction, the
//! audit event, and the isolation of the other organization; after a method change, every
//! setup made before it reads as none everywhere, and the sweeper deletes them.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{
    CONTOSO, Client, MEMBERS, NORTHWIND, PASSWORD, POLICY, PREVIEW, TestServer, parse_csv, start,
};
use serde_json::{Value, json};
use twostep_contract::problem_types;

fn settings(administrators: &str, technicians: &str, method: &str) -> Value {
    json!({"administrators": administrators, "technicians": technicians, "primary_method": method})
}

fn confirmed(administrators: &str, technicians: &str, method: &str) -> Value {
    let mut body = settings(administrators, technicians, method);
    body["confirm_reset"] = json!(true);
    body
}

/// What a failed request must leave as it was. `enrollments` counts the setups that count
/// (made since the organization's last reset), `reset_members` the members asked to set up
/// again (the view `two_step_resets`).
#[derive(Debug, PartialEq)]
struct Snapshot {
    policy: (String, String, String, i64),
    reset_generation: i64,
    enrollments: i64,
    reset_members: i64,
    audit_events: i64,
}

async fn snapshot(server: &TestServer, organization: &str) -> Snapshot {
    let policy = sqlx::query_as(&format!(
        "SELECT administrators, technicians, primary_method, revision FROM policies
         WHERE organization_id = {organization}"
    ))
    .fetch_one(&server.app.db)
    .await
    .unwrap();
    Snapshot {
        policy,
        reset_generation: server
            .scalar(&format!(
                "SELECT reset_generation FROM policies WHERE organization_id = {organization}"
            ))
            .await,
        enrollments: server.scalar(&current_setups(organization)).await,
        reset_members: server
            .scalar(&format!(
                "SELECT COUNT(*) FROM two_step_resets
                 WHERE organization_id = {organization} AND reset_at IS NOT NULL"
            ))
            .await,
        audit_events: server
            .scalar(&format!(
                "SELECT COUNT(*) FROM audit_events WHERE organization_id = {organization}"
            ))
            .await,
    }
}

/// SQL counting the setups of `organization` made since its last reset.
fn current_setups(organization: &str) -> String {
    format!(
        "SELECT COUNT(*) FROM two_step_enrollments e
         JOIN members m ON m.id = e.member_id
         JOIN policies p ON p.organization_id = m.organization_id
         WHERE m.organization_id = {organization} AND e.reset_generation = p.reset_generation"
    )
}

fn initial_northwind() -> (String, String, String, i64) {
    ("all".into(), "selected_groups".into(), "authenticator_app".into(), 1)
}

#[tokio::test]
async fn without_a_session_it_is_401() {
    let server = start().await;
    let answer = server
        .call_with(
            Method::PUT,
            POLICY,
            None,
            Some(settings("none", "all", "sms")),
            &[("if-match", "\"1\"")],
        )
        .await;
    answer.problem(401, problem_types::UNAUTHENTICATED);
}

#[tokio::test]
async fn the_csrf_token_is_checked_before_the_role() {
    let server = start().await;
    for email in ["maya@northwind.example", "sam@northwind.example"] {
        let mut client = server.sign_in(email).await;
        client.csrf = "wrong".into();
        let answer =
            server.put_policy(&client, Some("\"1\""), settings("none", "all", "sms")).await;
        answer.problem(403, problem_types::CSRF);
    }
}

#[tokio::test]
async fn only_master_administrators_may_change_the_policy() {
    let server = start().await;
    for email in ["ines@northwind.example", "sam@northwind.example"] {
        let client = server.sign_in(email).await;
        // The role is checked before the body: even a wrong body answers 403.
        let answer = server.put_policy(&client, None, json!({"administrators": "some"})).await;
        let body = answer.problem(403, problem_types::FORBIDDEN);
        assert_eq!(
            body["detail"],
            "Only master administrators can change the two-step verification policy."
        );
    }
    assert_eq!(snapshot(&server, NORTHWIND).await.policy, initial_northwind());
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415_before_anything_else_about_it() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let request = axum::http::Request::put(POLICY)
        .header("cookie", format!("twostep_session={}", maya.cookie))
        .header("x-csrf-token", &maya.csrf)
        .header("content-type", "text/plain")
        .body(axum::body::Body::from("administrators=all"))
        .unwrap();
    server.send(request).await.problem(415, problem_types::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn every_wrong_missing_or_unknown_field_is_listed_at_once() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    // No If-Match either: 422 comes before 428.
    let answer = server
        .put_policy(
            &maya,
            None,
            json!({"administrators": "some", "technicians": "all", "primary_method": "fax"}),
        )
        .await;
    let body = answer.problem(422, problem_types::VALIDATION);
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{body}");
    assert_eq!(errors[0]["field"], "administrators");
    assert_eq!(errors[0]["message"], "`some` is not accepted; choose one of `none`, `all`.");
    assert_eq!(errors[1]["field"], "primary_method");
    let message = errors[1]["message"].as_str().unwrap();
    for method in ["lastpass_notification", "authenticator_app", "sms", "email"] {
        assert!(message.contains(method), "{message}");
    }

    let answer = server
        .put_policy(
            &maya,
            Some("\"1\""),
            json!({"administrators": "all", "primary_method": 3, "confirm_reset": "yes", "colour": "red"}),
        )
        .await;
    let body = answer.problem(422, problem_types::VALIDATION);
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["technicians", "primary_method", "confirm_reset", "colour"]);
    assert!(body["errors"][0]["message"].as_str().unwrap().starts_with("Missing;"));
    assert!(body["errors"][3]["message"].as_str().unwrap().starts_with("Unknown field"));

    for bad in [json!([]), json!("all")] {
        server.put_policy(&maya, Some("\"1\""), bad).await.problem(422, problem_types::VALIDATION);
    }
    let request = axum::http::Request::put(POLICY)
        .header("cookie", format!("twostep_session={}", maya.cookie))
        .header("x-csrf-token", &maya.csrf)
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{\"administrators\":"))
        .unwrap();
    server.send(request).await.problem(422, problem_types::VALIDATION);
    assert_eq!(snapshot(&server, NORTHWIND).await.policy, initial_northwind());
}

#[tokio::test]
async fn without_if_match_it_is_428() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let answer = server.put_policy(&maya, None, settings("none", "all", "authenticator_app")).await;
    answer.problem(428, problem_types::PRECONDITION_REQUIRED);
    assert_eq!(snapshot(&server, NORTHWIND).await.policy, initial_northwind());
}

#[tokio::test]
async fn a_stale_if_match_is_412_with_the_current_etag() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    for stale in ["\"7\"", "W/\"1\"", "*", "1"] {
        // Also a method change without confirmation: 412 comes before 409.
        let answer = server.put_policy(&maya, Some(stale), settings("none", "all", "sms")).await;
        let body = answer.problem(412, problem_types::PRECONDITION_FAILED);
        assert!(body["detail"].as_str().unwrap().contains("Someone else changed"), "{body}");
        assert_eq!(answer.header("etag").as_deref(), Some("\"1\""), "{stale}");
    }
    let before = snapshot(&server, NORTHWIND).await;
    let saved =
        server.put_policy(&maya, Some("\"1\""), settings("all", "all", "authenticator_app")).await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.text());
    let answer = server
        .put_policy(&maya, Some("\"1\""), settings("none", "none", "authenticator_app"))
        .await;
    answer.problem(412, problem_types::PRECONDITION_FAILED);
    assert_eq!(answer.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(snapshot(&server, NORTHWIND).await.policy.3, before.policy.3 + 1);
}

#[tokio::test]
async fn a_method_change_without_confirmation_is_409_and_changes_nothing() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let members = server
        .scalar(&format!("SELECT COUNT(*) FROM members WHERE organization_id = {NORTHWIND}"))
        .await;
    let before = snapshot(&server, NORTHWIND).await;
    for confirm in [None, Some(false)] {
        let mut body = settings("all", "selected_groups", "sms");
        if let Some(confirm) = confirm {
            body["confirm_reset"] = json!(confirm);
        }
        let answer = server.put_policy(&maya, Some("\"1\""), body).await;
        let problem = answer.problem(409, problem_types::RESET_CONFIRMATION_REQUIRED);
        assert_eq!(problem["members_reset"], members);
        assert_eq!(problem["members_reset"], 43, "the seed's Northwind has 43 members");
        assert_eq!(problem["members_affected"], problem["members_reset"], "the old name");
    }
    assert_eq!(snapshot(&server, NORTHWIND).await, before);
}

#[tokio::test]
async fn the_409_counts_what_the_preview_of_the_same_candidate_counts() {
    let server = start().await;
    for (email, organization) in
        [("maya@northwind.example", NORTHWIND), ("ana@contoso.example", CONTOSO)]
    {
        let master = server.sign_in(email).await;
        let saved = server.get_json(POLICY, &master).await;
        let method = if saved["primary_method"] == "email" { "sms" } else { "email" };
        let candidate = settings("all", "all", method);
        let preview =
            server.call(Method::POST, PREVIEW, Some(&master), Some(candidate.clone())).await;
        assert_eq!(preview.status.as_u16(), 200, "{}", preview.text());
        let preview = preview.json();
        let etag = format!("\"{}\"", saved["revision"]);
        let answer = server.put_policy(&master, Some(&etag), candidate).await;
        let problem = answer.problem(409, problem_types::RESET_CONFIRMATION_REQUIRED);
        assert_eq!(problem["members_reset"], preview["members_reset"], "{email}");
        assert_eq!(problem["members_affected"], preview["members_reset"], "{email}");
        let members = server
            .scalar(&format!("SELECT COUNT(*) FROM members WHERE organization_id = {organization}"))
            .await;
        assert_eq!(preview["members_reset"], members, "every member must set up again");
    }
}

#[tokio::test]
async fn a_change_that_keeps_the_method_saves_and_records_an_audit_event() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let before = snapshot(&server, NORTHWIND).await;
    let answer =
        server.put_policy(&maya, Some("\"1\""), settings("all", "all", "authenticator_app")).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("etag").as_deref(), Some("\"2\""));
    let body = answer.json();
    assert_eq!(body["enrollments_reset"], 0);
    assert_eq!(body["policy"]["technicians"], "all");
    assert_eq!(body["policy"]["revision"], 2);

    let read = server.call(Method::GET, POLICY, Some(&maya), None).await;
    assert_eq!(read.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(read.json(), body["policy"]);

    let after = snapshot(&server, NORTHWIND).await;
    assert_eq!(after.policy, ("all".into(), "all".into(), "authenticator_app".into(), 2));
    assert_eq!(after.enrollments, before.enrollments, "enrollments untouched");
    assert_eq!(after.reset_members, 0);
    assert_eq!(after.audit_events, 1);

    let (kind, actor, at, old, new, detail): (String, String, i64, String, String, String) =
        sqlx::query_as(&format!(
            "SELECT a.kind, m.email, a.at, a.before, a.after, a.detail
             FROM audit_events a JOIN members m ON m.id = a.actor_member_id
             WHERE a.organization_id = {NORTHWIND}"
        ))
        .fetch_one(&server.app.db)
        .await
        .unwrap();
    assert_eq!(kind, "policy_updated");
    assert_eq!(actor, "maya@northwind.example");
    assert!(at > 1_700_000_000, "{at}");
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    assert_eq!(parse(&old), settings("all", "selected_groups", "authenticator_app"));
    assert_eq!(parse(&new), settings("all", "all", "authenticator_app"));
    assert_eq!(parse(&detail), json!({"enrollments_reset": 0}));
}

#[tokio::test]
async fn a_confirmed_method_change_resets_every_enrollment_of_the_organization_only() {
    let server = start().await;
    let leo = server.sign_in("leo@northwind.example").await;
    let northwind_before = snapshot(&server, NORTHWIND).await;
    let contoso_before = snapshot(&server, CONTOSO).await;
    assert!(northwind_before.enrollments > 10);

    let answer = server.put_policy(&leo, Some("\"1\""), confirmed("none", "all", "sms")).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("etag").as_deref(), Some("\"2\""));
    let body = answer.json();
    assert_eq!(body["enrollments_reset"], northwind_before.enrollments);
    assert_eq!(body["policy"]["primary_method"], "sms");

    let after = snapshot(&server, NORTHWIND).await;
    assert_eq!(after.policy, ("none".into(), "all".into(), "sms".into(), 2));
    assert_eq!(after.enrollments, 0);
    assert_eq!(after.reset_members, 43, "every member must set up again");
    assert_eq!(after.audit_events, 1);
    let (actor, detail): (String, String) = sqlx::query_as(&format!(
        "SELECT m.email, a.detail FROM audit_events a JOIN members m ON m.id = a.actor_member_id
         WHERE a.organization_id = {NORTHWIND}"
    ))
    .fetch_one(&server.app.db)
    .await
    .unwrap();
    assert_eq!(actor, "leo@northwind.example");
    assert_eq!(
        serde_json::from_str::<Value>(&detail).unwrap(),
        json!({"enrollments_reset": northwind_before.enrollments})
    );

    assert_eq!(snapshot(&server, CONTOSO).await, contoso_before, "Contoso is untouched");
    let ana = server.sign_in("ana@contoso.example").await;
    let contoso = server.call(Method::GET, POLICY, Some(&ana), None).await;
    assert_eq!(contoso.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(contoso.json()["primary_method"], "sms");
}

#[tokio::test]
async fn contosos_change_leaves_northwind_untouched() {
    let server = start().await;
    let ana = server.sign_in("ana@contoso.example").await;
    let northwind_before = snapshot(&server, NORTHWIND).await;
    let answer = server.put_policy(&ana, Some("\"1\""), confirmed("all", "none", "email")).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.json()["enrollments_reset"], 2, "Contoso's two enrolled technicians");
    assert_eq!(snapshot(&server, NORTHWIND).await, northwind_before);
    assert_eq!(snapshot(&server, CONTOSO).await.enrollments, 0);
}

#[tokio::test]
async fn the_same_settings_answer_200_without_a_new_revision_or_event() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let before = snapshot(&server, NORTHWIND).await;
    let answer = server
        .put_policy(&maya, Some("\"1\""), settings("all", "selected_groups", "authenticator_app"))
        .await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(answer.json()["policy"]["revision"], 1);
    assert_eq!(answer.json()["enrollments_reset"], 0);
    assert_eq!(snapshot(&server, NORTHWIND).await, before);
}

#[tokio::test]
async fn a_failure_during_the_reset_leaves_everything_as_it_was() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    // The audit event is the transaction's last write: the policy and its reset generation
    // are written by then, and must be rolled back.
    sqlx::query(
        "CREATE TRIGGER fail_reset BEFORE INSERT ON audit_events
         BEGIN SELECT RAISE(ABORT, 'injected'); END;",
    )
    .execute(&server.app.db)
    .await
    .unwrap();
    let before = snapshot(&server, NORTHWIND).await;
    let enrollments = "SELECT group_concat(member_id || ':' || method || ':' || enrolled_at
                                        || ':' || reset_generation, ',')
                       FROM two_step_enrollments";
    let enrollments_before: String =
        sqlx::query_scalar(enrollments).fetch_one(&server.app.db).await.unwrap();
    let answer = server.put_policy(&maya, Some("\"1\""), confirmed("none", "all", "email")).await;
    let body = answer.problem(500, problem_types::INTERNAL);
    assert!(!body["detail"].as_str().unwrap().contains("injected"), "no internal cause: {body}");
    assert_eq!(snapshot(&server, NORTHWIND).await, before);
    let enrollments_after: String =
        sqlx::query_scalar(enrollments).fetch_one(&server.app.db).await.unwrap();
    assert_eq!(enrollments_after, enrollments_before, "every enrollment is still in place");
    let policy = server.call(Method::GET, POLICY, Some(&maya), None).await;
    assert_eq!(policy.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(policy.json()["primary_method"], "authenticator_app");
}

#[tokio::test]
async fn of_two_concurrent_saves_with_the_same_if_match_exactly_one_wins() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let leo = server.sign_in("leo@northwind.example").await;
    let (a, b) = tokio::join!(
        server.put_policy(
            &maya,
            Some("\"1\""),
            settings("none", "selected_groups", "authenticator_app")
        ),
        server.put_policy(&leo, Some("\"1\""), confirmed("all", "all", "sms")),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412], "{} / {}", a.text(), b.text());
    let loser = if a.status.as_u16() == 412 { &a } else { &b };
    loser.problem(412, problem_types::PRECONDITION_FAILED);
    assert_eq!(loser.header("etag").as_deref(), Some("\"2\""));
    let after = snapshot(&server, NORTHWIND).await;
    assert_eq!(after.policy.3, 2);
    assert_eq!(after.audit_events, 1);
}

/// The member list `GET /members?{query}` as `client` sees it: total and items.
async fn members(server: &TestServer, client: &Client, query: &str) -> (u64, Vec<Value>) {
    let page = server.get_json(&format!("{MEMBERS}?per_page=100&{query}"), client).await;
    (page["total"].as_u64().unwrap(), page["items"].as_array().unwrap().clone())
}

/// Whether `email` reads as set up in the member list: (status, method).
async fn listed_setup(server: &TestServer, client: &Client, email: &str) -> (String, Value) {
    let (_, items) = members(server, client, &format!("q={}", email.replace('@', "%40"))).await;
    let member = &items[0];
    (member["status"].as_str().unwrap().to_owned(), member["method"].clone())
}

/// Leo changes Northwind's method to SMS, confirming the reset, and requires everyone to use
/// two-step verification.
async fn reset_northwind(server: &TestServer, leo: &Client) {
    let answer = server.put_policy(leo, Some("\"1\""), confirmed("all", "all", "sms")).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert!(answer.json()["enrollments_reset"].as_u64().unwrap() > 10);
}

#[tokio::test]
async fn after_a_method_change_every_member_reads_as_not_set_up_everywhere() {
    let server = start().await;
    let leo = server.sign_in("leo@northwind.example").await;
    let maya = server.sign_in("maya@northwind.example").await;
    let priya = server.member_id("priya@northwind.example").await;
    assert_eq!(listed_setup(&server, &leo, "priya@northwind.example").await.0, "enrolled");
    reset_northwind(&server, &leo).await;

    // The member list, its filters, its sorts by setup and its export.
    let (total, items) = members(&server, &leo, "").await;
    assert_eq!(total, 43);
    assert!(items.iter().all(|m| m["status"] == "not_enrolled" && m["method"].is_null()));
    assert!(items.iter().all(|m| m["enrolled_at"].is_null()));
    assert_eq!(members(&server, &leo, "status=enrolled").await.0, 0);
    assert_eq!(members(&server, &leo, "status=not_enrolled").await.0, 43);
    for sort in ["-enrolled_at", "enrolled_at", "status", "-status"] {
        let (total, items) = members(&server, &leo, &format!("sort={sort}")).await;
        assert_eq!(total, 43, "{sort}");
        assert!(items.iter().all(|m| m["status"] == "not_enrolled"), "{sort}");
    }
    let export = server.call(Method::GET, "/api/v1/members/export", Some(&leo), None).await;
    assert_eq!(export.status.as_u16(), 200, "{}", export.text());
    let rows = parse_csv(&export.text());
    let set_up = rows[0].iter().position(|c| c == "Set up").unwrap();
    assert_eq!(rows.len(), 44);
    assert!(rows[1..].iter().all(|row| row[set_up] == "No"), "{:?}", rows[1]);

    // The groups' counts and the preview.
    let groups = server.get_json("/api/v1/technician-groups", &leo).await;
    for group in groups.as_array().unwrap() {
        assert_eq!(group["technicians_not_enrolled"], group["technicians"], "{group}");
    }
    let preview = server
        .call(
            Method::POST,
            "/api/v1/two-step-verification/policy/preview",
            Some(&leo),
            Some(settings("none", "all", "email")),
        )
        .await;
    assert_eq!(preview.status.as_u16(), 200, "{}", preview.text());
    assert_eq!(preview.json()["enrollments_reset"], 0);
    assert_eq!(preview.json()["required_not_enrolled"], preview.json()["required"]);

    // My account of a member whose session outlived the reset.
    let account = server.get_json("/api/v1/account", &maya).await;
    assert!(account["method"].is_null(), "{account}");
    assert_eq!(account["recovery_codes_left"], 0);

    // The second step at sign-in: set up, not verify.
    let answer = server.sign_in_with("priya@northwind.example", PASSWORD).await;
    assert_eq!(answer.status.as_u16(), 202, "{}", answer.text());
    assert_eq!(answer.json()["step"], "set_up");

    // `twostep-server code`.
    let refused = twostep_server::code::next(
        &server.app.db,
        &server.app.state.secrets,
        "maya@northwind.example",
        common::now(),
    )
    .await
    .unwrap_err();
    assert!(refused.to_string().contains("has not set up"), "{refused}");

    // An administrator's reset of a member whose setup the method change voided.
    let reset = server
        .call(
            Method::POST,
            "/api/v1/members/two-step-reset",
            Some(&leo),
            Some(json!({ "member_ids": [priya] })),
        )
        .await;
    assert_eq!(reset.status.as_u16(), 200, "{}", reset.text());
    let before: String = sqlx::query_scalar(
        "SELECT before FROM audit_events WHERE kind = 'two_step_reset' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&server.app.db)
    .await
    .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&before).unwrap(), json!({"status": "not_enrolled"}));
}

#[tokio::test]
async fn a_member_who_sets_up_after_the_reset_reads_as_set_up() {
    let server = start().await;
    let leo = server.sign_in("leo@northwind.example").await;
    reset_northwind(&server, &leo).await;

    // Priya, asked to set up at her next sign-in, sets up an authenticator app.
    let priya = server.sign_in("priya@northwind.example").await;
    assert_eq!(
        listed_setup(&server, &leo, "priya@northwind.example").await,
        ("enrolled".to_owned(), json!("authenticator_app"))
    );
    let (total, items) = members(&server, &leo, "status=enrolled").await;
    assert_eq!((total, items[0]["email"].as_str()), (1, Some("priya@northwind.example")));
    let (_, by_time) = members(&server, &leo, "sort=-enrolled_at").await;
    assert_eq!(by_time[0]["email"], "priya@northwind.example");
    assert!(by_time[1..].iter().all(|m| m["status"] == "not_enrolled"));
    let account = server.get_json("/api/v1/account", &priya).await;
    assert_eq!(account["method"], "authenticator_app");
    assert_eq!(account["recovery_codes_left"], 10);
    let code = twostep_server::code::next(
        &server.app.db,
        &server.app.state.secrets,
        "priya@northwind.example",
        common::now(),
    )
    .await;
    assert!(code.is_ok(), "{code:?}");
    let reset_at = "SELECT reset_at IS NULL FROM two_step_resets
                    WHERE member_id = (SELECT id FROM members WHERE email = $1)";
    let cleared: bool = sqlx::query_scalar(reset_at)
        .bind("priya@northwind.example")
        .fetch_one(&server.app.db)
        .await
        .unwrap();
    assert!(cleared, "Priya is no longer asked to set up");
    let asked: bool = sqlx::query_scalar(reset_at)
        .bind("sam@northwind.example")
        .fetch_one(&server.app.db)
        .await
        .unwrap();
    assert!(!asked, "Sam still is");

    // She signs in again with the second step.
    server.sign_in("priya@northwind.example").await;
}

#[tokio::test]
async fn the_sweeper_deletes_every_void_setup_and_its_recovery_codes() {
    let server = start().await;
    let leo = server.sign_in("leo@northwind.example").await;
    server
        .execute(
            "INSERT INTO recovery_codes (member_id, code_hash)
             SELECT member_id, 'void' FROM two_step_enrollments",
        )
        .await;
    let contoso = server.scalar(&current_setups(CONTOSO)).await;
    let northwind_rows =
        format!("SELECT COUNT(*) FROM two_step_enrollments WHERE organization_id = {NORTHWIND}");
    assert!(server.scalar(&northwind_rows).await > 10);
    reset_northwind(&server, &leo).await;

    let void = "SELECT COUNT(*) FROM two_step_enrollments e
                JOIN policies p ON p.organization_id = e.organization_id
                WHERE e.reset_generation < p.reset_generation";
    let mut left = server.scalar(void).await;
    for _ in 0..100 {
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        left = server.scalar(void).await;
    }
    assert_eq!(left, 0, "the sweeper deleted every void setup within 10 s");
    assert_eq!(server.scalar(&northwind_rows).await, 0);
    let northwind_codes = format!(
        "SELECT COUNT(*) FROM recovery_codes r JOIN members m ON m.id = r.member_id
         WHERE m.organization_id = {NORTHWIND}"
    );
    assert_eq!(server.scalar(&northwind_codes).await, 0);
    assert_eq!(server.scalar(&current_setups(CONTOSO)).await, contoso, "Contoso's stay");
    assert!(server.scalar("SELECT COUNT(*) FROM recovery_codes").await > 0, "Contoso's codes stay");
    let swept = format!(
        "SELECT swept_generation = reset_generation FROM policies WHERE organization_id = {NORTHWIND}"
    );
    assert_eq!(server.scalar(&swept).await, 1, "the sweeper recorded that nothing is void");

    // A member sets up again, then the next method change voids that setup at once.
    server.sign_in("priya@northwind.example").await;
    assert_eq!(listed_setup(&server, &leo, "priya@northwind.example").await.0, "enrolled");
    let answer = server.put_policy(&leo, Some("\"2\""), confirmed("all", "all", "email")).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.json()["enrollments_reset"], 1);
    assert_eq!(listed_setup(&server, &leo, "priya@northwind.example").await.0, "not_enrolled");
    assert_eq!(members(&server, &leo, "status=enrolled").await.0, 0);
}
