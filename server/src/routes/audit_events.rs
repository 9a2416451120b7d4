//! `GET /audit-events` and `GET /audit-events/export`: who changed what, when, with the values
//! before and after, newest first; for master administrators only.
//!
//! The log is append-only: no endpoint changes or deletes an event (other methods answer 405,
//! and `/audit-events/{id}` does not exist).

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use twostep_contract::{AuditChange, AuditEvent, AuditKind, AuditPage, AuditQuery, Problem};

use twostep_contract::labels;

use crate::auth::MasterAdministrator;
use crate::csv;
use crate::data::audit::log::{self, Log};
use crate::db::Db;
use crate::error::Result;
use crate::query::ApiQuery;
use crate::state::AppState;

/// One page of the organization's audit log, newest first, with everyone who appears in it as
/// the one who made a change (the choices of the `actor_id` filter).
#[utoipa::path(
    get,
    path = "/audit-events",
    tag = "audit",
    security(("session_cookie" = [])),
    params(
        ("kind" = Option<AuditKind>, Query, description = "Events of this kind"),
        ("actor_id" = Option<i64>, Query, minimum = 1, description = "Changes made by this member (an id that made none answers no items)"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000000, description = "The page, from 1 (default 1); a page past the last answers no items with the real total"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Events per page, 1 to 200 (default 50)"),
    ),
    responses(
        (status = 200, description = "The page of events, newest first", body = AuditPage),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only master administrators can read the audit log", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown, repeated or invalid parameters, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_audit_events(
    State(state): State<AppState>,
    // The role before the query: anyone else gets 403 whatever they ask for.
    MasterAdministrator(current): MasterAdministrator,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Response> {
    let organization_id = current.organization_id();
    let log = Log::new(organization_id, &query);
    let page = AuditPage {
        total: log.total(&state.db).await?,
        items: log.page(&state.db).await?,
        page: query.paging.page,
        per_page: query.paging.per_page,
        actors: log::actors(&state.db, organization_id).await?,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(page)).into_response())
}

/// Every matching event, newest first, as a CSV file in English (`page` and `per_page` are
/// accepted and ignored), sent as it is read like the members export, and sharing its
/// `TWOSTEP_MAX_EXPORTS` slots.
///
/// Columns: When (RFC 3339), Who, Who email, Change, Before, After. Quoting, the formula guard
/// and the byte order mark as for the members export.
#[utoipa::path(
    get,
    path = "/audit-events/export",
    tag = "audit",
    security(("session_cookie" = [])),
    params(
        ("kind" = Option<AuditKind>, Query, description = "As for GET /audit-events"),
        ("actor_id" = Option<i64>, Query, minimum = 1, description = "As for GET /audit-events"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000000, description = "Checked as for GET /audit-events, then ignored: the file holds every match"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Checked as for GET /audit-events, then ignored"),
    ),
    responses(
        (status = 200, description = "The events as `audit-log.csv`", body = String, content_type = "text/csv; charset=utf-8",
            headers(("Content-Disposition" = String, description = "attachment; filename=\"audit-log.csv\""))),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only master administrators can read the audit log", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown, repeated or invalid parameters, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "As many exports as the server streams at once are under way (`TWOSTEP_MAX_EXPORTS`); retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before asking again"))),
    )
)]
pub async fn export_audit_events(
    State(state): State<AppState>,
    // The role before the query: anyone else gets 403 whatever they ask for.
    MasterAdministrator(current): MasterAdministrator,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Response> {
    let slot = csv::export_slot(&state.exports)?;
    let organization_id = current.organization_id();
    let ids = Log::new(organization_id, &query).all_ids(&state.db).await?;
    let pages = EventPages { organization_id };
    Ok(csv::stream(
        &labels::AUDIT_EXPORT_COLUMNS,
        state.db.clone(),
        ids,
        pages,
        slot,
        "audit-log.csv",
    ))
}

/// The events of an export.
struct EventPages {
    organization_id: i64,
}

impl csv::Pages for EventPages {
    async fn rows(&self, db: &Db, ids: &[i64]) -> Result<Vec<Vec<String>>> {
        let events = log::events_by_id(db, self.organization_id, ids).await?;
        Ok(events.iter().map(|event| Vec::from(export_row(event))).collect())
    }
}

/// The fields of one event in the export, in the order of [`EXPORT_HEADER`].
fn export_row(event: &AuditEvent) -> [String; 6] {
    let (who, email) = match &event.actor {
        Some(actor) => (actor.name.clone(), actor.email.clone()),
        None => ("A former member".to_owned(), String::new()),
    };
    let (change, before, after) = describe(&event.change);
    [event.at.clone(), who, email, change, before, after]
}

/// What changed, the value before and the value after, in words.
fn describe(change: &AuditChange) -> (String, String, String) {
    match change {
        AuditChange::PolicyUpdated { before, after, enrollments_reset } => {
            let what = match enrollments_reset {
                0 => "Two-step verification policy".to_owned(),
                1 => "Two-step verification policy (1 setup reset)".to_owned(),
                n => format!("Two-step verification policy ({n} setups reset)"),
            };
            (what, labels::policy(before), labels::policy(after))
        }
        AuditChange::GroupForceTwoStepChanged { group_name, before, after, .. } => (
            format!("Force two-step verification: {group_name}"),
            labels::on_off(*before).to_owned(),
            labels::on_off(*after).to_owned(),
        ),
        AuditChange::TwoStepReset { member, method_before } => (
            format!("Two-step verification reset: {} ({})", member.name, member.email),
            match method_before {
                Some(method) => format!("Set up ({})", labels::method(*method)),
                None => NOT_SET_UP.to_owned(),
            },
            NOT_SET_UP.to_owned(),
        ),
        AuditChange::TwoStepSetUp { method, method_before } => {
            let after = labels::method(*method);
            match method_before {
                None => {
                    (format!("Set up {after}"), NOT_SET_UP.to_owned(), format!("Set up ({after})"))
                }
                Some(before) => {
                    let before = labels::method(*before);
                    (
                        format!("Changed from {before} to {after}"),
                        format!("Set up ({before})"),
                        format!("Set up ({after})"),
                    )
                }
            }
        }
        AuditChange::RecoveryCodesRegenerated {} => {
            ("Regenerated recovery codes".to_owned(), String::new(), String::new())
        }
        AuditChange::PasswordChanged {} => {
            ("Changed password".to_owned(), String::new(), String::new())
        }
    }
}

const NOT_SET_UP: &str = "Not set up";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use twostep_contract::{AuditPerson, PrimaryMethod};

    #[test]
    fn a_members_own_changes_read_as_the_console_says_them() {
        let row =
            |change| export_row(&AuditEvent { id: 1, at: db::rfc3339(0), actor: None, change });
        let set_up = |method_before| AuditChange::TwoStepSetUp {
            method: PrimaryMethod::Email,
            method_before,
        };
        assert_eq!(
            row(set_up(None))[3..],
            ["Set up Email verification", "Not set up", "Set up (Email verification)"]
        );
        assert_eq!(
            row(set_up(Some(PrimaryMethod::AuthenticatorApp)))[3..],
            [
                "Changed from Authenticator app to Email verification",
                "Set up (Authenticator app)",
                "Set up (Email verification)"
            ]
        );
        assert_eq!(
            row(AuditChange::RecoveryCodesRegenerated {})[3..],
            ["Regenerated recovery codes", "", ""]
        );
        assert_eq!(row(AuditChange::PasswordChanged {})[3..], ["Changed password", "", ""]);
    }

    #[test]
    fn a_reset_reads_as_words() {
        let event = AuditEvent {
            id: 1,
            at: db::rfc3339(0),
            actor: None,
            change: AuditChange::TwoStepReset {
                member: AuditPerson {
                    id: 4,
                    name: "Sam Okafor".into(),
                    email: "sam@northwind.example".into(),
                },
                method_before: Some(PrimaryMethod::Sms),
            },
        };
        assert_eq!(
            export_row(&event),
            [
                "1970-01-01T00:00:00Z",
                "A former member",
                "",
                "Two-step verification reset: Sam Okafor (sam@northwind.example)",
                "Set up (SMS verification)",
                "Not set up"
            ]
        );
    }
}
