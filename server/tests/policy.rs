//! The policy endpoint and the demo data it starts from.

#![warn(missing_docs)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::start;
use serde_json::json;
use twostep_contract::problem_types;

#[tokio::test]
async fn maya_reads_northwinds_initial_policy_with_its_etag() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let answer =
        server.call(Method::GET, "/api/v1/two-step-verification/policy", Some(&maya), None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    let policy = answer.json();
    assert_eq!(policy["administrators"], "all");
    assert_eq!(policy["technicians"], "selected_groups");
    assert_eq!(policy["primary_method"], "authenticator_app");
    assert_eq!(policy["revision"], 1);
    let updated = policy["updated_at"].as_str().unwrap();
    assert!(
        updated.len() == 20 && updated.ends_with('Z') && updated.as_bytes()[10] == b'T',
        "{updated}"
    );
}

#[tokio::test]
async fn if_none_match_with_the_current_etag_is_304() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let request = Request::get("/api/v1/two-step-verification/policy")
        .header(header::COOKIE, format!("twostep_session={}", maya.cookie))
        .header(header::IF_NONE_MATCH, "\"1\"")
        .body(Body::empty())
        .unwrap();
    let answer = server.send(request).await;
    assert_eq!(answer.status, StatusCode::NOT_MODIFIED);
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert!(answer.body.is_empty());
}

#[tokio::test]
async fn an_administrator_may_read_the_policy_and_a_technician_may_not() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let answer =
        server.call(Method::GET, "/api/v1/two-step-verification/policy", Some(&ines), None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let sam = server.sign_in("sam@northwind.example").await;
    let answer =
        server.call(Method::GET, "/api/v1/two-step-verification/policy", Some(&sam), None).await;
    let body = answer.problem(403, problem_types::FORBIDDEN);
    assert!(body["detail"].as_str().unwrap().contains("administrators"), "{body}");
}

#[tokio::test]
async fn the_policy_needs_a_session() {
    let server = start().await;
    let answer = server.call(Method::GET, "/api/v1/two-step-verification/policy", None, None).await;
    answer.problem(401, problem_types::UNAUTHENTICATED);
}

#[tokio::test]
async fn ana_sees_contosos_policy_and_not_northwinds() {
    let server = start().await;
    let ana = server.sign_in("ana@contoso.example").await;
    let session = server.call(Method::GET, "/api/v1/session", Some(&ana), None).await.json();
    assert_eq!(session["organization"]["name"], "Contoso Helpdesk");
    let policy = server
        .call(Method::GET, "/api/v1/two-step-verification/policy", Some(&ana), None)
        .await
        .json();
    assert_eq!(
        (
            policy["administrators"].clone(),
            policy["technicians"].clone(),
            policy["primary_method"].clone()
        ),
        (json!("none"), json!("all"), json!("sms"))
    );
}

#[tokio::test]
async fn the_seed_has_the_five_demo_accounts_with_their_roles() {
    let server = start().await;
    let expected = [
        (
            "maya@northwind.example",
            "Maya Patel",
            json!(["master_administrator"]),
            "Northwind Support",
        ),
        (
            "leo@northwind.example",
            "Leo Martin",
            json!(["master_administrator", "technician"]),
            "Northwind Support",
        ),
        ("ines@northwind.example", "Inès Duarte", json!(["administrator"]), "Northwind Support"),
        ("sam@northwind.example", "Sam Okafor", json!(["technician"]), "Northwind Support"),
        ("ana@contoso.example", "Ana Lima", json!(["master_administrator"]), "Contoso Helpdesk"),
    ];
    for (email, name, roles, organization) in expected {
        let client = server.sign_in(email).await;
        let session = server.call(Method::GET, "/api/v1/session", Some(&client), None).await.json();
        assert_eq!(session["user"]["name"], name);
        assert_eq!(session["user"]["roles"], roles, "{email}");
        assert_eq!(session["organization"]["name"], organization);
    }
}

#[tokio::test]
async fn the_seed_has_northwinds_groups_and_a_deterministic_mix_of_technicians() {
    let server = start().await;
    let db = &server.app.db;
    let groups: Vec<(String, Option<String>, bool)> = sqlx::query_as(
        "SELECT g.name, p.name, g.force_two_step FROM technician_groups g
         LEFT JOIN technician_groups p ON p.id = g.parent_id
         JOIN organizations o ON o.id = g.organization_id
         WHERE o.name = 'Northwind Support' ORDER BY g.id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let tier1 = Some("Tier 1".to_string());
    assert_eq!(
        groups,
        vec![
            ("Tier 1".into(), None, false),
            ("EMEA".into(), tier1.clone(), false),
            ("Americas".into(), tier1, false),
            ("Tier 2".into(), None, true),
            ("Field Services".into(), None, false),
        ]
    );
    let (technicians, enrolled, old_consoles): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*),
                SUM(CASE WHEN e.member_id IS NULL THEN 0 ELSE 1 END),
                SUM(CASE WHEN m.technician_console_version IN ('7.50.3572', '7.12.3301', '7.45.3480') THEN 1 ELSE 0 END)
         FROM members m LEFT JOIN two_step_enrollments e ON e.member_id = m.id
         WHERE m.organization_id = 1 AND m.is_technician = 1",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(technicians, 40);
    assert!(enrolled > 10 && enrolled < technicians, "{enrolled}");
    assert!(old_consoles >= 5, "{old_consoles}");

    let again = start().await;
    let fingerprint = "SELECT group_concat(m.email || ':' || COALESCE(m.technician_console_version, '') || ':' || COALESCE(e.method, '-'), ',')
                       FROM members m LEFT JOIN two_step_enrollments e ON e.member_id = m.id";
    let a: String = sqlx::query_scalar(fingerprint).fetch_one(db).await.unwrap();
    let b: String = sqlx::query_scalar(fingerprint).fetch_one(&again.app.db).await.unwrap();
    assert_eq!(a, b, "the seed is the same every time");
}

#[tokio::test]
async fn a_second_start_on_the_same_database_does_not_seed_again() {
    let server = start().await;
    let config = twostep_server::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_path: server.dir.path().join("data/twostep.db"),
        demo_password: None,
        dist_dir: server.dist(),
        secret_key: None,
        outbox_dir: server.dir.path().join("data/outbox"),
        public_url: None,
        limits: Default::default(),
    };
    let again = twostep_server::app(&config).await.unwrap();
    assert!(again.seeded.is_none());
    let organizations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(&again.db)
        .await
        .unwrap();
    assert_eq!(organizations, 2);
}
