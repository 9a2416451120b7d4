//! The OpenAPI 3.1 document of the REST contract, served at `/api/v1/openapi.json`.

mod strict;

use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::auth::{SECURE_SESSION_COOKIE, SESSION_COOKIE};
use crate::routes;

/// The API description, built from the handlers' annotations and the contract's schemas.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Twostep Admin REST API",
        description = include_str!("openapi/contract.md"),
        version = "1.0.0",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    servers((url = "/api/v1", description = "The same origin as the console")),
    paths(
        routes::health::health,
        routes::session::sign_in,
        routes::session::get_session,
        routes::session::sign_out,
        routes::sessions::sign_out_everywhere,
        routes::second_step::get_second_step,
        routes::second_step::cancel_second_step,
        routes::second_step::start_second_step,
        routes::second_step::complete_second_step,
        routes::account::get_account,
        routes::account::start_set_up,
        routes::account::complete_set_up,
        routes::account::regenerate_recovery_codes,
        routes::account::change_password,
        routes::push_approvals::approval_page,
        routes::push_approvals::decide,
        routes::policy::get_policy,
        routes::policy_update::put_policy,
        routes::preview::preview_policy,
        routes::groups::list_groups,
        routes::groups::get_group,
        routes::group_update::patch_group,
        routes::members::list_members,
        routes::members::export_members,
        routes::members_reset::reset_two_step,
        routes::audit_events::list_audit_events,
        routes::audit_events::export_audit_events,
        openapi_json,
    ),
    components(schemas(
        twostep_contract::Problem,
        twostep_contract::FieldError,
        twostep_contract::Role,
        twostep_contract::RequirementReason,
        twostep_contract::PolicySettings,
        twostep_contract::PolicyUpdate,
        twostep_contract::PolicyUpdated,
        twostep_contract::PolicyImpact,
        twostep_contract::TechnicianGroup,
        twostep_contract::GroupUpdate,
        twostep_contract::EnrollmentStatus,
        twostep_contract::MemberGroup,
        twostep_contract::Member,
        twostep_contract::MemberPage,
        twostep_contract::MembersResetRequest,
        twostep_contract::MembersReset,
        twostep_contract::AuditKind,
        twostep_contract::AuditPerson,
        twostep_contract::AuditChange,
        twostep_contract::AuditEvent,
        twostep_contract::AuditPage,
        twostep_contract::SecondStepKind,
        twostep_contract::SecondStepPurpose,
        twostep_contract::PendingSecondStep,
        twostep_contract::SecondStepStart,
        twostep_contract::SecondStepChallenge,
        twostep_contract::AuthenticatorSetup,
        twostep_contract::SecondStepAnswer,
        twostep_contract::SecondStepDone,
        twostep_contract::Account,
        twostep_contract::AccountSetUp,
        twostep_contract::RecoveryCodes,
        twostep_contract::PasswordChange,
    )),
    modifiers(&SecuritySchemes, &SlowBodies, &BadRequests),
    tags(
        (name = "health", description = "Whether the server answers"),
        (name = "session", description = "Signing in and out (of this session, or of every session of the member), and the second step of signing in (and of a password change)"),
        (name = "account", description = "The signed-in person's own two-step verification and password"),
        (name = "push", description = "The reference backend's simulated phone: the approval page of a LastPass Authenticator app notification (not used by the console)"),
        (name = "policy", description = "The organization's two-step verification policy"),
        (name = "groups", description = "Technician groups and their \"Force two-step verification\" setting"),
        (name = "members", description = "Members with their two-step verification state, their export, and the reset of their setups"),
        (name = "audit", description = "The audit log: who changed what, when, before and after (read-only)"),
    )
)]
pub struct ApiDoc;

/// Adds the session cookie and the CSRF header as security schemes.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                format!(
                    "The session cookie set by POST /session (HttpOnly, SameSite=Strict, \
                     Path=/, Max-Age=28800): the session ends 8 hours after sign-in however \
                     much it is used (an absolute lifetime, never extended). A backend reached \
                     over https names it {SECURE_SESSION_COOKIE} and marks it Secure. A request \
                     that carries it twice is refused (401)."
                )
                .as_str(),
            ))),
        );
        components.add_security_scheme(
            "pending_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                twostep_contract::PENDING_COOKIE,
                format!(
                    "The cookie of a pending second step, set by a 202 of POST /session or POST \
                     /account/password (HttpOnly, SameSite=Strict, 10 minutes); it opens only \
                     /session/second-step. A backend reached over https names it {} and marks \
                     it Secure.",
                    twostep_contract::SECURE_PENDING_COOKIE
                )
                .as_str(),
            ))),
        );
        components.add_security_scheme(
            "csrf_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                twostep_contract::CSRF_HEADER,
                "The csrf_token of the session (or, under /session/second-step, of the pending \
                 step); required on every write except POST /session (403 without it). It is \
                 made at sign-in and stays the same for the whole session: it does not rotate.",
            ))),
        );
    }
}

/// Adds the answers every operation that takes a request body may give, where its annotation
/// does not already say them: 408 (the server reads a body whole before anything else, and gives
/// up on one that does not arrive within the body timeout), 413 (over 64 KiB), and, for a JSON
/// body, 415 (not declared as JSON).
struct SlowBodies;

impl Modify for SlowBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    twostep_contract::PROBLEM_CONTENT_TYPE,
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
                )
                .build()
        };
        let timeout = problem(
            "The body did not arrive within the body timeout (TWOSTEP_BODY_TIMEOUT, 10 s by \
             default); nothing was done, and the connection is closed",
        );
        let too_large = problem("The body is larger than 64 KiB");
        let not_json = problem(
            "The body is not declared as JSON (Content-Type application/json, or another \
             application/*+json)",
        );
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.put, &mut item.post, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                let Some(body) = &operation.request_body else {
                    continue;
                };
                let json = body.content.contains_key("application/json");
                let responses = &mut operation.responses.responses;
                responses.insert("408".into(), timeout.clone().into());
                responses.entry("413".into()).or_insert_with(|| too_large.clone().into());
                if json {
                    responses.entry("415".into()).or_insert_with(|| not_json.clone().into());
                }
            }
        }
    }
}

/// Adds the 400 answer to every operation: a request that is not valid HTTP (a header value
/// with control characters, say) is refused by the HTTP layer before any route sees it.
struct BadRequests;

impl Modify for BadRequests {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let bad = utoipa::openapi::ResponseBuilder::new()
            .description(
                "The request is not valid HTTP: a malformed request line or header (such as a \
                 header value with control characters), answered by the HTTP layer without a \
                 body; or a body whose chunked encoding is broken (`/problems/bad-request`)",
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                operation
                    .responses
                    .responses
                    .entry("400".into())
                    .or_insert_with(|| bad.clone().into());
            }
        }
    }
}

/// The document as JSON, with what the annotations cannot say written in ([`strict`]).
pub fn document() -> serde_json::Value {
    let mut document = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    strict::apply(&mut document);
    document
}

/// Serves the OpenAPI document.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "health",
    responses((status = 200, description = "This OpenAPI 3.1 document", content_type = "application/json")),
)]
pub async fn openapi_json() -> Json<serde_json::Value> {
    Json(document())
}
