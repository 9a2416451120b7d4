//! `GET /audit-events` and its export: every change recorded, newest first, with before and
//! after; the filters, the pages, who may read it, and that no API changes an event.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{Client, NORTHWIND, TestServer, parse_csv, start};
use serde_json::{Value, json};
use twostep_contract::{AuditChange, AuditPage, PrimaryMethod, Vocabulary, problem_types};

const EVENTS: &str = "/api/v1/audit-events";
const EXPORT: &str = "/api/v1/audit-events/export";

fn settings(technicians: &str, method: &str) -> Value {
    json!({"administrators": "all", "technicians": technicians, "primary_method": method})
}

/// Makes four kinds of changes, in this order: Maya saves the policy with every technician,
/// Leo ticks "Force two-step verification" of Tier 1, Maya resets Priya (set up with SMS) and
/// Sam (not set up), and Maya changes the method to SMS. Returns how many setups that reset.
async fn make_changes(server: &TestServer, maya: &Client) -> u64 {
    let answer = server.put_policy(maya, Some("\"1\""), settings("all", "authenticator_app")).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let leo = server.sign_in("leo@northwind.example").await;
    let tier1 = server.group_id("Tier 1").await;
    let answer = server
        .call_with(
            Method::PATCH,
            &format!("/api/v1/technician-groups/{tier1}"),
            Some(&leo),
            Some(json!({"force_two_step": true})),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let priya = server.member_id("priya@northwind.example").await;
    let sam = server.member_id("sam@northwind.example").await;
    let answer = server
        .call(
            Method::POST,
            "/api/v1/members/two-step-reset",
            Some(maya),
            Some(json!({"member_ids": [priya, sam]})),
        )
        .await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let mut body = settings("all", "sms");
    body["confirm_reset"] = json!(true);
    let answer = server.put_policy(maya, Some("\"2\""), body).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    answer.json()["enrollments_reset"].as_u64().unwrap()
}

async fn page(server: &TestServer, client: &Client, query: &str) -> AuditPage {
    let uri = format!("{EVENTS}?{query}");
    serde_json::from_value(server.get_json(&uri, client).await)
        .unwrap_or_else(|e| panic!("{uri}: {e}"))
}

fn kinds(page: &AuditPage) -> Vec<&'static str> {
    page.items.iter().map(|e| e.change.kind().wire_name()).collect()
}

#[tokio::test]
async fn every_change_is_listed_newest_first_with_before_and_after() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let empty = page(&server, &maya, "").await;
    assert_eq!((empty.total, empty.items.len(), empty.actors.len()), (0, 0, 0));

    let enrollments_reset = make_changes(&server, &maya).await;
    assert!(enrollments_reset > 0);
    let answer = server.call(Method::GET, EVENTS, Some(&maya), None).await;
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    let log: AuditPage = serde_json::from_value(answer.json()).unwrap();
    assert_eq!((log.total, log.page, log.per_page), (5, 1, 50));
    assert_eq!(
        kinds(&log),
        [
            "policy_updated",
            "two_step_reset",
            "two_step_reset",
            "group_force_two_step_changed",
            "policy_updated"
        ]
    );
    let ids: Vec<i64> = log.items.iter().map(|e| e.id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");
    let who: Vec<&str> =
        log.items.iter().map(|e| e.actor.as_ref().unwrap().name.as_str()).collect();
    assert_eq!(who, ["Maya Patel", "Maya Patel", "Maya Patel", "Leo Martin", "Maya Patel"]);
    assert!(log.items.iter().all(|e| e.at.ends_with('Z') && e.at.len() == 20), "{:?}", log.items);
    let actors: Vec<&str> = log.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(actors, ["Leo Martin", "Maya Patel"]);
    assert_eq!(log.actors[1].email, "maya@northwind.example");

    match &log.items[0].change {
        AuditChange::PolicyUpdated { before, after, enrollments_reset: reset } => {
            assert_eq!(before.primary_method, PrimaryMethod::AuthenticatorApp);
            assert_eq!(after.primary_method, PrimaryMethod::Sms);
            assert_eq!(*reset, enrollments_reset);
        }
        other => panic!("{other:?}"),
    }
    match &log.items[1].change {
        AuditChange::TwoStepReset { member, method_before } => {
            assert_eq!((member.name.as_str(), *method_before), ("Sam Okafor", None));
            assert_eq!(member.email, "sam@northwind.example");
        }
        other => panic!("{other:?}"),
    }
    match &log.items[2].change {
        AuditChange::TwoStepReset { member, method_before } => {
            assert_eq!(member.id, server.member_id("priya@northwind.example").await);
            assert_eq!(*method_before, Some(PrimaryMethod::Sms));
        }
        other => panic!("{other:?}"),
    }
    let tier1 = server.group_id("Tier 1").await;
    assert_eq!(
        log.items[3].change,
        AuditChange::GroupForceTwoStepChanged {
            group_id: tier1,
            group_name: "Tier 1".into(),
            before: false,
            after: true
        }
    );
    let json = server.get_json(EVENTS, &maya).await;
    assert_eq!(json["items"][4]["kind"], "policy_updated");
    assert_eq!(json["items"][4]["before"]["technicians"], "selected_groups");
    assert_eq!(json["items"][4]["after"]["technicians"], "all");
    assert_eq!(json["items"][4]["enrollments_reset"], 0);
}

#[tokio::test]
async fn the_filters_and_pages_narrow_the_log() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    make_changes(&server, &maya).await;
    let resets = page(&server, &maya, "kind=two_step_reset").await;
    assert_eq!((resets.total, kinds(&resets)), (2, vec!["two_step_reset"; 2]));
    assert_eq!(resets.actors.len(), 2, "the actors are the log's, not the page's");
    let groups = page(&server, &maya, "kind=group_force_two_step_changed").await;
    assert_eq!(groups.total, 1);
    let leo = server.member_id("leo@northwind.example").await;
    let by_leo = page(&server, &maya, &format!("actor_id={leo}")).await;
    assert_eq!((by_leo.total, kinds(&by_leo)), (1, vec!["group_force_two_step_changed"]));
    let nobody = page(&server, &maya, "actor_id=999999").await;
    assert_eq!((nobody.total, nobody.items.len()), (0, 0));
    let maya_id = server.member_id("maya@northwind.example").await;
    let hers = page(&server, &maya, &format!("kind=policy_updated&actor_id={maya_id}")).await;
    assert_eq!(hers.total, 2);

    let all = page(&server, &maya, "").await;
    let second = page(&server, &maya, "per_page=2&page=2").await;
    assert_eq!((second.total, second.page, second.per_page), (5, 2, 2));
    assert_eq!(second.items, all.items[2..4]);
    let past = page(&server, &maya, "per_page=2&page=4").await;
    assert_eq!((past.total, past.items.len()), (5, 0));

    let body = server
        .call(
            Method::GET,
            &format!("{EVENTS}?kind=deleted&actor_id=me&sort=at&page=0"),
            Some(&maya),
            None,
        )
        .await
        .problem(422, problem_types::VALIDATION);
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["kind", "actor_id", "page"], "`sort` is unknown here, so ignored");
}

#[tokio::test]
async fn the_role_is_checked_before_the_query() {
    let server = start().await;
    for email in ["ines@northwind.example", "sam@northwind.example"] {
        let client = server.sign_in(email).await;
        for uri in [EVENTS, EXPORT] {
            for query in ["kind=bogus", "kind=bogus&actor_id=me&page=0&nonsense=1"] {
                let uri = format!("{uri}?{query}");
                let answer = server.call(Method::GET, &uri, Some(&client), None).await;
                let body = answer.problem(403, problem_types::FORBIDDEN);
                assert!(
                    body["detail"].as_str().unwrap().starts_with("Only master administrators"),
                    "{email} {uri}: {body}"
                );
            }
        }
    }
    // A master administrator's bad query is still a 422.
    let maya = server.sign_in("maya@northwind.example").await;
    for uri in [EVENTS, EXPORT] {
        server
            .call(Method::GET, &format!("{uri}?kind=bogus"), Some(&maya), None)
            .await
            .problem(422, problem_types::VALIDATION);
    }
}

#[tokio::test]
async fn only_master_administrators_read_it_and_only_their_organizations() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    make_changes(&server, &maya).await;
    for email in ["ines@northwind.example", "sam@northwind.example"] {
        let client = server.sign_in(email).await;
        for uri in [EVENTS, EXPORT] {
            let body = server
                .call(Method::GET, uri, Some(&client), None)
                .await
                .problem(403, problem_types::FORBIDDEN);
            assert_eq!(
                body["detail"],
                "Only master administrators can do this. Ask a master administrator of your organization."
            );
        }
    }
    for uri in [EVENTS, EXPORT] {
        server
            .call(Method::GET, uri, None, None)
            .await
            .problem(401, problem_types::UNAUTHENTICATED);
    }
    let ana = server.sign_in("ana@contoso.example").await;
    let theirs = page(&server, &ana, "").await;
    assert_eq!((theirs.total, theirs.items.len(), theirs.actors.len()), (0, 0, 0));
    let maya_id = server.member_id("maya@northwind.example").await;
    assert_eq!(page(&server, &ana, &format!("actor_id={maya_id}")).await.total, 0);
    let rows = parse_csv(&server.call(Method::GET, EXPORT, Some(&ana), None).await.text());
    assert_eq!(rows.len(), 1, "only the header: {rows:?}");
}

#[tokio::test]
async fn no_api_changes_or_deletes_an_event() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    make_changes(&server, &maya).await;
    let id = page(&server, &maya, "").await.items[0].id;
    for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::POST] {
        for uri in [EVENTS, EXPORT] {
            server
                .call(method.clone(), uri, Some(&maya), Some(json!({})))
                .await
                .problem(405, "/problems/method-not-allowed");
        }
    }
    for method in [Method::GET, Method::PUT, Method::PATCH, Method::DELETE] {
        server
            .call(method, &format!("{EVENTS}/{id}"), Some(&maya), Some(json!({"kind": "x"})))
            .await
            .problem(404, problem_types::NOT_FOUND);
    }
    assert_eq!(server.scalar("SELECT COUNT(*) FROM audit_events").await, 5);
}

#[tokio::test]
async fn a_former_member_stays_in_the_log_without_a_name() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    make_changes(&server, &maya).await;
    sqlx::query("DELETE FROM members WHERE email = 'leo@northwind.example'")
        .execute(&server.app.db)
        .await
        .unwrap();
    let log = page(&server, &maya, "").await;
    assert_eq!(log.items[3].actor, None);
    let actors: Vec<&str> = log.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(actors, ["Maya Patel"]);
    let rows = parse_csv(&server.call(Method::GET, EXPORT, Some(&maya), None).await.text());
    assert_eq!(&rows[4][1..3], ["A former member", ""]);
}

#[tokio::test]
async fn a_stored_event_that_cannot_be_read_is_a_server_error() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    sqlx::query(&format!(
        "INSERT INTO audit_events (organization_id, actor_member_id, at, kind, before, after, detail)
         VALUES ({NORTHWIND}, NULL, 0, 'two_step_reset', '{{}}', '{{}}', '{{}}')"
    ))
    .execute(&server.app.db)
    .await
    .unwrap();
    server.call(Method::GET, EVENTS, Some(&maya), None).await.problem(500, problem_types::INTERNAL);
}

#[tokio::test]
async fn the_export_says_each_change_in_words() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let enrollments_reset = make_changes(&server, &maya).await;
    let answer =
        server.call(Method::GET, &format!("{EXPORT}?per_page=1&page=3"), Some(&maya), None).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("content-type").as_deref(), Some("text/csv; charset=utf-8"));
    assert_eq!(
        answer.header("content-disposition").as_deref(),
        Some("attachment; filename=\"audit-log.csv\"")
    );
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    let rows = parse_csv(&answer.text());
    assert_eq!(rows[0], ["When", "Who", "Who email", "Change", "Before", "After"]);
    assert_eq!(rows.len(), 6, "every event, whatever the page: {rows:?}");
    let log = page(&server, &maya, "").await;
    for (row, event) in rows[1..].iter().zip(&log.items) {
        assert_eq!(row[0], event.at);
    }
    assert_eq!(rows[1][1..3], ["Maya Patel", "maya@northwind.example"]);
    assert_eq!(
        rows[1][3..],
        [
            format!("Two-step verification policy ({enrollments_reset} setups reset)"),
            "Administrators: All administrators; Technicians: All technicians; Primary method: Authenticator app".to_owned(),
            "Administrators: All administrators; Technicians: All technicians; Primary method: SMS verification".to_owned(),
        ]
    );
    assert_eq!(
        rows[2][3..],
        [
            "Two-step verification reset: Sam Okafor (sam@northwind.example)",
            "Not set up",
            "Not set up"
        ]
    );
    assert_eq!(
        rows[3][3..],
        [
            "Two-step verification reset: Priya Raman (priya@northwind.example)",
            "Set up (SMS verification)",
            "Not set up"
        ]
    );
    assert_eq!(rows[4][1], "Leo Martin");
    assert_eq!(rows[4][3..], ["Force two-step verification: Tier 1", "Off", "On"]);
    assert_eq!(
        rows[5][3..],
        [
            "Two-step verification policy",
            "Administrators: All administrators; Technicians: Members of selected technician groups; Primary method: Authenticator app",
            "Administrators: All administrators; Technicians: All technicians; Primary method: Authenticator app",
        ]
    );
    let resets = parse_csv(
        &server
            .call(Method::GET, &format!("{EXPORT}?kind=two_step_reset"), Some(&maya), None)
            .await
            .text(),
    );
    assert_eq!(resets.len(), 3);
    server
        .call(Method::GET, &format!("{EXPORT}?kind=all"), Some(&maya), None)
        .await
        .problem(422, problem_types::VALIDATION);
}

#[tokio::test]
async fn a_members_own_changes_are_in_the_log_and_the_export() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let account = |path: &str| format!("/api/v1/account{path}");
    let started = server
        .call(
            Method::POST,
            &account("/two-step/start"),
            Some(&sam),
            Some(json!({"method": "email"})),
        )
        .await;
    assert_eq!(started.status.as_u16(), 200, "{}", started.text());
    let code = server.outbox_code("email");
    let done = server
        .call(Method::POST, &account("/two-step/complete"), Some(&sam), Some(json!({"code": code})))
        .await;
    assert_eq!(done.status.as_u16(), 200, "{}", done.text());
    let regenerated =
        server.call(Method::POST, &account("/recovery-codes"), Some(&sam), None).await;
    assert_eq!(regenerated.status.as_u16(), 200);
    let changed = server
        .call(
            Method::POST,
            &account("/password"),
            Some(&sam),
            Some(json!({"current_password": common::PASSWORD, "new_password": "a-brand-new-password"})),
        )
        .await;
    assert_eq!(changed.status.as_u16(), 204, "{}", changed.text());

    let maya = server.sign_in("maya@northwind.example").await;
    let log = page(&server, &maya, "").await;
    let sam_id = server.member_id("sam@northwind.example").await;
    let kinds: Vec<AuditChange> = log
        .items
        .iter()
        .filter(|e| e.actor.as_ref().is_some_and(|a| a.id == sam_id))
        .map(|e| e.change.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            AuditChange::PasswordChanged {},
            AuditChange::RecoveryCodesRegenerated {},
            AuditChange::TwoStepSetUp { method: PrimaryMethod::Email, method_before: None },
        ]
    );
    let rows = parse_csv(&server.call(Method::GET, EXPORT, Some(&maya), None).await.text());
    let sams: Vec<&[String]> =
        rows.iter().filter(|r| r[1] == "Sam Okafor").map(|r| &r[3..]).collect();
    assert_eq!(
        sams,
        [
            ["Changed password", "", ""].map(String::from).as_slice(),
            ["Regenerated recovery codes", "", ""].map(String::from).as_slice(),
            ["Set up Email verification", "Not set up", "Set up (Email verification)"]
                .map(String::from)
                .as_slice(),
        ]
    );
    let filtered = page(&server, &maya, "kind=password_changed").await;
    assert_eq!(filtered.total, 1);
}

#[tokio::test]
async fn the_export_shares_the_export_slots_and_is_the_same_file_once_one_is_free() {
    let server =
        common::start_with_limits(twostep_server::Limits { max_exports: 1, ..Default::default() })
            .await;
    let maya = server.sign_in("maya@northwind.example").await;
    make_changes(&server, &maya).await;
    let request = |uri: &str| {
        axum::http::Request::get(uri)
            .header("cookie", format!("twostep_session={}", maya.cookie))
            .body(axum::body::Body::empty())
            .unwrap()
    };

    // A members export whose file nobody has read yet holds the one slot.
    let held =
        tower::ServiceExt::oneshot(server.app.router.clone(), request("/api/v1/members/export"))
            .await
            .unwrap();
    assert_eq!(held.status().as_u16(), 200);
    let busy = server.send(request(EXPORT)).await;
    busy.problem(503, problem_types::UNAVAILABLE);
    assert!(busy.header("retry-after").unwrap().parse::<u32>().unwrap() >= 1);

    // Read to its end, it gives the slot back, and the audit log streams: every event, in the
    // order of the log.
    axum::body::to_bytes(held.into_body(), usize::MAX).await.unwrap();
    let answer = server.send(request(EXPORT)).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let rows = parse_csv(&answer.text());
    let page: AuditPage = serde_json::from_value(
        server.call(Method::GET, &format!("{EVENTS}?per_page=100"), Some(&maya), None).await.json(),
    )
    .unwrap();
    assert_eq!(rows.len(), page.total as usize + 1, "a header and a row per event");
    assert!(page.total >= 3);
}
