//! The second step of signing in, as a client observes it: who is asked, set-up and verify with
//! each method, every error and limit, and that a pending sign-in opens nothing else.

#![warn(missing_docs)]

mod common;

use axum::http::{Method, StatusCode};
use common::{NORTHWIND, PASSWORD, Pending, TestServer, now, session_client, start};
use serde_json::{Value, json};
use twostep_contract::problem_types;
use twostep_server::two_step::totp;

const SECOND_STEP: &str = "/api/v1/session/second-step";

/// Adds a technician of Tier 2 (which forces two-step verification) who can sign in.
async fn forced_technician(server: &TestServer, email: &str) {
    server.add_technician("Tom Reyes", email, "Tier 2").await;
    server.give_password(email).await;
}

#[tokio::test]
async fn a_member_without_a_setup_sets_up_an_authenticator_app_then_verifies_with_it() {
    let server = start().await;
    let (pending, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["purpose"], "sign_in");
    assert_eq!(body["step"], "set_up");
    assert_eq!(body["name"], "Inès Duarte");
    assert_eq!(
        body["methods"],
        json!(["authenticator_app", "sms", "email", "lastpass_notification"]),
        "the primary method first"
    );
    assert_eq!(body["recovery_codes_left"], 0);
    assert!(body["expires_at"].as_str().unwrap().ends_with('Z'));

    // The pending step reads back, and nothing else opens with it.
    let again = server.call_pending(Method::GET, SECOND_STEP, &pending, None).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json(), body);
    server
        .call_pending(Method::GET, "/api/v1/session", &pending, None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);

    // complete before start; then start: a new key, its URI, grouped text and QR code.
    server
        .complete(&pending, json!({"code": "123456"}))
        .await
        .problem(409, problem_types::START_REQUIRED);
    let started = server.start(&pending, json!({"method": "authenticator_app"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    let challenge = started.json();
    let setup = &challenge["authenticator"];
    let uri = setup["otpauth_uri"].as_str().unwrap();
    let key = server.key_of_uri(uri);
    assert_eq!(key.len(), totp::KEY_BYTES);
    let base32 = totp::base32(&key);
    assert_eq!(uri, totp::otpauth_uri("ines@northwind.example", &key));
    assert!(uri.starts_with("otpauth://totp/Twostep%20Admin:ines"), "{uri}");
    assert!(
        uri.ends_with(&format!(
            "?secret={base32}&issuer=Twostep%20Admin&algorithm=SHA1&digits=6&period=30"
        )),
        "{uri}"
    );
    assert_eq!(setup["key"], totp::grouped(&base32));
    assert!(setup["qr_svg"].as_str().unwrap().contains("<svg"));
    assert!(challenge.get("sent_to").is_none() && challenge.get("resend_after_seconds").is_none());

    // A wrong code says how many tries are left; the right one signs in.
    let wrong = server.complete(&pending, json!({"code": "000000"})).await;
    let problem = wrong.problem(422, problem_types::WRONG_CODE);
    assert_eq!(problem["attempts_left"], 4);
    assert_eq!(problem["errors"][0]["field"], "code");
    let (step, code) = totp::next_code(&key, now(), None).unwrap();
    let done = server.complete(&pending, json!({"code": code})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let cookies: Vec<&str> =
        done.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("twostep_pending=;") && c.contains("Max-Age=0")));
    let recovery_codes = done.json()["recovery_codes"].as_array().unwrap().clone();
    assert_eq!(recovery_codes.len(), 10);
    let client = session_client(&done);
    let session = server.call(Method::GET, "/api/v1/session", Some(&client), None).await;
    assert_eq!(session.json()["user"]["email"], "ines@northwind.example");
    // The pending step is over.
    server
        .call_pending(Method::GET, SECOND_STEP, &pending, None)
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);

    // The members table shows the setup; the audit log has her own set-up.
    let maya = server.sign_in("maya@northwind.example").await;
    let members = server.get_json("/api/v1/members?q=Duarte", &maya).await;
    assert_eq!(members["items"][0]["status"], "enrolled", "{members}");
    assert_eq!(members["items"][0]["method"], "authenticator_app", "{members}");
    let events = server.get_json("/api/v1/audit-events?kind=two_step_set_up", &maya).await;
    assert_eq!(events["items"][0]["method"], "authenticator_app");
    assert_eq!(events["items"][0]["method_before"], Value::Null);
    assert_eq!(events["items"][0]["actor"]["email"], "ines@northwind.example");

    // Next sign-in: verify with the app; the code of a step already used is refused.
    let (pending, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["step"], "verify");
    assert_eq!(body["methods"], json!(["authenticator_app"]));
    assert_eq!(body["recovery_codes_left"], 10);
    let reused = server.complete(&pending, json!({"code": code})).await;
    reused.problem(422, problem_types::WRONG_CODE);
    let (next_step, next) =
        totp::next_code(&key, now(), Some(step)).expect("the set-up used the window's first step");
    assert!(next_step > step);
    let done =
        server.complete(&pending, json!({"code": format!("{} {}", &next[..3], &next[3..])})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert!(done.json().get("recovery_codes").is_none(), "codes are shown after a set-up only");
}

#[tokio::test]
async fn a_technician_of_a_forced_group_sets_up_sms_then_verifies_with_a_code_sent() {
    let server = start().await;
    forced_technician(&server, "tom@northwind.example").await;
    let (pending, body) = server.pending("tom@northwind.example").await;
    assert_eq!(body["step"], "set_up");

    for bad in [json!({"method": "sms"}), json!({"method": "sms", "phone_number": "07700 900123"})]
    {
        let problem = server.start(&pending, bad).await.problem(422, problem_types::VALIDATION);
        assert_eq!(problem["errors"][0]["field"], "phone_number", "{problem}");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains('+'), "{problem}");
    }
    server.start(&pending, json!({"method": "fax"})).await.problem(422, problem_types::VALIDATION);
    let started =
        server.start(&pending, json!({"method": "sms", "phone_number": "+44 7700 900123"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    let challenge = started.json();
    assert_eq!(challenge["resend_after_seconds"], 30);
    assert!(challenge["code_expires_at"].is_string());
    let sent_to = challenge["sent_to"].as_str().unwrap();
    assert!(sent_to.ends_with("123") && !sent_to.contains("900123"), "{sent_to}");

    // The message is in the outbox, to the number typed.
    let (name, text) = server.outbox().pop().unwrap();
    assert!(name.ends_with("-sms.txt"), "{name}");
    assert!(text.contains("To: +447700900123"), "{text}");
    let code = server.outbox_code("sms");

    // Sending again at once is refused with Retry-After.
    let again =
        server.start(&pending, json!({"method": "sms", "phone_number": "+447700900123"})).await;
    again.problem(429, problem_types::RESEND_TOO_SOON);
    let retry: i64 = again.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");

    let done = server.complete(&pending, json!({"code": code})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());

    // Verify: the code goes to the stored number.
    let (pending, body) = server.pending("tom@northwind.example").await;
    assert_eq!(body["methods"], json!(["sms"]));
    server
        .complete(&pending, json!({"code": "123456"}))
        .await
        .problem(409, problem_types::START_REQUIRED);
    server
        .start(&pending, json!({"method": "email"}))
        .await
        .problem(422, problem_types::VALIDATION);
    let started = server.start(&pending, json!({"method": "sms"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    assert!(server.outbox().pop().unwrap().1.contains("To: +447700900123"));
    let code = server.outbox_code("sms");
    let done = server.complete(&pending, json!({"code": code})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
}

#[tokio::test]
async fn email_codes_expire_and_are_read_from_the_outbox() {
    let server = start().await;
    let (pending, _) = server.pending("ines@northwind.example").await;
    let started = server.start(&pending, json!({"method": "email"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    assert!(started.json()["sent_to"].as_str().unwrap().ends_with("@northwind.example"));
    let (_, text) = server.outbox().pop().unwrap();
    assert!(text.contains("Channel: email") && text.contains("To: ines@northwind.example"));
    let code = server.outbox_code("email");

    server
        .execute(&format!("UPDATE pending_second_steps SET code_expires_at = {}", now() - 1))
        .await;
    let expired = server.complete(&pending, json!({"code": code})).await;
    let problem = expired.problem(422, problem_types::CODE_EXPIRED);
    assert!(problem["detail"].as_str().unwrap().contains("Send a new code"), "{problem}");

    // A new code (after the cooldown) works.
    server.execute("UPDATE pending_second_steps SET last_sent_at = last_sent_at - 60").await;
    let started = server.start(&pending, json!({"method": "email"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    let code = server.outbox_code("email");
    let done = server.complete(&pending, json!({"code": code})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(
        server
            .scalar(
                "SELECT COUNT(*) FROM two_step_enrollments e JOIN members m ON m.id = e.member_id
                     WHERE m.email = 'ines@northwind.example' AND e.method = 'email'"
            )
            .await,
        1
    );

    // Verify: a new code to her email.
    let (pending, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["methods"], json!(["email"]));
    let done = server.verify("ines@northwind.example", &pending, "email").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
}

#[tokio::test]
async fn a_notification_waits_for_approval_and_a_denial_ends_the_step() {
    let mut server = start().await;
    server.set_approval_wait(300);
    let (pending, _) = server.pending("ines@northwind.example").await;
    server.complete(&pending, json!({})).await.problem(409, problem_types::START_REQUIRED);
    let started = server.start(&pending, json!({"method": "lastpass_notification"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    let (name, text) = server.outbox().pop().unwrap();
    assert!(name.ends_with("-push.txt"), "{name}");
    assert!(text.contains("http://twostep.test/api/v1/push-approvals/"), "{text}");
    let link = server.outbox_link();

    // Not answered yet: approval-pending, with or without a body.
    server.complete(&pending, json!({})).await.problem(409, problem_types::APPROVAL_PENDING);
    server
        .call_pending(Method::POST, &format!("{SECOND_STEP}/complete"), &pending, None)
        .await
        .problem(409, problem_types::APPROVAL_PENDING);

    // The approval page names the member; a wrong decision is refused; approve.
    let page = server.call(Method::GET, &link, None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    assert!(
        page.text().contains("Approve the sign-in of ines@northwind.example to Twostep Admin?")
    );
    assert_eq!(server.decide(&link, "maybe").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(server.decide(&link, "approve").await.status, StatusCode::OK);
    assert_eq!(server.decide(&link, "approve").await.status, StatusCode::NOT_FOUND, "once only");
    let done = server.complete(&pending, json!({})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["recovery_codes"].as_array().unwrap().len(), 10);

    // Verify, approved.
    let (pending, _) = server.pending("ines@northwind.example").await;
    let done = server.verify("ines@northwind.example", &pending, "lastpass_notification").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());

    // Verify, denied: the pending step ends.
    let (pending, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["methods"], json!(["lastpass_notification"]));
    let started = server.start(&pending, json!({"method": "lastpass_notification"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    assert_eq!(server.decide(&server.outbox_link(), "deny").await.status, StatusCode::OK);
    server.complete(&pending, json!({})).await.problem(403, problem_types::APPROVAL_DENIED);
    server
        .call_pending(Method::GET, SECOND_STEP, &pending, None)
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);

    let unknown = server.call(Method::GET, "/api/v1/push-approvals/nope", None, None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.header("content-type").unwrap().starts_with("text/html"));
}

#[tokio::test]
async fn a_set_up_pending_step_ends_once_the_member_has_set_up_elsewhere() {
    let server = start().await;
    let email = "ines@northwind.example";
    let (first, _) = server.pending(email).await;
    server.start(&first, json!({"method": "authenticator_app"})).await;
    let (second, _) = server.pending(email).await;
    let done = server.set_up_authenticator(email, &second).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    // The first password-only set-up can no longer replace the setup just made.
    server
        .start(&first, json!({"method": "email"}))
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);
    server
        .call_pending(Method::GET, SECOND_STEP, &first, None)
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);
}

#[tokio::test]
async fn a_member_is_sent_ten_messages_per_15_minutes_across_sign_ins() {
    let server = start().await;
    let email = "ines@northwind.example";
    let (pending, _) = server.pending(email).await;
    for _ in 0..10 {
        let started = server.start(&pending, json!({"method": "email"})).await;
        assert_eq!(started.status, StatusCode::OK, "{}", started.text());
        server.execute("UPDATE pending_second_steps SET last_sent_at = last_sent_at - 60").await;
    }
    // A new sign-in has no cooldown of its own, but the member's messages are spent.
    let (again, _) = server.pending(email).await;
    let refused = server.start(&again, json!({"method": "email"})).await;
    let problem = refused.problem(429, problem_types::RESEND_TOO_SOON);
    assert!(problem["detail"].as_str().unwrap().contains("minute"), "{problem}");
    let retry: i64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    assert_eq!(server.outbox().len(), 10);
    // Choosing the authenticator app sends nothing, so it still works.
    let started = server.start(&again, json!({"method": "authenticator_app"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
}

#[tokio::test]
async fn answers_sent_at_once_are_compared_no_more_often_than_the_limit_allows() {
    let server = start().await;
    let (pending, _) = server.pending("maya@northwind.example").await;
    let wrong = || server.complete(&pending, json!({"code": "000000"}));
    let (a, b, c, d, e, f, g, h) =
        tokio::join!(wrong(), wrong(), wrong(), wrong(), wrong(), wrong(), wrong(), wrong());
    let mut compared = 0;
    for answer in [a, b, c, d, e, f, g, h] {
        let kind = answer.json()["type"].as_str().unwrap_or_default().to_owned();
        assert!(
            [
                problem_types::WRONG_CODE,
                problem_types::TOO_MANY_ATTEMPTS,
                problem_types::SECOND_STEP_EXPIRED
            ]
            .contains(&kind.as_str()),
            "{}",
            answer.text()
        );
        compared += usize::from(kind == problem_types::WRONG_CODE);
    }
    assert!(compared <= 4, "{compared} wrong codes answered as wrong-code");
    let counted = server.scalar("SELECT COUNT(*) FROM second_step_failures").await;
    assert!(counted <= 5, "{counted} answers compared, past the limit of one pending step");
}

#[tokio::test]
async fn five_wrong_answers_end_the_pending_step_and_ten_pause_the_member() {
    let server = start().await;
    let (pending, _) = server.pending("maya@northwind.example").await;
    for left in (1..=4).rev() {
        let problem = server
            .complete(&pending, json!({"code": "000000"}))
            .await
            .problem(422, problem_types::WRONG_CODE);
        assert_eq!(problem["attempts_left"], left);
    }
    let ended = server.complete(&pending, json!({"code": "000000"})).await;
    let problem = ended.problem(429, problem_types::TOO_MANY_ATTEMPTS);
    assert!(problem["detail"].as_str().unwrap().contains("Sign in again"), "{problem}");
    assert!(ended.header("retry-after").is_none());
    server
        .call_pending(Method::GET, SECOND_STEP, &pending, None)
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);

    // Five more in a second pending step: ten for the member within 15 minutes.
    let (pending, _) = server.pending("maya@northwind.example").await;
    for _ in 0..5 {
        let answer = server.complete(&pending, json!({"recovery_code": "aaaa-bbbb-cccc"})).await;
        assert_ne!(answer.status, StatusCode::OK);
    }
    // Even the right code is refused now, with Retry-After.
    let (pending, _) = server.pending("maya@northwind.example").await;
    let code = server.authenticator_code("maya@northwind.example").await;
    let paused = server.complete(&pending, json!({"code": code})).await;
    paused.problem(429, problem_types::TOO_MANY_ATTEMPTS);
    let retry: i64 = paused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Other members are not paused.
    server.sign_in("leo@northwind.example").await;
}

#[tokio::test]
async fn a_missing_or_expired_pending_step_is_401_second_step_expired() {
    let server = start().await;
    let none = server.call(Method::GET, SECOND_STEP, None, None).await;
    none.problem(401, problem_types::SECOND_STEP_EXPIRED);
    let forged = Pending { cookie: "forged".into(), csrf: "x".into() };
    server
        .start(&forged, json!({"method": "email"}))
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);

    let (pending, _) = server.pending("ines@northwind.example").await;
    // A write needs the pending step's own CSRF token.
    let wrong_csrf = Pending { cookie: pending.cookie.clone(), csrf: "nope".into() };
    server.start(&wrong_csrf, json!({"method": "email"})).await.problem(403, problem_types::CSRF);
    server.execute(&format!("UPDATE pending_second_steps SET expires_at = {}", now() - 1)).await;
    server
        .call_pending(Method::GET, SECOND_STEP, &pending, None)
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);
    assert_eq!(server.scalar("SELECT COUNT(*) FROM pending_second_steps").await, 0);
}

#[tokio::test]
async fn giving_up_deletes_the_pending_step_and_its_cookie() {
    let server = start().await;
    let (pending, _) = server.pending("maya@northwind.example").await;
    let cancelled = server.call_pending(Method::DELETE, SECOND_STEP, &pending, None).await;
    assert_eq!(cancelled.status, StatusCode::NO_CONTENT);
    assert!(cancelled.header("set-cookie").unwrap().starts_with("twostep_pending=;"));
    server
        .call_pending(Method::GET, SECOND_STEP, &pending, None)
        .await
        .problem(401, problem_types::SECOND_STEP_EXPIRED);
}

#[tokio::test]
async fn a_pending_sign_in_gets_401_from_every_other_operation() {
    let server = start().await;
    let (pending, _) = server.pending("maya@northwind.example").await;
    let document = twostep_server::openapi::document();
    let mut checked = 0;
    for (path, operations) in document["paths"].as_object().unwrap() {
        let open = path.starts_with("/session/second-step")
            || path.starts_with("/push-approvals")
            || path == "/health"
            || path == "/openapi.json";
        if open {
            continue;
        }
        for method in operations.as_object().unwrap().keys() {
            if path == "/session" && method == "post" {
                continue;
            }
            let uri = format!("/api/v1{}", path.replace("{id}", "1"));
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body = (method != Method::GET && method != Method::DELETE).then(|| json!({}));
            let answer = server.call_pending(method.clone(), &uri, &pending, body).await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{method} {uri}: {}",
                answer.text()
            );
            assert_eq!(answer.json()["type"], problem_types::UNAUTHENTICATED, "{method} {uri}");
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} operations checked");
}

#[tokio::test]
async fn members_not_required_sign_in_with_the_password_alone() {
    let server = start().await;
    let answer = server.sign_in_with("sam@northwind.example", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert!(answer.header("set-cookie").unwrap().starts_with("twostep_session="));
    // When the policy stops requiring administrators, Maya signs in with her password alone.
    server
        .execute(&format!(
            "UPDATE policies SET administrators = 'none' WHERE organization_id = {NORTHWIND}"
        ))
        .await;
    let answer = server.sign_in_with("maya@northwind.example", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
}

#[tokio::test]
async fn recovery_codes_work_once_and_regenerating_voids_the_old_ones() {
    let server = start().await;
    let (pending, _) = server.pending("ines@northwind.example").await;
    let done = server.set_up_authenticator("ines@northwind.example", &pending).await;
    let codes: Vec<String> = done.json()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    let client = session_client(&done);

    // A recovery code is not a set-up answer.
    let (pending, _) = server.pending("ines@northwind.example").await;
    let typed = codes[0].to_uppercase().replace('-', " ");
    let done = server.complete(&pending, json!({"recovery_code": typed})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let (pending, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["recovery_codes_left"], 9);
    let again = server.complete(&pending, json!({"recovery_code": codes[0]})).await;
    let problem = again.problem(422, problem_types::WRONG_CODE);
    assert_eq!(problem["errors"][0]["field"], "recovery_code");

    let regenerated =
        server.call(Method::POST, "/api/v1/account/recovery-codes", Some(&client), None).await;
    assert_eq!(regenerated.status, StatusCode::OK, "{}", regenerated.text());
    let new_codes = regenerated.json()["recovery_codes"].as_array().unwrap().clone();
    assert_eq!(new_codes.len(), 10);
    server
        .complete(&pending, json!({"recovery_code": codes[1]}))
        .await
        .problem(422, problem_types::WRONG_CODE);
    let done = server.complete(&pending, json!({"recovery_code": new_codes[0]})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());

    // A set-up does not take a recovery code.
    forced_technician(&server, "tom@northwind.example").await;
    let (pending, _) = server.pending("tom@northwind.example").await;
    server
        .complete(&pending, json!({"recovery_code": codes[2]}))
        .await
        .problem(422, problem_types::VALIDATION);
}

#[tokio::test]
async fn a_reset_asks_for_a_new_set_up_at_the_next_sign_in_and_open_sessions_stay_open() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let ines_id = server.member_id("ines@northwind.example").await;
    assert_eq!(
        server
            .scalar(&format!("SELECT COUNT(*) FROM recovery_codes WHERE member_id = {ines_id}"))
            .await,
        10
    );
    let maya = server.sign_in("maya@northwind.example").await;
    let reset = server
        .call(
            Method::POST,
            "/api/v1/members/two-step-reset",
            Some(&maya),
            Some(json!({"member_ids": [ines_id]})),
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.text());
    assert_eq!(
        server
            .scalar(&format!("SELECT COUNT(*) FROM recovery_codes WHERE member_id = {ines_id}"))
            .await,
        0,
        "the reset voids the recovery codes"
    );
    let session = server.call(Method::GET, "/api/v1/session", Some(&ines), None).await;
    assert_eq!(session.status, StatusCode::OK, "the open session stays open");
    let (_, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["step"], "set_up");
}

#[tokio::test]
async fn one_send_per_thirty_seconds_whatever_the_method() {
    let server = start().await;
    let (pending, body) = server.pending("ines@northwind.example").await;
    assert_eq!(body["step"], "set_up");
    let started = server.start(&pending, json!({"method": "email"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text());
    let sent = server.outbox().len();

    // Another method that sends is refused too, even by way of one that sends nothing.
    server
        .start(&pending, json!({"method": "sms", "phone_number": "+447700900123"}))
        .await
        .problem(429, problem_types::RESEND_TOO_SOON);
    let authenticator = server.start(&pending, json!({"method": "authenticator_app"})).await;
    assert_eq!(authenticator.status, StatusCode::OK, "{}", authenticator.text());
    let again = server.start(&pending, json!({"method": "lastpass_notification"})).await;
    again.problem(429, problem_types::RESEND_TOO_SOON);
    let retry: i64 = again.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    assert_eq!(server.outbox().len(), sent, "nothing more was sent");
}
