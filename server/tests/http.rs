//! What every client sees of the server: health, errors at the edge, the console's files,
//! headers, and start-up failures.

#![warn(missing_docs)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::start;
use twostep_contract::problem_types;

const INDEX: &str = "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/style-0123456789abcdef.css\">\
<script type=\"module\">import init from '/app-0123456789abcdef.js';await init();</script></head><body></body></html>";

async fn with_console() -> common::TestServer {
    let server = start().await;
    let dist = server.dist();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("config.json"), br#"{"api_base":"/api/v1"}"#).unwrap();
    server
}

#[tokio::test]
async fn health_reports_ok_and_the_version() {
    let server = start().await;
    let answer = server.call(Method::GET, "/api/v1/health", None, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json(), serde_json::json!({"status": "ok", "version": "0.1.0"}));
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let server = with_console().await;
    for uri in ["/api/v1/health", "/api/v1/nothing", "/", "/app-0123456789abcdef_bg.wasm"] {
        let answer = server.call(Method::GET, uri, None, None).await;
        assert_eq!(answer.header("x-content-type-options").as_deref(), Some("nosniff"), "{uri}");
        assert_eq!(answer.header("referrer-policy").as_deref(), Some("no-referrer"), "{uri}");
        assert_eq!(answer.header("x-frame-options").as_deref(), Some("DENY"), "{uri}");
        assert!(answer.header("content-security-policy").is_some(), "{uri}");
    }
}

#[tokio::test]
async fn an_unknown_api_path_is_a_404_problem_not_the_console() {
    let server = with_console().await;
    for uri in ["/api/v1/nothing", "/api/v2/session", "/api"] {
        let answer = server.call(Method::GET, uri, None, None).await;
        answer.problem(404, problem_types::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem_with_allow() {
    let server = start().await;
    let answer = server.call(Method::PUT, "/api/v1/health", None, None).await;
    answer.problem(405, "/problems/method-not-allowed");
    assert!(answer.header("allow").unwrap().contains("GET"));
}

#[tokio::test]
async fn a_body_over_64_kib_is_413() {
    let server = start().await;
    let big = format!("{{\"email\":\"{}\",\"password\":\"x\"}}", "a".repeat(70 * 1024));
    let request = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(big))
        .unwrap();
    server.send(request).await.problem(413, problem_types::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn client_side_routes_get_index_html_without_caching() {
    let server = with_console().await;
    let answer = server.call(Method::GET, "/organization/global-settings", None, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-cache"));
    assert_eq!(answer.text(), INDEX);
    let root = server.call(Method::GET, "/", None, None).await;
    assert_eq!(root.text(), INDEX);
}

#[tokio::test]
async fn the_console_page_allows_its_inline_script_by_hash_and_wasm() {
    let server = with_console().await;
    let csp =
        server.call(Method::GET, "/", None, None).await.header("content-security-policy").unwrap();
    let expected = twostep_server::spa::content_security_policy(INDEX);
    assert_eq!(csp, expected);
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("'sha256-"), "{csp}");
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm_and_cached_for_good() {
    let server = with_console().await;
    let answer = server.call(Method::GET, "/app-0123456789abcdef_bg.wasm", None, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("content-type").as_deref(), Some("application/wasm"));
    assert!(answer.header("cache-control").unwrap().contains("immutable"));
    assert_eq!(answer.body, b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn config_json_is_revalidated() {
    let server = with_console().await;
    let answer = server.call(Method::GET, "/config.json", None, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-cache"));
    assert_eq!(answer.json()["api_base"], "/api/v1");
}

#[tokio::test]
async fn large_answers_are_compressed_when_the_client_accepts_it() {
    let server = with_console().await;
    std::fs::write(server.dist().join("big.js"), "console.log('x');\n".repeat(500)).unwrap();
    let request = Request::get("/big.js")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let answer = server.send(request).await;
    assert_eq!(answer.header("content-encoding").as_deref(), Some("gzip"));
}

#[tokio::test]
async fn without_a_built_console_pages_are_503_saying_how_to_build_it() {
    let server = start().await;
    let answer = server.call(Method::GET, "/organization/global-settings", None, None).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answer.header("content-type").unwrap().starts_with("text/html"));
    assert!(answer.text().contains("cargo xtask run"));
    let api = server.call(Method::GET, "/api/v1/health", None, None).await;
    assert_eq!(api.status, StatusCode::OK);
}

#[tokio::test]
async fn a_generated_demo_password_is_written_beside_the_database_for_the_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let config = twostep_server::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_path: dir.path().join("nested/data/twostep.db"),
        demo_password: None,
        dist_dir: dir.path().join("dist"),
        secret_key: None,
        outbox_dir: dir.path().join("outbox"),
        public_url: None,
        limits: Default::default(),
    };
    let app = twostep_server::app(&config).await.unwrap();
    let generated = app.seeded.unwrap().generated_password.unwrap();
    let file = dir.path().join("nested/data/demo-credentials.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&format!("TWOSTEP_DEMO_PASSWORD={generated}\n")), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are not the tables you are looking for").unwrap();
    let config = twostep_server::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_path: path,
        demo_password: None,
        dist_dir: dir.path().join("dist"),
        secret_key: None,
        outbox_dir: dir.path().join("outbox"),
        public_url: None,
        limits: Default::default(),
    };
    let error = twostep_server::app(&config).await.unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("TWOSTEP_DATABASE_URL (--database-url):"), "{message}");
    assert!(message.contains("is not a SQLite database"), "{message}");
    assert_eq!(error.exit_code(), 2);
}
