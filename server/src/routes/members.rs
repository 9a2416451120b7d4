//! `GET /members` and `GET /members/export`: the members the caller may see with their
//! two-step verification state, a page at a time or every one as a CSV file.
//!
//! Master administrators see every member of their organization; administrators the members
//! whose technician group is one of their groups or a subgroup of one; technicians get 403.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use twostep_contract::{EnrollmentStatus, Member, MemberPage, MemberQuery, Problem, Role};

use twostep_contract::labels;

use super::groups::not_visible;
use crate::auth::{Administrator, CurrentSession};
use crate::csv;
use crate::data::members::list::{Details, Listing};
use crate::data::{groups, policy};
use crate::db::Db;
use crate::error::Result;
use crate::query::ApiQuery;
use crate::state::AppState;

/// The listing `query` asks of `current`, under the organization's current policy. A group the
/// query names must be one the caller may see: 404 otherwise, like the group itself.
async fn listing<'q>(
    state: &AppState,
    current: &CurrentSession,
    query: &'q MemberQuery,
) -> Result<Listing<'q>> {
    if let Some(id) = query.group_id
        && groups::find_visible(&state.db, current, id).await?.is_none()
    {
        return Err(not_visible(id));
    }
    let policy = policy::load(&state.db, current.organization_id()).await?;
    Ok(Listing::new(current, query, policy.settings))
}

/// One page of the members the caller may see, filtered and ordered.
///
/// `required` is judged under the organization's current policy; `group_id` includes the
/// group's subgroups. Sorting by `group`, `status` or `enrolled_at` puts members without a
/// value last in both directions and orders ties by name. A page past the last one answers no
/// items with the real total.
#[utoipa::path(
    get,
    path = "/members",
    tag = "members",
    security(("session_cookie" = [])),
    params(
        ("q" = Option<String>, Query, max_length = 200, description = "Name or email contains this text: at most 200 characters as sent, then trimmed (white space only is no filter); ASCII letters match in any case, other letters (accents included) only as written"),
        ("group_id" = Option<i64>, Query, minimum = 1, description = "Members of this technician group and of its subgroups, at any depth; a group the caller may not see answers 404"),
        ("role" = Option<Role>, Query, description = "Members holding this role (a master administrator holds only `master_administrator`; `administrator` does not match them)"),
        ("required" = Option<bool>, Query, description = "`true`: members the current policy requires to use two-step verification; `false`: the others"),
        ("status" = Option<EnrollmentStatus>, Query, description = "Members who have (`enrolled`) or have not (`not_enrolled`) set up two-step verification"),
        ("sort" = Option<String>, Query, pattern = "^-?(name|email|group|status|enrolled_at)$", description = "`name` (the default), `email`, `group`, `status` or `enrolled_at`; a leading `-` for descending"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000000, description = "The page, from 1 (default 1); a page past the last answers no items with the real total"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Members per page, 1 to 200 (default 50)"),
    ),
    responses(
        (status = 200, description = "The page of members", body = MemberPage),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Technicians cannot list members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`group_id` names no group the caller may see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown, repeated or invalid parameters, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_members(
    State(state): State<AppState>,
    Administrator(current): Administrator,
    ApiQuery(query): ApiQuery<MemberQuery>,
) -> Result<Response> {
    let listing = listing(&state, &current, &query).await?;
    // Two connections: when the filters leave few members, both walk every member, and each
    // SQLite connection works on its own thread.
    let (total, items) = tokio::try_join!(listing.total(&state.db), listing.page(&state.db))?;
    let page =
        MemberPage { items, total, page: query.paging.page, per_page: query.paging.per_page };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(page)).into_response())
}

/// Every member the caller may see that matches the filters, in the order asked for, as a CSV
/// file (`page` and `per_page` are accepted and ignored).
///
/// Columns: Name, Email, Roles, Group, Required, Reasons, Set up, Method, Set up on (RFC 3339),
/// Technician Console, in English. Every field is quoted; a field that a spreadsheet would run
/// as a formula starts with an apostrophe; the file starts with a UTF-8 byte order mark.
///
/// The file is sent as it is read, a thousand members at a time; at most `TWOSTEP_MAX_EXPORTS`
/// exports stream at once, and one more answers 503 with `Retry-After`.
#[utoipa::path(
    get,
    path = "/members/export",
    tag = "members",
    security(("session_cookie" = [])),
    params(
        ("q" = Option<String>, Query, max_length = 200, description = "As for GET /members"),
        ("group_id" = Option<i64>, Query, minimum = 1, description = "As for GET /members"),
        ("role" = Option<Role>, Query, description = "As for GET /members"),
        ("required" = Option<bool>, Query, description = "As for GET /members"),
        ("status" = Option<EnrollmentStatus>, Query, description = "As for GET /members"),
        ("sort" = Option<String>, Query, pattern = "^-?(name|email|group|status|enrolled_at)$", description = "As for GET /members"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000000, description = "Checked as for GET /members, then ignored: the file holds every match"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Checked as for GET /members, then ignored"),
    ),
    responses(
        (status = 200, description = "The members as `members.csv`", body = String, content_type = "text/csv; charset=utf-8",
            headers(("Content-Disposition" = String, description = "attachment; filename=\"members.csv\""))),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Technicians cannot list members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`group_id` names no group the caller may see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown, repeated or invalid parameters, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "As many exports as the server streams at once are under way (`TWOSTEP_MAX_EXPORTS`); retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before asking again"))),
    )
)]
pub async fn export_members(
    State(state): State<AppState>,
    Administrator(current): Administrator,
    ApiQuery(query): ApiQuery<MemberQuery>,
) -> Result<Response> {
    let slot = csv::export_slot(&state.exports)?;
    let listing = listing(&state, &current, &query).await?;
    let ids = listing.all_ids(&state.db).await?;
    let pages = MemberPages(listing.details());
    Ok(csv::stream(
        &labels::MEMBER_EXPORT_COLUMNS,
        state.db.clone(),
        ids,
        pages,
        slot,
        "members.csv",
    ))
}

/// The members of an export, with the details the listing shows.
struct MemberPages(Details);

impl csv::Pages for MemberPages {
    async fn rows(&self, db: &Db, ids: &[i64]) -> Result<Vec<Vec<String>>> {
        let members = self.0.of(db, ids).await?;
        Ok(members.iter().map(|member| Vec::from(export_row(member))).collect())
    }
}

/// The fields of one member in the export, in the order of [`EXPORT_HEADER`].
fn export_row(member: &Member) -> [String; 10] {
    let group = member.group.as_ref().map(|group| group.name.as_str());
    let roles: Vec<&str> = member.roles.iter().map(|role| labels::role(*role)).collect();
    let reasons: Vec<String> =
        member.reasons.iter().map(|reason| labels::reason(*reason, group)).collect();
    [
        member.name.clone(),
        member.email.clone(),
        roles.join("; "),
        group.unwrap_or_default().to_owned(),
        labels::yes_no(member.required).to_owned(),
        reasons.join("; "),
        labels::yes_no(member.status == EnrollmentStatus::Enrolled).to_owned(),
        member.method.map(labels::method).unwrap_or_default().to_owned(),
        member.enrolled_at.clone().unwrap_or_default(),
        member.console_version.clone().unwrap_or_default(),
    ]
}
