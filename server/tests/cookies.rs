//! The session and pending cookies: their names and attributes over https and http, HSTS, a
//! cookie sent twice, signing out everywhere, and a password change ending the other sessions.

#![warn(missing_docs)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Answer, PASSWORD, TestServer, start};
use serde_json::{Value, json};

const SESSION: &str = "/api/v1/session";
const SESSIONS: &str = "/api/v1/sessions";
const ACCOUNT: &str = "/api/v1/account";
const HSTS: &str = "max-age=31536000";

/// A server whose public URL is `https://twostep.test`, as behind a TLS proxy.
async fn start_https() -> TestServer {
    common::start_with(|config| config.public_url = Some("https://twostep.test".into())).await
}

/// A browser's session: the whole `name=value` cookie it sends back, and the CSRF token.
struct Browser {
    cookie: String,
    csrf: String,
}

/// The `Set-Cookie` values of an answer.
fn set_cookies(answer: &Answer) -> Vec<String> {
    answer.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

/// Signs `email` in with the password alone (a member the demo policy does not require to use
/// two-step verification); the session cookie must be named `cookie_name`.
async fn sign_in(server: &TestServer, email: &str, password: &str, cookie_name: &str) -> Browser {
    let answer = server.sign_in_with(email, password).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let set = set_cookies(&answer);
    let cookie = set
        .iter()
        .find(|c| c.starts_with(&format!("{cookie_name}=")))
        .unwrap_or_else(|| panic!("no {cookie_name} cookie in {set:?}"));
    Browser {
        cookie: cookie.split(';').next().unwrap().to_owned(),
        csrf: answer.json()["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// Sends a request with the browser's cookie (or `cookie` instead) and CSRF token.
async fn send(
    server: &TestServer,
    method: Method,
    uri: &str,
    browser: &Browser,
    body: Option<Value>,
) -> Answer {
    let extra = [("cookie", browser.cookie.as_str()), ("x-csrf-token", browser.csrf.as_str())];
    server.call_with(method, uri, None, body, &extra).await
}

#[tokio::test]
async fn over_https_the_cookies_are_host_only_and_secure_and_every_answer_has_hsts() {
    let server = start_https().await;
    let sam = sign_in(&server, "sam@northwind.example", PASSWORD, "__Host-twostep_session").await;
    let answer = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(answer.header("strict-transport-security").as_deref(), Some(HSTS));
    let cookie = set_cookies(&answer).remove(0);
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");

    let read = send(&server, Method::GET, SESSION, &sam, None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    assert_eq!(read.header("strict-transport-security").as_deref(), Some(HSTS));
    // Errors, the console's files and the API document carry it too.
    let no_one = server.call(Method::GET, SESSION, None, None).await;
    no_one.problem(401, "/problems/unauthenticated");
    assert_eq!(no_one.header("strict-transport-security").as_deref(), Some(HSTS));
    let page = server.call(Method::GET, "/", None, None).await;
    assert_eq!(page.header("strict-transport-security").as_deref(), Some(HSTS));

    // The plain name opens nothing on this server.
    let value = sam.cookie.strip_prefix("__Host-").unwrap().to_owned();
    let plain = Browser { cookie: value, csrf: sam.csrf.clone() };
    send(&server, Method::GET, SESSION, &plain, None)
        .await
        .problem(401, "/problems/unauthenticated");

    // A member asked for a second step gets the pending cookie under its __Host- name.
    let maya = server.sign_in_with("maya@northwind.example", PASSWORD).await;
    assert_eq!(maya.status, StatusCode::ACCEPTED, "{}", maya.text());
    let pending = set_cookies(&maya).remove(0);
    assert!(pending.starts_with("__Host-twostep_pending="), "{pending}");
    assert!(pending.ends_with("; Secure") && pending.contains("Path=/"), "{pending}");

    // Signing out expires the __Host- cookie, with the attributes the prefix needs.
    let out = send(&server, Method::DELETE, SESSION, &sam, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text());
    let expired = set_cookies(&out).remove(0);
    assert!(expired.starts_with("__Host-twostep_session=;") && expired.contains("Max-Age=0"));
    assert!(expired.contains("Secure") && expired.contains("Path=/"), "{expired}");
}

#[tokio::test]
async fn over_http_the_cookies_keep_their_names_and_there_is_no_hsts() {
    let server = start().await;
    let answer = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let cookie = set_cookies(&answer).remove(0);
    assert!(cookie.starts_with("twostep_session="), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert_eq!(answer.header("strict-transport-security"), None);
    let page = server.call(Method::GET, "/", None, None).await;
    assert_eq!(page.header("strict-transport-security"), None);
}

#[tokio::test]
async fn a_cookie_sent_twice_is_refused_not_served_with_either() {
    for https in [false, true] {
        let server = if https { start_https().await } else { start().await };
        let name = if https { "__Host-twostep_session" } else { "twostep_session" };
        let sam = sign_in(&server, "sam@northwind.example", PASSWORD, name).await;
        let ana = sign_in(&server, "ana@contoso.example", PASSWORD, name).await;
        // Both orders, in one header or two: never served as Sam or as Ana.
        let both = [
            format!("{}; {}", sam.cookie, ana.cookie),
            format!("{}; {}", ana.cookie, sam.cookie),
            format!("{}; {}", sam.cookie, sam.cookie),
        ];
        for cookie in &both {
            let twice = Browser { cookie: cookie.clone(), csrf: sam.csrf.clone() };
            for (method, uri) in
                [(Method::GET, SESSION), (Method::GET, ACCOUNT), (Method::DELETE, SESSIONS)]
            {
                let answer = send(&server, method.clone(), uri, &twice, None).await;
                let problem = answer.problem(401, "/problems/unauthenticated");
                let detail = problem["detail"].as_str().unwrap();
                assert!(
                    detail.contains(name) && detail.contains("Clear this site's cookies"),
                    "{detail}"
                );
            }
        }
        let request = axum::http::Request::builder()
            .uri(SESSION)
            .header("cookie", &sam.cookie)
            .header("cookie", &ana.cookie)
            .body(axum::body::Body::empty())
            .unwrap();
        server.send(request).await.problem(401, "/problems/unauthenticated");
        // Nothing was ended: each alone still works.
        for browser in [&sam, &ana] {
            assert_eq!(
                send(&server, Method::GET, SESSION, browser, None).await.status,
                StatusCode::OK
            );
        }

        // The pending cookie, twice, reaches no pending step.
        let pending_name = if https { "__Host-twostep_pending" } else { "twostep_pending" };
        let maya = server.sign_in_with("maya@northwind.example", PASSWORD).await;
        let first = set_cookies(&maya).remove(0).split(';').next().unwrap().to_owned();
        let request = axum::http::Request::builder()
            .uri("/api/v1/session/second-step")
            .header("cookie", format!("{first}; {pending_name}=forged"))
            .body(axum::body::Body::empty())
            .unwrap();
        let problem = server.send(request).await.problem(401, "/problems/unauthenticated");
        assert!(problem["detail"].as_str().unwrap().contains(pending_name), "{problem}");
    }
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_member_only() {
    let server = start_https().await;
    let name = "__Host-twostep_session";
    let here = sign_in(&server, "sam@northwind.example", PASSWORD, name).await;
    let elsewhere = sign_in(&server, "sam@northwind.example", PASSWORD, name).await;
    let ana = sign_in(&server, "ana@contoso.example", PASSWORD, name).await;

    // A write: without the CSRF token it ends nothing.
    let forged = Browser { cookie: here.cookie.clone(), csrf: "wrong".into() };
    send(&server, Method::DELETE, SESSIONS, &forged, None)
        .await
        .problem(403, "/problems/csrf-token-mismatch");
    assert_eq!(send(&server, Method::GET, SESSION, &elsewhere, None).await.status, StatusCode::OK);

    let out = send(&server, Method::DELETE, SESSIONS, &here, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text());
    let expired = set_cookies(&out).remove(0);
    assert!(
        expired.starts_with(&format!("{name}=;")) && expired.contains("Max-Age=0"),
        "{expired}"
    );
    for browser in [&here, &elsewhere] {
        send(&server, Method::GET, SESSION, browser, None)
            .await
            .problem(401, "/problems/unauthenticated");
    }
    // Another member's session goes on.
    assert_eq!(send(&server, Method::GET, SESSION, &ana, None).await.status, StatusCode::OK);
    // Once signed out, the operation answers 401 like every other.
    send(&server, Method::DELETE, SESSIONS, &here, None)
        .await
        .problem(401, "/problems/unauthenticated");
    // And Sam signs in again as before.
    sign_in(&server, "sam@northwind.example", PASSWORD, name).await;
}

#[tokio::test]
async fn signing_out_everywhere_ends_a_pending_sign_in_too() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let waiting = server.sign_in_with("maya@northwind.example", PASSWORD).await;
    let pending = common::Pending::of(&waiting);
    let out = server.call(Method::DELETE, SESSIONS, Some(&maya), None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text());
    server
        .call_pending(Method::GET, "/api/v1/session/second-step", &pending, None)
        .await
        .problem(401, "/problems/second-step-expired");
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_keeps_this_one() {
    let server = start_https().await;
    let name = "__Host-twostep_session";
    let here = sign_in(&server, "sam@northwind.example", PASSWORD, name).await;
    let elsewhere = sign_in(&server, "sam@northwind.example", PASSWORD, name).await;
    let ana = sign_in(&server, "ana@contoso.example", PASSWORD, name).await;
    let change = json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"});
    let changed =
        send(&server, Method::POST, "/api/v1/account/password", &here, Some(change)).await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text());
    assert_eq!(send(&server, Method::GET, SESSION, &here, None).await.status, StatusCode::OK);
    send(&server, Method::GET, SESSION, &elsewhere, None)
        .await
        .problem(401, "/problems/unauthenticated");
    assert_eq!(send(&server, Method::GET, SESSION, &ana, None).await.status, StatusCode::OK);
    sign_in(&server, "sam@northwind.example", "a-brand-new-password", name).await;
}

#[tokio::test]
async fn a_password_change_after_a_second_step_also_keeps_only_this_session() {
    let server = start().await;
    let here = server.sign_in("maya@northwind.example").await;
    let elsewhere = server.sign_in("maya@northwind.example").await;
    let change = json!({"current_password": PASSWORD, "new_password": "a-brand-new-password"});
    let asked =
        server.call(Method::POST, "/api/v1/account/password", Some(&here), Some(change)).await;
    let pending = common::Pending::of(&asked);
    let done = server.verify("maya@northwind.example", &pending, "authenticator_app").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let read = server.call(Method::GET, SESSION, Some(&here), None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    server
        .call(Method::GET, SESSION, Some(&elsewhere), None)
        .await
        .problem(401, "/problems/unauthenticated");
}
