#![cfg(not(target_arch = "wasm32"))]
//! The app's pure logic: locale negotiation, safe `next` paths, error mapping and messages.

#![warn(missing_docs)]

use twostep_admin::api::ApiError;
use twostep_admin::i18n::{EN, Locale, Messages, STORAGE_KEY, install, negotiate};
use twostep_admin::routes::{
    AppRoute, encode_component, group_settings_path, landing_route, safe_next, segment,
    sign_in_href,
};
use twostep_admin::session::SessionState;
use twostep_contract::{FieldError, Organization, Problem, Role, Session, SessionUser};

fn problem(status: u16) -> Problem {
    Problem {
        kind: "about:blank".into(),
        title: "Title".into(),
        status,
        detail: Some("The detail.".into()),
        errors: vec![],
        sign_in_url: None,
        members_reset: None,
        members_affected: None,
        attempts_left: None,
    }
}

#[test]
fn a_saved_choice_wins_over_the_browser_languages() {
    assert_eq!(negotiate(Some("fr"), ["en-US", "en"]), Locale::Fr);
    assert_eq!(negotiate(Some("en"), ["fr-FR"]), Locale::En);
}

#[test]
fn the_first_supported_browser_language_is_chosen() {
    assert_eq!(negotiate(None, ["fr-CA", "en"]), Locale::Fr);
    assert_eq!(negotiate(None, ["ja-JP", "FR", "en"]), Locale::Fr);
    assert_eq!(negotiate(None, ["de-DE", "fr", "en"]), Locale::De);
    assert_eq!(negotiate(None, ["pt-PT", "en"]), Locale::Pt, "any Portuguese reads pt-BR");
    assert_eq!(negotiate(None, ["nl-BE"]), Locale::Nl);
    assert_eq!(negotiate(None, ["en-GB", "fr"]), Locale::En);
}

#[test]
fn anything_unsupported_falls_back_to_english() {
    assert_eq!(negotiate(None, ["ja", "zh-CN"]), Locale::En);
    assert_eq!(negotiate(None, []), Locale::En);
    assert_eq!(negotiate(Some("klingon"), ["sv"]), Locale::En);
    assert_eq!(negotiate(Some("klingon"), ["it-CH"]), Locale::It);
    assert_eq!(negotiate(Some(""), ["fr"]), Locale::Fr);
}

#[test]
fn locale_tags_round_trip() {
    for locale in Locale::ALL {
        assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
    }
    assert_eq!(Locale::from_tag("fr_BE"), Some(Locale::Fr));
    assert_eq!(Locale::from_tag("pt"), Some(Locale::Pt));
    assert_eq!(Locale::from_tag("es-419"), Some(Locale::Es));
    assert_eq!(
        Locale::ALL.map(Locale::native_name),
        ["English", "Français", "Italiano", "Deutsch", "Español", "Português", "Nederlands"]
    );
    assert_eq!(Locale::from_tag("francais"), None);
}

#[test]
fn only_paths_of_this_app_are_honoured_as_next() {
    assert_eq!(safe_next(Some("/organization")), Some("/organization"));
    assert_eq!(
        safe_next(Some("/organization/global-settings?a=1")),
        Some("/organization/global-settings?a=1")
    );
    assert_eq!(safe_next(Some("//evil.example/")), None);
    assert_eq!(safe_next(Some("/\\evil.example")), None);
    assert_eq!(safe_next(Some("https://evil.example/")), None);
    assert_eq!(safe_next(Some("organization")), None);
    assert_eq!(safe_next(Some("/a\nb")), None);
    assert_eq!(safe_next(Some("")), None);
    assert_eq!(safe_next(None), None);
}

#[test]
fn the_sign_in_address_carries_an_encoded_next() {
    assert_eq!(
        sign_in_href(Some("/organization/global-settings")),
        "/sign-in?next=/organization/global-settings"
    );
    assert_eq!(
        sign_in_href(Some("/organization?q=a b&x=1")),
        "/sign-in?next=/organization%3Fq%3Da%20b%26x%3D1"
    );
    assert_eq!(sign_in_href(Some("//evil.example")), "/sign-in");
    assert_eq!(sign_in_href(None), "/sign-in");
    assert_eq!(encode_component("é"), "%C3%A9");
}

#[test]
fn route_paths_agree_with_the_router_segments() {
    assert_eq!(AppRoute::SignIn.path(), format!("/{}", segment::SIGN_IN));
    assert_eq!(AppRoute::Organization.path(), format!("/{}", segment::ORGANIZATION));
    assert_eq!(
        AppRoute::GlobalSettings.path(),
        format!("/{}/{}", segment::ORGANIZATION, segment::GLOBAL_SETTINGS)
    );
    assert_eq!(group_settings_path(4), "/groups/4/settings");
    assert_eq!(landing_route(true), AppRoute::GlobalSettings);
    assert_eq!(landing_route(false), AppRoute::Organization);
}

#[test]
fn error_answers_map_onto_the_typed_error() {
    let mut unauthorized = problem(401);
    unauthorized.sign_in_url = Some("https://sso.example/".into());
    assert_eq!(
        ApiError::from_answer(401, unauthorized, None),
        ApiError::Unauthorized { sign_in_url: Some("https://sso.example/".into()) }
    );
    assert_eq!(
        ApiError::from_answer(403, problem(403), None),
        ApiError::Forbidden { detail: Some("The detail.".into()), errors: vec![] }
    );
    let mut refused = problem(403);
    refused.errors = vec![FieldError { field: "member_ids[1]".into(), message: "No.".into() }];
    assert_eq!(
        ApiError::from_answer(403, refused, None),
        ApiError::Forbidden {
            detail: Some("The detail.".into()),
            errors: vec![FieldError { field: "member_ids[1]".into(), message: "No.".into() }],
        }
    );
    let mut invalid = problem(422);
    invalid.errors = vec![FieldError { field: "email".into(), message: "Enter an email.".into() }];
    assert_eq!(
        ApiError::from_answer(422, invalid.clone(), None),
        ApiError::Validation(invalid.errors.clone())
    );
    assert_eq!(
        ApiError::from_answer(400, invalid.clone(), None),
        ApiError::Validation(invalid.errors)
    );
    assert_eq!(
        ApiError::from_answer(429, problem(429), Some(" 120 ")),
        ApiError::TooManyRequests { retry_after_seconds: Some(120) }
    );
    assert_eq!(
        ApiError::from_answer(429, problem(429), Some("Wed, 21 Oct 2026 07:28:00 GMT")),
        ApiError::TooManyRequests { retry_after_seconds: None }
    );
    assert_eq!(ApiError::from_answer(409, problem(409), None), ApiError::Conflict(problem(409)));
    assert_eq!(
        ApiError::from_answer(412, problem(412), None),
        ApiError::PreconditionFailed(problem(412))
    );
    assert_eq!(ApiError::from_answer(404, problem(404), None), ApiError::NotFound(problem(404)));
    assert_eq!(
        ApiError::from_answer(503, problem(503), Some("2")),
        ApiError::Busy { retry_after_seconds: Some(2) }
    );
    assert!(ApiError::Busy { retry_after_seconds: None }.is_transient());
    assert_eq!(ApiError::from_answer(500, problem(500), None), ApiError::Server(problem(500)));
    assert_eq!(ApiError::from_answer(418, problem(418), None), ApiError::Unexpected(problem(418)));
    let stand_in = ApiError::stand_in_problem(502, "Bad Gateway");
    assert_eq!(stand_in.status, 502);
    assert!(ApiError::from_answer(502, stand_in, None).is_transient());
}

/// The French catalog, read from its file as the console reads it once fetched.
fn fr() -> &'static Messages {
    install(Locale::Fr, include_str!("../i18n/fr.json")).expect("the French catalog")
}

#[test]
fn sign_in_failures_say_what_happened_and_what_to_do() {
    let wrong = ApiError::Unauthorized { sign_in_url: None };
    assert_eq!(
        EN.sign_in_error(&wrong),
        "The email or password is incorrect. Check them and try again."
    );
    assert_eq!(
        fr().sign_in_error(&wrong),
        "L’adresse e-mail ou le mot de passe est incorrect. Vérifiez-les, puis réessayez."
    );
    let too_many = ApiError::TooManyRequests { retry_after_seconds: Some(60) };
    assert_eq!(
        EN.sign_in_error(&too_many),
        "Too many sign-in attempts. Wait 1 minute, then try again."
    );
    let after = |seconds| ApiError::TooManyRequests { retry_after_seconds: seconds };
    assert_eq!(
        EN.sign_in_error(&after(Some(30))),
        "Too many sign-in attempts. Wait 30 seconds, then try again."
    );
    assert_eq!(
        EN.sign_in_error(&after(Some(61))),
        "Too many sign-in attempts. Wait 2 minutes, then try again."
    );
    assert_eq!(
        EN.sign_in_error(&after(None)),
        "Too many sign-in attempts. Wait a few minutes, then try again."
    );
    assert_eq!(
        EN.sign_in_error(&ApiError::Busy { retry_after_seconds: Some(1) }),
        "The server is busy and nothing was changed. Wait 1 second, then try again."
    );
    assert_eq!(
        fr().api_error(&ApiError::Busy { retry_after_seconds: None }),
        "Le serveur est occupé et rien n’a été modifié. Patientez quelques secondes, puis \
         réessayez."
    );
    let unreachable = "Twostep Admin cannot reach the server. Check your connection and try again.";
    assert_eq!(EN.sign_in_error(&ApiError::Network("offline".into())), unreachable);
    assert_eq!(EN.api_error(&ApiError::Server(problem(500))), unreachable);
}

#[test]
fn a_reset_refusal_counts_from_members_reset_or_its_deprecated_synonym() {
    let mut refusal = problem(409);
    refusal.kind = "/problems/reset-confirmation-required".into();
    let read = |refusal: &Problem| ApiError::from_answer(409, refusal.clone(), None);
    assert!(read(&refusal).requires_reset_confirmation());
    assert_eq!(read(&refusal).members_reset(), None, "a refusal may not count at all");
    refusal.members_affected = Some(8);
    assert_eq!(read(&refusal).members_reset(), Some(8));
    refusal.members_reset = Some(9);
    assert_eq!(read(&refusal).members_reset(), Some(9), "members_reset first");

    let mut counted = problem(409);
    counted.members_affected = Some(8);
    assert!(read(&counted).requires_reset_confirmation(), "a count says what the 409 is about");
    assert!(!read(&problem(409)).requires_reset_confirmation());
    assert!(!ApiError::from_answer(412, refusal, None).requires_reset_confirmation());
}

#[test]
fn failures_are_told_in_the_consoles_words_with_the_server_detail_kept_aside() {
    let refused = ApiError::Forbidden {
        detail: Some("Technicians cannot read the policy.".into()),
        errors: vec![],
    };
    assert_eq!(EN.api_error(&refused), EN.error_forbidden);
    assert_eq!(fr().api_error(&refused), fr().error_forbidden);
    assert_eq!(refused.detail(), Some("Technicians cannot read the policy."));
    assert_eq!(EN.api_error(&ApiError::NotFound(problem(404))), EN.error_not_found);
    assert_eq!(ApiError::NotFound(problem(404)).detail(), Some("The detail."));
    let blank = ApiError::Forbidden { detail: Some("  ".into()), errors: vec![] };
    assert_eq!(blank.detail(), None, "a blank detail is no detail");
    assert_eq!(ApiError::Network("offline".into()).detail(), None);
    assert_eq!(
        EN.api_error(&ApiError::Forbidden { detail: None, errors: vec![] }),
        EN.error_forbidden
    );
    assert_eq!(
        EN.api_error(&ApiError::Forbidden { detail: None, errors: vec![] }),
        EN.error_forbidden
    );
    assert_eq!(
        fr().api_error(&ApiError::Forbidden { detail: None, errors: vec![] }),
        fr().error_forbidden
    );
    assert!(EN.api_error(&ApiError::Unexpected(problem(418))).contains("418"));
    let invalid =
        ApiError::Validation(vec![FieldError { field: "x".into(), message: "Pick one.".into() }]);
    assert_eq!(EN.api_error(&invalid), EN.error_not_accepted, "the server's words come apart");
}

#[test]
fn the_session_check_answer_decides_the_state() {
    let session = Session {
        user: SessionUser {
            id: 1,
            name: "Maya Patel".into(),
            email: "maya@northwind.example".into(),
            roles: vec![Role::MasterAdministrator],
        },
        organization: Organization { id: 1, name: "Northwind Support".into() },
        csrf_token: "token".into(),
    };
    assert_eq!(SessionState::from_check(Ok(session.clone())), SessionState::SignedIn(session));
    assert_eq!(
        SessionState::from_check(Err(ApiError::Unauthorized {
            sign_in_url: Some("https://sso.example/".into())
        })),
        SessionState::SignedOut { sign_in_url: Some("https://sso.example/".into()) }
    );
    assert_eq!(
        SessionState::from_check(Err(ApiError::Network("down".into()))),
        SessionState::Unavailable(ApiError::Network("down".into()))
    );
}

#[test]
fn the_page_shell_chooses_among_the_same_languages_as_the_console() {
    let shell = include_str!("../index.html");
    let script = shell.split("var loading = {").nth(1).expect("the shell's language script");
    let table = script.split("};").next().unwrap();
    let tags: Vec<&str> = table
        .lines()
        .filter_map(|line| line.trim().split_once(':'))
        .map(|(tag, _)| tag.trim_matches('"'))
        .collect();
    assert_eq!(tags, Locale::ALL.map(Locale::tag), "one loading line per language, in order");
    let saved = format!("localStorage.getItem(\"{STORAGE_KEY}\")");
    assert!(shell.contains(&saved), "the shell reads the saved choice where the console keeps it");
    for locale in Locale::ALL.into_iter().skip(1) {
        let file = format!("href=\"i18n/{}.json\" data-target-path=\"i18n\"", locale.tag());
        assert!(shell.contains(&file), "the build ships {file}");
    }
}
