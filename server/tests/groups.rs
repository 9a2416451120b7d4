//! `/technician-groups`: who sees which groups, their counts, and 404 for everything else.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{NORTHWIND, TestServer, start};
use serde_json::Value;
use twostep_contract::problem_types;

const GROUPS: &str = "/api/v1/technician-groups";

async fn names(server: &TestServer, email: &str) -> Vec<String> {
    let client = server.sign_in(email).await;
    let answer = server.call(Method::GET, GROUPS, Some(&client), None).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    answer
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn group_id(server: &TestServer, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM technician_groups WHERE name = $1")
        .bind(name)
        .fetch_one(&server.app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn maya_sees_every_northwind_group_ordered_by_name_with_counts() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let answer = server.call(Method::GET, GROUPS, Some(&maya), None).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    let groups = answer.json();
    let groups = groups.as_array().unwrap();
    let listed: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(listed, ["Americas", "EMEA", "Field Services", "Tier 1", "Tier 2"]);
    let tier1 = group_id(&server, "Tier 1").await;
    for group in groups {
        let id = group["id"].as_i64().unwrap();
        let (technicians, not_enrolled): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), SUM(CASE WHEN e.member_id IS NULL THEN 1 ELSE 0 END)
             FROM members m LEFT JOIN two_step_enrollments e ON e.member_id = m.id
             WHERE m.technician_group_id = $1 AND m.is_technician = 1",
        )
        .bind(id)
        .fetch_one(&server.app.db)
        .await
        .unwrap();
        assert_eq!(group["technicians"], technicians, "{group}");
        assert_eq!(group["technicians_not_enrolled"], not_enrolled, "{group}");
        assert_eq!(group["force_two_step"], group["name"] == "Tier 2", "{group}");
        assert_eq!(group["revision"], 1);
        let parent = if ["EMEA", "Americas"].contains(&group["name"].as_str().unwrap()) {
            Value::from(tier1)
        } else {
            Value::Null
        };
        assert_eq!(group["parent_id"], parent, "{group}");
    }
    let listed_technicians: i64 = groups.iter().map(|g| g["technicians"].as_i64().unwrap()).sum();
    let all_technicians = server
        .scalar(&format!(
            "SELECT COUNT(*) FROM members WHERE organization_id = {NORTHWIND} AND is_technician = 1"
        ))
        .await;
    assert_eq!(listed_technicians, all_technicians);
    assert_eq!(all_technicians, 40);
}

#[tokio::test]
async fn the_visibility_matrix() {
    let server = start().await;
    assert_eq!(names(&server, "leo@northwind.example").await.len(), 5);
    assert_eq!(names(&server, "ines@northwind.example").await, ["Americas", "EMEA", "Tier 1"]);
    assert_eq!(names(&server, "priya@northwind.example").await, ["Field Services"]);
    assert_eq!(names(&server, "ana@contoso.example").await, ["Helpdesk"]);

    let sam = server.sign_in("sam@northwind.example").await;
    server.call(Method::GET, GROUPS, Some(&sam), None).await.problem(403, problem_types::FORBIDDEN);
    let emea = group_id(&server, "EMEA").await;
    server
        .call(Method::GET, &format!("{GROUPS}/{emea}"), Some(&sam), None)
        .await
        .problem(403, problem_types::FORBIDDEN);
    server.call(Method::GET, GROUPS, None, None).await.problem(401, problem_types::UNAUTHENTICATED);
}

#[tokio::test]
async fn one_group_answers_with_its_etag() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let emea = group_id(&server, "EMEA").await;
    let uri = format!("{GROUPS}/{emea}");
    let answer = server.call(Method::GET, &uri, Some(&ines), None).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    let group = answer.json();
    assert_eq!(group["name"], "EMEA");
    assert_eq!(group["parent_id"], group_id(&server, "Tier 1").await);
    let list = server.call(Method::GET, GROUPS, Some(&ines), None).await.json();
    let listed = list.as_array().unwrap().iter().find(|g| g["id"] == emea).unwrap().clone();
    assert_eq!(group, listed);

    let answer =
        server.call_with(Method::GET, &uri, Some(&ines), None, &[("if-none-match", "\"1\"")]).await;
    assert_eq!(answer.status.as_u16(), 304);
    assert!(answer.body.is_empty());
}

#[tokio::test]
async fn groups_that_may_not_be_seen_are_404_never_403() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let ana = server.sign_in("ana@contoso.example").await;
    let tier2 = group_id(&server, "Tier 2").await;
    let field = group_id(&server, "Field Services").await;
    for id in [tier2, field, 9_999] {
        server
            .call(Method::GET, &format!("{GROUPS}/{id}"), Some(&ines), None)
            .await
            .problem(404, problem_types::NOT_FOUND);
    }
    let northwind_ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM technician_groups WHERE organization_id = {NORTHWIND}"
    ))
    .fetch_all(&server.app.db)
    .await
    .unwrap();
    assert_eq!(northwind_ids.len(), 5);
    for id in northwind_ids {
        server
            .call(Method::GET, &format!("{GROUPS}/{id}"), Some(&ana), None)
            .await
            .problem(404, problem_types::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_id_that_is_not_a_number_is_a_404_problem() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    for id in ["abc", "1.5", "99999999999999999999999", "%20", "-"] {
        let answer = server.call(Method::GET, &format!("{GROUPS}/{id}"), Some(&maya), None).await;
        let body = answer.problem(404, problem_types::NOT_FOUND);
        assert!(body["detail"].as_str().unwrap().contains("not an id"), "{id}: {body}");
    }
    // Without a session the session is checked first.
    server
        .call(Method::GET, &format!("{GROUPS}/abc"), None, None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
}
