#![cfg(target_arch = "wasm32")]
//! The API client against a stand-in backend: the addresses its requests go to, and how it
//! reads the answers a backend may give.

#![warn(missing_docs)]

mod support;

use serde_json::json;
use support::backend::{Answer, Backend, Received};
use twostep_admin::api::ApiClient;
use twostep_contract::{AuditKind, AuditQuery, CSRF_HEADER, MemberQuery, Paging};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// An empty page of members or, for the audit log, of events.
fn empty_page(request: &Received) -> Answer {
    let mut page = json!({"items": [], "total": 0, "page": 1, "per_page": 50});
    if request.path_and_query.contains("/audit-events") {
        page["actors"] = json!([]);
    }
    Answer::json(200, page)
}

#[wasm_bindgen_test]
async fn list_requests_carry_no_empty_pair_and_no_trailing_ampersand() {
    let backend = Backend::install(empty_page);
    let client = ApiClient::new("/api/v1");
    let second_page = Paging { page: 2, ..Paging::default() };

    client.list_members(&MemberQuery::default()).await.unwrap();
    client
        .list_members(&MemberQuery { paging: second_page, ..MemberQuery::default() })
        .await
        .unwrap();
    let costa = MemberQuery { q: Some("costa".into()), ..MemberQuery::default() };
    client.list_members(&costa).await.unwrap();
    let both =
        MemberQuery { q: Some("ana maría".into()), paging: second_page, ..MemberQuery::default() };
    client.list_members(&both).await.unwrap();
    client
        .list_audit_events(&AuditQuery { paging: second_page, ..AuditQuery::default() })
        .await
        .unwrap();
    let resets = AuditQuery { kind: Some(AuditKind::TwoStepReset), ..AuditQuery::default() };
    client.list_audit_events(&resets).await.unwrap();

    let sent: Vec<String> =
        backend.received().into_iter().map(|request| request.path_and_query).collect();
    assert_eq!(
        sent,
        [
            "/api/v1/members",
            "/api/v1/members?page=2",
            "/api/v1/members?q=costa",
            "/api/v1/members?q=ana%20mar%C3%ADa&page=2",
            "/api/v1/audit-events?page=2",
            "/api/v1/audit-events?kind=two_step_reset",
        ]
    );
}

#[wasm_bindgen_test]
async fn a_write_carries_its_json_body_and_headers_to_the_address_given() {
    let backend = Backend::install(|_| Answer::json(200, json!({"reset": 2})));
    let client = ApiClient::new("/api/v1/");
    let session = support::master_session();
    let reset = client.bound_to(&session).reset_members(&[4, 9]).await.unwrap();
    assert_eq!(reset.reset, 2);
    let sent = backend.received();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].path_and_query, "/api/v1/members/two-step-reset");
    assert_eq!(sent[0].body, r#"{"member_ids":[4,9]}"#);
    assert_eq!(sent[0].header("Content-Type").as_deref(), Some("application/json"));
    assert_eq!(sent[0].header("Accept").as_deref(), Some("application/json"));
    assert_eq!(sent[0].header(CSRF_HEADER).as_deref(), Some("token-1"));
}
