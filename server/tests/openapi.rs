//! The served OpenAPI document must equal the committed copy in contract/openapi.json.
//!
//! After changing the API, run `UPDATE_OPENAPI=1 cargo test -p twostep-server --test openapi`
//! to rewrite the copy, and commit it.

#![warn(missing_docs)]

mod common;

use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_served_document_matches_the_committed_copy() {
    let server = common::start().await;
    let answer = server.call(Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let served = answer.json();
    assert_eq!(served["openapi"], "3.1.0");
    for path in [
        "/health",
        "/session",
        "/two-step-verification/policy",
        "/two-step-verification/policy/preview",
        "/technician-groups",
        "/technician-groups/{id}",
        "/members",
        "/members/export",
        "/members/two-step-reset",
        "/audit-events",
        "/audit-events/export",
        "/openapi.json",
        "/session/second-step",
        "/session/second-step/start",
        "/session/second-step/complete",
        "/account",
        "/account/two-step/start",
        "/account/two-step/complete",
        "/account/recovery-codes",
        "/account/password",
    ] {
        assert!(served["paths"][path].is_object(), "{path} is not documented");
    }
    let put = &served["paths"]["/two-step-verification/policy"]["put"];
    for status in ["200", "401", "403", "409", "412", "415", "422", "428"] {
        assert!(put["responses"][status].is_object(), "PUT policy does not document {status}");
    }
    assert!(put["responses"]["412"]["headers"]["ETag"].is_object());
    assert!(
        put["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "If-Match"),
        "PUT policy does not document If-Match"
    );
    let patch = &served["paths"]["/technician-groups/{id}"]["patch"];
    for status in ["200", "401", "403", "404", "412", "415", "422", "428"] {
        assert!(patch["responses"][status].is_object(), "PATCH group does not document {status}");
    }
    assert!(
        patch["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "If-Match"),
        "PATCH group does not document If-Match"
    );
    let reset = &served["paths"]["/members/two-step-reset"]["post"];
    for status in ["200", "401", "403", "415", "422"] {
        assert!(reset["responses"][status].is_object(), "the reset does not document {status}");
    }
    let list = &served["paths"]["/members"]["get"];
    for parameter in ["q", "group_id", "role", "required", "status", "sort", "page", "per_page"] {
        assert!(
            list["parameters"].as_array().unwrap().iter().any(|p| p["name"] == parameter),
            "GET /members does not document {parameter}"
        );
    }
    assert!(
        served["paths"]["/members/export"]["get"]["responses"]["200"]["content"]
            ["text/csv; charset=utf-8"]
            .is_object()
    );
    for schema in [
        "PolicyUpdate",
        "PolicyUpdated",
        "PolicyImpact",
        "TechnicianGroup",
        "GroupUpdate",
        "MemberPage",
        "Member",
        "MembersResetRequest",
        "MembersReset",
        "AuditPage",
        "AuditEvent",
        "AuditChange",
    ] {
        assert!(served["components"]["schemas"][schema].is_object(), "{schema} is missing");
    }
    let sign_in = &served["paths"]["/session"]["post"];
    for status in ["200", "202", "401", "422", "429", "503"] {
        assert!(
            sign_in["responses"][status].is_object(),
            "POST /session does not document {status}"
        );
    }
    let complete = &served["paths"]["/session/second-step/complete"]["post"];
    for status in ["200", "401", "403", "409", "422", "429"] {
        assert!(complete["responses"][status].is_object(), "complete does not document {status}");
    }
    for schema in [
        "PendingSecondStep",
        "SecondStepStart",
        "SecondStepChallenge",
        "AuthenticatorSetup",
        "SecondStepAnswer",
        "SecondStepDone",
        "Account",
        "AccountSetUp",
        "RecoveryCodes",
        "PasswordChange",
    ] {
        assert!(served["components"]["schemas"][schema].is_object(), "{schema} is missing");
    }
    let schemes = &served["components"]["securitySchemes"];
    assert_eq!(schemes["pending_cookie"]["name"], "twostep_pending");
    assert_eq!(schemes["session_cookie"]["in"], "cookie");
    assert_eq!(schemes["csrf_token"]["name"], "X-CSRF-Token");

    let pretty = format!("{}\n", serde_json::to_string_pretty(&served).unwrap());
    let committed_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../contract/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some_and(|v| v == "1") {
        std::fs::write(&committed_path, &pretty).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == pretty,
        "contract/openapi.json differs from the document the server serves. If the API change is \
         intended, run `UPDATE_OPENAPI=1 cargo test -p twostep-server --test openapi` and commit \
         contract/openapi.json."
    );
}

#[test]
fn every_problem_type_is_listed_once_with_its_status() {
    let document = twostep_server::openapi::document();
    let description = document["info"]["description"].as_str().unwrap();
    for kind in twostep_contract::problem_types::ALL {
        let rows: Vec<&str> =
            description.lines().filter(|line| line.starts_with(&format!("| `{kind}` |"))).collect();
        assert_eq!(rows.len(), 1, "{kind} must be listed once in the description: {rows:?}");
    }
    let listed = description.lines().filter(|line| line.starts_with("| `/problems/")).count();
    assert_eq!(listed, twostep_contract::problem_types::ALL.len(), "a type the server lacks");
}

#[test]
fn bodies_are_closed_and_queries_bounded() {
    let document = twostep_server::openapi::document();
    let schemas = &document["components"]["schemas"];
    for body in [
        "SignIn",
        "SecondStepStart",
        "SecondStepAnswer",
        "PasswordChange",
        "PolicySettings",
        "PolicyUpdate",
        "GroupUpdate",
        "MembersResetRequest",
    ] {
        assert_eq!(schemas[body]["additionalProperties"], false, "{body} must be closed");
    }
    let ids = &schemas["MembersResetRequest"]["properties"]["member_ids"];
    assert_eq!((ids["minItems"].as_u64(), ids["maxItems"].as_u64()), (Some(1), Some(1000)));
    assert_eq!((&ids["items"]["minimum"], &ids["uniqueItems"]), (&json!(1), &json!(true)));
    let problem = &schemas["Problem"]["properties"];
    assert!(problem["members_reset"].is_object());
    assert_eq!(problem["members_affected"]["deprecated"], true);

    let parameter = |path: &str, name: &str| -> serde_json::Value {
        let parameters = document["paths"][path]["get"]["parameters"].as_array().unwrap();
        parameters.iter().find(|p| p["name"] == name).cloned().unwrap()
    };
    for path in ["/members", "/members/export", "/audit-events", "/audit-events/export"] {
        let page = parameter(path, "page");
        assert_eq!(
            (&page["schema"]["minimum"], &page["allowEmptyValue"]),
            (&json!(1), &json!(true))
        );
        assert_eq!(parameter(path, "per_page")["schema"]["maximum"], 200, "{path}");
    }
    assert_eq!(parameter("/members", "group_id")["schema"]["minimum"], 1);
    assert_eq!(parameter("/audit-events", "actor_id")["schema"]["minimum"], 1);
    assert_eq!(parameter("/technician-groups/{id}", "id")["schema"]["minimum"], 1);
}

#[test]
fn every_operation_documents_what_the_http_layer_and_the_body_reader_answer() {
    let document = twostep_server::openapi::document();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = &operation["responses"];
            assert!(responses["400"].is_object(), "{method} {path} does not document 400");
            if operation.get("requestBody").is_some() {
                for status in ["408", "413"] {
                    assert!(responses[status].is_object(), "{method} {path}: {status}");
                }
            }
        }
    }
}
