//! The limits on signing in, as clients at different addresses observe them: the throttle per
//! (email, address), per address and per network, the cap on password checks running at once, and the
//! length of an email.

#![warn(missing_docs)]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{PASSWORD, TestServer, start, start_with_limits};
use serde_json::json;
use tower::ServiceExt;
use twostep_contract::problem_types;
use twostep_server::Limits;

const SAM: &str = "sam@northwind.example";
const X: &str = "203.0.113.10:40000";
const Y: &str = "198.51.100.20:40000";

/// The Retry-After of a 429 for the email (not the address), in seconds.
fn email_wait(answer: &common::Answer) -> i64 {
    let problem = answer.problem(429, problem_types::TOO_MANY_REQUESTS);
    assert!(problem["detail"].as_str().unwrap().contains("for this email"), "{problem}");
    assert!(answer.header("set-cookie").is_none());
    answer.header("retry-after").unwrap().parse().unwrap()
}

/// The Retry-After of a 429 for the client's address or network (not the email), in seconds.
fn address_wait(answer: &common::Answer) -> i64 {
    let problem = answer.problem(429, problem_types::TOO_MANY_REQUESTS);
    assert!(problem["detail"].as_str().unwrap().contains("from your network address"), "{problem}");
    answer.header("retry-after").unwrap().parse().unwrap()
}

/// Lets every wait of the throttle end, as if that much time had passed (the counters stay).
async fn let_waits_end(server: &TestServer) {
    server.execute("UPDATE sign_in_throttle SET last_at = last_at - 3600").await;
}

/// How many Argon2 computations the server has run.
fn checks_run(server: &TestServer) -> u64 {
    server.app.state.password_checks.runs()
}

#[tokio::test]
async fn failures_from_one_address_never_refuse_the_right_password_from_another() {
    let server = start().await;
    for attempt in 1..=10 {
        let answer = server.sign_in_from(X, SAM, "not-the-password").await;
        if attempt <= 5 {
            answer.problem(401, problem_types::INVALID_CREDENTIALS);
        } else {
            email_wait(&answer);
        }
    }
    // From X even the right password waits now, however the email is written...
    email_wait(&server.sign_in_from(X, SAM, PASSWORD).await);
    email_wait(&server.sign_in_from(X, "  Sam@Northwind.EXAMPLE ", PASSWORD).await);
    // ...but Sam at Y signs in.
    let answer = server.sign_in_from(Y, SAM, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    // An IPv6 client is counted by its /64: another address in it waits too, another /64 not.
    let v6 = "[2001:db8:1:2::10]:40000";
    for _ in 0..5 {
        server.sign_in_from(v6, SAM, "nope").await.problem(401, problem_types::INVALID_CREDENTIALS);
    }
    email_wait(&server.sign_in_from("[2001:db8:1:2:ffff::1]:1", SAM, PASSWORD).await);
    let other = server.sign_in_from("[2001:db8:1:3::10]:40000", SAM, PASSWORD).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text());
}

#[tokio::test]
async fn each_failure_beyond_the_five_free_ones_doubles_the_wait() {
    let server = start().await;
    for _ in 0..5 {
        server.sign_in_from(X, SAM, "wrong").await.problem(401, problem_types::INVALID_CREDENTIALS);
    }
    let mut waits = vec![email_wait(&server.sign_in_from(X, SAM, "wrong").await)];
    for _ in 0..3 {
        let_waits_end(&server).await;
        server.sign_in_from(X, SAM, "wrong").await.problem(401, problem_types::INVALID_CREDENTIALS);
        waits.push(email_wait(&server.sign_in_from(X, SAM, "wrong").await));
    }
    for (wait, full) in waits.iter().zip([30, 60, 120, 240]) {
        assert!((full - 2..=full).contains(wait), "waits {waits:?}");
    }
    // The wait is capped at 15 minutes.
    for _ in 0..4 {
        let_waits_end(&server).await;
        server.sign_in_from(X, SAM, "wrong").await.problem(401, problem_types::INVALID_CREDENTIALS);
    }
    let capped = email_wait(&server.sign_in_from(X, SAM, PASSWORD).await);
    assert!((898..=900).contains(&capped), "{capped}");
}

#[tokio::test]
async fn a_right_password_clears_the_count_of_its_email() {
    let server = start().await;
    for _ in 0..4 {
        server.sign_in_from(X, SAM, "wrong").await.problem(401, problem_types::INVALID_CREDENTIALS);
    }
    assert_eq!(server.sign_in_from(X, SAM, PASSWORD).await.status, StatusCode::OK);
    for _ in 0..5 {
        server.sign_in_from(X, SAM, "wrong").await.problem(401, problem_types::INVALID_CREDENTIALS);
    }
    email_wait(&server.sign_in_from(X, SAM, "wrong").await);
}

#[tokio::test]
async fn one_address_trying_many_emails_is_refused_without_a_password_check() {
    let server = start().await;
    let before = checks_run(&server);
    for n in 0..20 {
        let email = format!("nobody-{n}@northwind.example");
        server
            .sign_in_from(X, &email, PASSWORD)
            .await
            .problem(401, problem_types::INVALID_CREDENTIALS);
    }
    assert_eq!(checks_run(&server), before + 20, "unknown emails cost a check like known ones");
    for n in 20..40 {
        let email = format!("nobody-{n}@northwind.example");
        let wait = address_wait(&server.sign_in_from(X, &email, PASSWORD).await);
        assert!((1..=30).contains(&wait), "{wait}");
    }
    // The same for one password tried over real members' emails.
    email_wait_or_address(&server.sign_in_from(X, SAM, "summer2026").await);
    assert_eq!(checks_run(&server), before + 20, "refused attempts are not hashed");
    // Another address is not slowed down.
    let other = server.sign_in_from(Y, SAM, PASSWORD).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text());
}

#[tokio::test]
async fn a_flood_spread_over_one_network_is_refused_without_a_password_check() {
    let server = start().await;
    let before = checks_run(&server);
    // A hundred failures from a hundred addresses of 192.0.2.0/24, each under the limit of its
    // address and email, are checked...
    for n in 1..=100 {
        let peer = format!("192.0.2.{n}:40000");
        let email = format!("nobody-{n}@northwind.example");
        server
            .sign_in_from(&peer, &email, "wrong")
            .await
            .problem(401, problem_types::INVALID_CREDENTIALS);
    }
    assert_eq!(checks_run(&server), before + 100);
    let rows = "SELECT COUNT(*) * 1000000 + SUM(failures) FROM sign_in_throttle";
    let stored = server.scalar(rows).await;
    // ...then every attempt from that /24 waits, from a fresh address too, the right password
    // included, without a check and without a write.
    for (peer, email, password) in [
        ("192.0.2.101:40000", "nobody-101@northwind.example", "wrong"),
        ("192.0.2.250:40000", SAM, PASSWORD),
    ] {
        let wait = address_wait(&server.sign_in_from(peer, email, password).await);
        assert!((1..=30).contains(&wait), "{wait}");
    }
    assert_eq!(checks_run(&server), before + 100, "refused attempts are not hashed");
    assert_eq!(server.scalar(rows).await, stored, "refused attempts write nothing");
    // Another /24 is not slowed down, and a right password leaves no counter behind.
    let other = server.sign_in_from("192.0.3.1:40000", SAM, PASSWORD).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text());
    assert_eq!(server.scalar(rows).await, stored);
}

fn email_wait_or_address(answer: &common::Answer) {
    answer.problem(429, problem_types::TOO_MANY_REQUESTS);
    assert!(answer.header("retry-after").is_some());
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_is_counted_and_forging_it_does_not_help() {
    let proxy = "10.1.2.3";
    let limits = Limits { trusted_proxies: vec![proxy.parse().unwrap()], ..Limits::default() };
    let server = &start_with_limits(limits).await;
    let from_proxy = |client: &'static str| async move {
        let forwarded = format!("6.6.6.6, {client}");
        server
            .send_from(
                "10.1.2.3:5000",
                Method::POST,
                "/api/v1/session",
                None,
                Some(json!({"email": SAM, "password": if client == "192.0.2.1" { "wrong" } else { PASSWORD }})),
                &[("x-forwarded-for", &forwarded)],
            )
            .await
    };
    for _ in 0..5 {
        from_proxy("192.0.2.1").await.problem(401, problem_types::INVALID_CREDENTIALS);
    }
    email_wait(&from_proxy("192.0.2.1").await);
    let other = from_proxy("192.0.2.2").await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text());
    // A client that is not a trusted proxy is counted by its own address, whatever it forwards.
    for n in 0..5 {
        let forged = format!("192.0.2.{}", 100 + n);
        server
            .send_from(
                X,
                Method::POST,
                "/api/v1/session",
                None,
                Some(json!({"email": SAM, "password": "wrong"})),
                &[("x-forwarded-for", &forged)],
            )
            .await
            .problem(401, problem_types::INVALID_CREDENTIALS);
    }
    let forged = server
        .send_from(
            X,
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": SAM, "password": PASSWORD})),
            &[("x-forwarded-for", "192.0.2.200")],
        )
        .await;
    email_wait(&forged);
}

#[tokio::test]
async fn an_email_longer_than_254_characters_is_422_before_any_check() {
    let server = start().await;
    let before = checks_run(&server);
    let long = format!("{}@northwind.example", "a".repeat(255 - "@northwind.example".len()));
    assert_eq!(long.chars().count(), 255);
    for email in [long.clone(), "x".repeat(60 * 1024)] {
        let problem =
            server.sign_in_from(X, &email, PASSWORD).await.problem(422, problem_types::VALIDATION);
        assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("254"), "{problem}");
    }
    assert_eq!(checks_run(&server), before);
    assert_eq!(server.scalar("SELECT COUNT(*) FROM sign_in_throttle").await, 0);
    let fits = &long[1..];
    server.sign_in_from(X, fits, PASSWORD).await.problem(401, problem_types::INVALID_CREDENTIALS);
}

#[tokio::test]
async fn the_throttle_keeps_one_keyed_row_per_counter_never_the_email_and_prunes_old_ones() {
    let server = start().await;
    let email = "probe-7f3a9c@nowhere.example";
    for _ in 0..12 {
        let answer = server.sign_in_from(X, email, "wrong").await;
        assert!(matches!(answer.status.as_u16(), 401 | 429), "{}", answer.text());
    }
    // One row for (email, X), one for X, one for X's network.
    assert_eq!(server.scalar("SELECT COUNT(*) FROM sign_in_throttle").await, 3);
    assert_eq!(
        server
            .scalar("SELECT COUNT(*) FROM sign_in_throttle WHERE length(key) = 64 AND key NOT GLOB '*[^0-9a-f]*'")
            .await,
        3,
        "keys are hex HMACs"
    );
    let data = server.dir.path().join("data");
    for file in std::fs::read_dir(&data).unwrap() {
        let path = file.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("twostep.db") {
            let bytes = std::fs::read(&path).unwrap();
            let found = bytes.windows(email.len()).any(|w| w == email.as_bytes());
            assert!(!found, "{} holds the email", path.display());
        }
    }
    // Once their window is over, rows go at the next attempt.
    server.execute("UPDATE sign_in_throttle SET expires_at = 0").await;
    server.sign_in_from(Y, "other@nowhere.example", "wrong").await;
    assert_eq!(server.scalar("SELECT COUNT(*) FROM sign_in_throttle").await, 3);
}

#[tokio::test]
async fn the_wrong_current_password_on_my_account_counts_for_its_email_from_its_address() {
    let server = start().await;
    let sam = server.sign_in(SAM).await;
    let wrong = json!({"current_password": "wrong", "new_password": "a-long-new-password"});
    for _ in 0..5 {
        server
            .send_from(
                X,
                Method::POST,
                "/api/v1/account/password",
                Some(&sam),
                Some(wrong.clone()),
                &[],
            )
            .await
            .problem(422, problem_types::VALIDATION);
    }
    email_wait(&server.sign_in_from(X, SAM, PASSWORD).await);
    let at_y = server.sign_in_from(Y, SAM, PASSWORD).await;
    assert_eq!(at_y.status, StatusCode::OK, "{}", at_y.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_checks_beyond_the_cap_answer_503_with_retry_after() {
    let server = start_with_limits(Limits { password_checks: 1, ..Limits::default() }).await;
    // With one check at a time (tens of milliseconds each), 100 sign-ins at once cannot all
    // start within the second a request waits for one. (Not many more: the database must not be
    // the busy one here, or the accounting below would mix two kinds of 503.) Each comes from
    // its own network, so that the throttle stays out of the way.
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..100u32 {
        let body = json!({"email": format!("flood-{n}@nowhere.example"), "password": "x"});
        let mut request = Request::post("/api/v1/session")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let peer = std::net::SocketAddr::from(([10, 9, n as u8, 1], 1000));
        request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
        let router = server.app.router.clone();
        requests.spawn(async move {
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, retry_after, body)
        });
    }
    let answers = tokio::time::timeout(Duration::from_secs(120), requests.join_all())
        .await
        .expect("the flood is answered");
    let (mut checked, mut refused) = (0u64, 0u64);
    for (status, retry_after, body) in answers {
        match status {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                refused += 1;
                assert_eq!(retry_after.unwrap(), "1");
                let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(problem["type"], problem_types::UNAVAILABLE, "{problem}");
                assert!(
                    problem["detail"].as_str().unwrap().contains("password checks"),
                    "{problem}"
                );
            }
            other => panic!("unexpected {other}: {}", String::from_utf8_lossy(&body)),
        }
    }
    assert!(checked >= 1 && refused >= 1, "{checked} checked, {refused} refused");
    assert_eq!(checks_run(&server), checked, "a refused sign-in is not checked");
    // Refused attempts were not counted and left no rows (each checked one left its email's,
    // its address's and its network's), and the server is usable as soon as the flood ends.
    assert_eq!(
        server.scalar("SELECT COALESCE(SUM(failures), 0) FROM sign_in_throttle").await,
        3 * checked as i64
    );
    assert_eq!(server.scalar("SELECT COUNT(*) FROM sign_in_throttle").await, 3 * checked as i64);
    let answer = server.sign_in_from(Y, SAM, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
}

/// Sends a sign-in over a real loopback connection from `source` to `server`; answers the
/// status.
async fn sign_in_over_tcp(
    server: std::net::SocketAddr,
    source: std::net::IpAddr,
    password: &str,
) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(std::net::SocketAddr::new(source, 0)).unwrap();
    let mut stream = socket.connect(server).await.unwrap();
    let body = json!({"email": SAM, "password": password}).to_string();
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: twostep.test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut answer))
        .await
        .expect("an answer")
        .unwrap();
    let text = String::from_utf8_lossy(&answer);
    text.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or_else(|| panic!("{text}"))
}

#[tokio::test]
async fn over_real_connections_the_peer_address_is_what_counts() {
    let server = start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = server.app.router.clone();
    tokio::spawn(twostep_server::serve(listener, router, server.app.state.limits.clone(), async {
        let _ = stopped.await;
    }));
    let (x, y) = ("127.0.0.1".parse().unwrap(), "127.0.0.2".parse().unwrap());
    for _ in 0..5 {
        assert_eq!(sign_in_over_tcp(addr, x, "wrong").await, 401);
    }
    assert_eq!(sign_in_over_tcp(addr, x, PASSWORD).await, 429);
    assert_eq!(sign_in_over_tcp(addr, y, PASSWORD).await, 200);
}
