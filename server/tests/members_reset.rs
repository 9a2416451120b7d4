//! `POST /members/two-step-reset`: who may reset whom, all or nothing, every problem named,
//! and one audit event per member.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{Answer, Client, MEMBERS, NORTHWIND, TestServer, start};
use serde_json::{Value, json};
use twostep_contract::{EnrollmentStatus, MemberPage, problem_types};

const RESET: &str = "/api/v1/members/two-step-reset";

async fn reset(server: &TestServer, client: &Client, body: Value) -> Answer {
    server.call(Method::POST, RESET, Some(client), Some(body)).await
}

/// What a refused reset must leave as it was: Northwind's setups, reset marks and events.
async fn snapshot(server: &TestServer) -> (i64, i64, i64) {
    (
        server
            .scalar(&format!(
                "SELECT COUNT(*) FROM two_step_enrollments e JOIN members m ON m.id = e.member_id
                 WHERE m.organization_id = {NORTHWIND}"
            ))
            .await,
        server.scalar("SELECT COUNT(*) FROM members WHERE two_step_reset_at IS NOT NULL").await,
        server.scalar("SELECT COUNT(*) FROM audit_events").await,
    )
}

/// The stored method of a member's setup, if any.
async fn method(server: &TestServer, id: i64) -> Option<String> {
    sqlx::query_scalar("SELECT method FROM two_step_enrollments WHERE member_id = $1")
        .bind(id)
        .fetch_optional(&server.app.db)
        .await
        .unwrap()
}

/// The first enrolled technician of `group` (not a master administrator): id, name, email.
async fn enrolled_technician(server: &TestServer, group: &str) -> (i64, String, String) {
    sqlx::query_as(
        "SELECT m.id, m.name, m.email FROM members m
         JOIN technician_groups g ON g.id = m.technician_group_id
         JOIN two_step_enrollments e ON e.member_id = m.id
         WHERE g.name = $1 AND NOT m.is_master_administrator ORDER BY m.id LIMIT 1",
    )
    .bind(group)
    .fetch_one(&server.app.db)
    .await
    .unwrap()
}

fn fields(body: &Value) -> Vec<&str> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect()
}

fn messages(body: &Value) -> Vec<&str> {
    body["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_master_administrator_resets_anyone_and_each_gets_an_audit_event() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let priya = server.member_id("priya@northwind.example").await;
    let sam = server.member_id("sam@northwind.example").await;
    assert_eq!(method(&server, priya).await.as_deref(), Some("sms"));
    assert_eq!(method(&server, sam).await, None);

    let answer = reset(&server, &maya, json!({ "member_ids": [priya, sam] })).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.json(), json!({ "reset": 2 }));
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));

    for (email, id) in [("priya@northwind.example", priya), ("sam@northwind.example", sam)] {
        assert_eq!(method(&server, id).await, None);
        let page: MemberPage = serde_json::from_value(
            server.get_json(&format!("{MEMBERS}?q={}", email.replace('@', "%40")), &maya).await,
        )
        .unwrap();
        let member = &page.items[0];
        assert_eq!(
            (member.id, member.status, member.method),
            (id, EnrollmentStatus::NotEnrolled, None)
        );
        assert_eq!(member.enrolled_at, None);
    }
    let marked = server
        .scalar(&format!("SELECT COUNT(*) FROM members WHERE two_step_reset_at IS NOT NULL AND id IN ({priya}, {sam})"))
        .await;
    assert_eq!(marked, 2);

    let events: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(
        "SELECT organization_id, actor_member_id, kind, before, after, detail FROM audit_events ORDER BY id",
    )
    .fetch_all(&server.app.db)
    .await
    .unwrap();
    let maya_id = server.member_id("maya@northwind.example").await;
    let northwind = server.scalar(&format!("SELECT {NORTHWIND}")).await;
    assert_eq!(events.len(), 2);
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap();
    let (org, actor, kind, before, after, detail) = &events[0];
    assert_eq!((*org, *actor, kind.as_str()), (northwind, maya_id, "two_step_reset"));
    assert_eq!(parse(before), json!({"status": "enrolled", "method": "sms"}));
    assert_eq!(parse(after), json!({"status": "not_enrolled"}));
    assert_eq!(
        parse(detail),
        json!({"member_id": priya, "member_name": "Priya Raman", "member_email": "priya@northwind.example"})
    );
    let (_, _, _, before, after, detail) = &events[1];
    assert_eq!(parse(before), json!({"status": "not_enrolled"}));
    assert_eq!(parse(after), json!({"status": "not_enrolled"}));
    assert_eq!(parse(detail)["member_name"], "Sam Okafor");

    // Master administrators may reset another master administrator, and themselves.
    let leo = server.member_id("leo@northwind.example").await;
    let answer = reset(&server, &maya, json!({ "member_ids": [leo, maya_id] })).await;
    assert_eq!(answer.json(), json!({ "reset": 2 }));
    assert_eq!(snapshot(&server).await.2, 4);
}

/// The detail of an administrator's refused reset.
const NOT_YOURS: &str = "You can reset two-step verification only for the technicians of your groups who are not administrators.";

/// The message of each id an administrator may not reset, whatever the reason.
fn not_yours(id: i64) -> String {
    format!("You cannot reset member {id}: they are not a technician of your groups.")
}

/// Asserts that `text` names none of `people` (names or emails).
fn names_nobody(text: &str, people: &[&str]) {
    for person in people {
        assert!(!text.contains(person), "{person} named in {text}");
    }
}

#[tokio::test]
async fn an_administrator_resets_technicians_of_their_groups_only_and_all_or_nothing() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let (emea_member, ..) = enrolled_technician(&server, "EMEA").await;
    let (tier1_member, ..) = enrolled_technician(&server, "Tier 1").await;
    let answer = reset(&server, &ines, json!({ "member_ids": [emea_member] })).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(method(&server, emea_member).await, None);

    // A master administrator among the ids: only that id is named, and not by name or email.
    let before = snapshot(&server).await;
    let maya = server.member_id("maya@northwind.example").await;
    let answer = reset(&server, &ines, json!({ "member_ids": [tier1_member, maya] })).await;
    let body = answer.problem(403, problem_types::FORBIDDEN);
    assert_eq!(body["detail"], NOT_YOURS);
    assert_eq!(fields(&body), ["member_ids[1]"]);
    assert_eq!(messages(&body), [not_yours(maya)]);
    names_nobody(&answer.text(), &["Maya", "Patel", "maya@northwind.example", "northwind"]);
    assert_eq!(snapshot(&server).await, before, "nothing changed");
    assert!(method(&server, tier1_member).await.is_some(), "not even the member she manages");

    let (tier2_member, tier2_name, tier2_email) = enrolled_technician(&server, "Tier 2").await;
    let answer =
        reset(&server, &ines, json!({ "member_ids": [tier1_member, maya, tier2_member] })).await;
    let body = answer.problem(403, problem_types::FORBIDDEN);
    assert_eq!(fields(&body), ["member_ids[1]", "member_ids[2]"]);
    assert_eq!(messages(&body), [not_yours(maya), not_yours(tier2_member)]);
    names_nobody(&answer.text(), &[&tier2_name, &tier2_email]);
    assert_eq!(snapshot(&server).await, before, "nothing changed");

    // Administrators reset neither themselves nor other administrators (who have no group).
    let ines_id = server.member_id("ines@northwind.example").await;
    let priya_id = server.member_id("priya@northwind.example").await;
    let body = reset(&server, &ines, json!({ "member_ids": [ines_id, priya_id] }))
        .await
        .problem(403, problem_types::FORBIDDEN);
    assert_eq!(fields(&body), ["member_ids[0]", "member_ids[1]"]);
    assert_eq!(messages(&body), [not_yours(ines_id), not_yours(priya_id)]);

    let priya = server.sign_in("priya@northwind.example").await;
    let (field_member, ..) = enrolled_technician(&server, "Field Services").await;
    assert_eq!(
        reset(&server, &priya, json!({ "member_ids": [field_member] })).await.status.as_u16(),
        200
    );
    reset(&server, &priya, json!({ "member_ids": [tier1_member] }))
        .await
        .problem(403, problem_types::FORBIDDEN);
}

#[tokio::test]
async fn an_administrator_gets_one_answer_for_every_id_not_theirs() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let (tier1_member, ..) = enrolled_technician(&server, "Tier 1").await;
    let (tier2_member, tier2_name, tier2_email) = enrolled_technician(&server, "Tier 2").await;
    let bruno = server.member_id("bruno.costa@contoso.example").await;
    let leo = server.member_id("leo@northwind.example").await;
    let maya = server.member_id("maya@northwind.example").await;
    let before = snapshot(&server).await;

    // Unknown, another organization's, another group's, a master administrator in another
    // group, one with no group: the same 403, not a 422 that would tell who exists.
    let others = [999_999, bruno, tier2_member, leo, maya];
    let mut answers = Vec::new();
    for id in others {
        let answer = reset(&server, &ines, json!({ "member_ids": [tier1_member, id] })).await;
        let mut body = answer.problem(403, problem_types::FORBIDDEN);
        assert_eq!(fields(&body), ["member_ids[1]"], "{id}");
        assert_eq!(messages(&body), [not_yours(id)], "{id}");
        names_nobody(
            &answer.text(),
            &["Bruno", "contoso", &tier2_name, &tier2_email, "Leo", "leo@", "Maya", "maya@"],
        );
        body["errors"] = Value::Null;
        answers.push(body);
    }
    assert!(answers.windows(2).all(|pair| pair[0] == pair[1]), "{answers:?}");
    assert_eq!(answers[0]["detail"], NOT_YOURS);

    let answer = reset(&server, &ines, json!({ "member_ids": others })).await;
    let body = answer.problem(403, problem_types::FORBIDDEN);
    assert_eq!(fields(&body).len(), others.len());
    assert_eq!(messages(&body), others.map(not_yours));
    assert_eq!(snapshot(&server).await, before);
    assert_eq!(method(&server, bruno).await.as_deref(), Some("sms"), "Contoso's Bruno keeps his");
}

#[tokio::test]
async fn only_master_administrators_reset_administrators_of_an_administrators_groups() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let (tier1_admin, _, tier1_admin_email) = enrolled_technician(&server, "Tier 1").await;
    let (emea_master, ..) = enrolled_technician(&server, "EMEA").await;
    // Technicians of Inès's groups who also hold an administrator licence.
    sqlx::query("UPDATE members SET is_administrator = 1 WHERE id = $1")
        .bind(tier1_admin)
        .execute(&server.app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE members SET is_master_administrator = 1 WHERE id = $1")
        .bind(emea_master)
        .execute(&server.app.db)
        .await
        .unwrap();
    // The next one of EMEA, a technician only.
    let (emea_member, ..) = enrolled_technician(&server, "EMEA").await;
    assert_ne!(emea_member, emea_master);

    // She still sees them in her member list.
    let page: MemberPage = serde_json::from_value(
        server
            .get_json(&format!("{MEMBERS}?q={}", tier1_admin_email.replace('@', "%40")), &ines)
            .await,
    )
    .unwrap();
    assert_eq!(page.items.iter().map(|m| m.id).collect::<Vec<_>>(), [tier1_admin]);

    let before = snapshot(&server).await;
    for ids in [vec![tier1_admin], vec![emea_member, emea_master], vec![tier1_admin, emea_member]] {
        let body = reset(&server, &ines, json!({ "member_ids": ids }))
            .await
            .problem(403, problem_types::FORBIDDEN);
        assert_eq!(body["detail"], NOT_YOURS);
        let refused: Vec<String> =
            ids.iter().filter(|id| **id != emea_member).map(|id| not_yours(*id)).collect();
        assert_eq!(messages(&body), refused, "{ids:?}");
        assert_eq!(snapshot(&server).await, before, "nothing changed");
    }
    for id in [tier1_admin, emea_master, emea_member] {
        assert!(method(&server, id).await.is_some(), "{id} keeps their setup");
    }

    // Master administrators reset them.
    let maya = server.sign_in("maya@northwind.example").await;
    let answer = reset(&server, &maya, json!({ "member_ids": [tier1_admin, emea_master] })).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.json(), json!({ "reset": 2 }));
    assert_eq!(method(&server, tier1_admin).await, None);
    assert_eq!(method(&server, emea_master).await, None);
    assert!(method(&server, emea_member).await.is_some());
}

#[tokio::test]
async fn a_master_administrator_is_told_which_ids_are_outside_the_organization() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let priya = server.member_id("priya@northwind.example").await;
    let bruno = server.member_id("bruno.costa@contoso.example").await;
    let before = snapshot(&server).await;
    let body = reset(&server, &maya, json!({ "member_ids": [priya, 999_999, bruno] }))
        .await
        .problem(422, problem_types::VALIDATION);
    assert_eq!(fields(&body), ["member_ids[1]", "member_ids[2]"]);
    assert_eq!(
        messages(&body),
        [
            "There is no member 999999 in your organization.".to_owned(),
            format!("There is no member {bruno} in your organization."),
        ]
    );
    assert_eq!(snapshot(&server).await, before);
    assert_eq!(method(&server, bruno).await.as_deref(), Some("sms"), "Contoso's Bruno keeps his");
}

#[tokio::test]
async fn every_wrong_body_is_refused_with_the_field_named() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let priya = server.member_id("priya@northwind.example").await;
    let before = snapshot(&server).await;
    let too_many: Vec<i64> = (1..=1_001).collect();
    for (body, named) in [
        (json!({ "member_ids": [priya, priya] }), vec!["member_ids[1]"]),
        (json!({ "member_ids": [] }), vec!["member_ids"]),
        (json!({ "member_ids": too_many }), vec!["member_ids"]),
        (
            json!({ "member_ids": [priya, "3", 1.5, 0, -4, null, {}] }),
            vec![
                "member_ids[1]",
                "member_ids[2]",
                "member_ids[3]",
                "member_ids[4]",
                "member_ids[5]",
                "member_ids[6]",
            ],
        ),
        (json!({ "member_ids": priya }), vec!["member_ids"]),
        (json!({}), vec!["member_ids"]),
        (json!({ "member_ids": [priya], "confirm": true }), vec!["confirm"]),
    ] {
        let answer = reset(&server, &maya, body.clone()).await;
        let problem = answer.problem(422, problem_types::VALIDATION);
        assert_eq!(fields(&problem), named, "{body}");
    }
    reset(&server, &maya, json!([priya])).await.problem(422, problem_types::VALIDATION);
    let answer = server
        .call_with(Method::POST, RESET, Some(&maya), None, &[("content-type", "text/plain")])
        .await;
    answer.problem(415, problem_types::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(snapshot(&server).await, before);

    // A thousand distinct ids are accepted as a shape (and then named as unknown).
    let thousand: Vec<i64> = (1_000_001..=1_001_000).collect();
    let body = reset(&server, &maya, json!({ "member_ids": thousand }))
        .await
        .problem(422, problem_types::VALIDATION);
    assert_eq!(fields(&body).len(), 1_000);
}

#[tokio::test]
async fn the_csrf_token_is_checked_first_then_the_role() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let priya = server.member_id("priya@northwind.example").await;
    let before = snapshot(&server).await;
    let forged = Client { cookie: maya.cookie.clone(), csrf: "forged".into() };
    reset(&server, &forged, json!({ "member_ids": [priya] }))
        .await
        .problem(403, problem_types::CSRF);
    let sam = server.sign_in("sam@northwind.example").await;
    let body = reset(&server, &sam, json!({ "member_ids": "nonsense" }))
        .await
        .problem(403, problem_types::FORBIDDEN);
    assert!(body["detail"].as_str().unwrap().starts_with("Only administrators"), "{body}");
    server
        .call(Method::POST, RESET, None, Some(json!({ "member_ids": [priya] })))
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
    server
        .call(Method::GET, RESET, Some(&maya), None)
        .await
        .problem(405, "/problems/method-not-allowed");
    assert_eq!(snapshot(&server).await, before);
}
