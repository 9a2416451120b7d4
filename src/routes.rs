//! Every path of the app, in one place.
//!
//! The router is built from the segments below and links are built from [`AppRoute::path`], so
//! a route cannot be renamed in one place and forgotten in another.

use twostep_contract::{AuditQuery, MemberQuery, Role, query_string};

/// The path segments the router matches.
pub mod segment {
    /// `/sign-in`.
    pub const SIGN_IN: &str = "sign-in";
    /// `/organization`: the Admin Center.
    pub const ORGANIZATION: &str = "organization";
    /// `/organization/global-settings`.
    pub const GLOBAL_SETTINGS: &str = "global-settings";
    /// `/groups`: technician groups, each at `/groups/{id}/…`.
    pub const GROUPS: &str = "groups";
    /// The route parameter naming a technician group's id.
    pub const GROUP_ID: &str = "id";
    /// `/groups/{id}/settings`: a group's Settings tab.
    pub const SETTINGS: &str = "settings";
    /// `/organization/members` and `/groups/{id}/members`: the Members tabs.
    pub const MEMBERS: &str = "members";
    /// `/organization/audit-log`: the Audit log tab.
    pub const AUDIT_LOG: &str = "audit-log";
    /// `/account`: My account.
    pub const ACCOUNT: &str = "account";
}

/// The query parameter of the sign-in page that names where to go after signing in.
pub const NEXT_PARAM: &str = "next";

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppRoute {
    /// `/`: sends the person where they belong.
    Home,
    /// `/sign-in`.
    SignIn,
    /// `/organization`: the Admin Center with the organization root selected.
    Organization,
    /// `/organization/global-settings`: the Global Settings tab.
    GlobalSettings,
    /// `/organization/members`: the organization's Members tab.
    Members,
    /// `/organization/audit-log`: the Audit log tab.
    AuditLog,
    /// `/account`: My account, the signed-in person's own two-step verification and password.
    Account,
}

impl AppRoute {
    /// The absolute path of the page.
    pub const fn path(self) -> &'static str {
        match self {
            AppRoute::Home => "/",
            AppRoute::SignIn => "/sign-in",
            AppRoute::Organization => "/organization",
            AppRoute::GlobalSettings => "/organization/global-settings",
            AppRoute::Members => "/organization/members",
            AppRoute::AuditLog => "/organization/audit-log",
            AppRoute::Account => "/account",
        }
    }
}

/// `/groups/{id}/settings`: the Settings tab of technician group `group_id`.
pub fn group_settings_path(group_id: i64) -> String {
    format!("/{}/{group_id}/{}", segment::GROUPS, segment::SETTINGS)
}

/// `/groups/{id}/members`: the Members tab of technician group `group_id`.
pub fn group_members_path(group_id: i64) -> String {
    format!("/{}/{group_id}/{}", segment::GROUPS, segment::MEMBERS)
}

/// The address of a Members tab showing `query`: the organization's (`group` is `None`) or a
/// group's, whose address never names the group again in its query.
pub fn members_href(group: Option<i64>, query: &MemberQuery) -> String {
    match group {
        None => with_query(AppRoute::Members.path(), &query.to_pairs()),
        Some(group_id) => {
            let mut pairs = query.to_pairs();
            pairs.retain(|(name, _)| *name != "group_id");
            with_query(&group_members_path(group_id), &pairs)
        }
    }
}

/// The address of the Audit log tab showing `query`.
pub fn audit_log_href(query: &AuditQuery) -> String {
    with_query(AppRoute::AuditLog.path(), &query.to_pairs())
}

/// `path`, followed by `?` and the parameters `pairs` when any has a value.
pub fn with_query(path: &str, pairs: &[(&'static str, String)]) -> String {
    let query = query_string(pairs);
    if query.is_empty() { path.to_owned() } else { format!("{path}?{query}") }
}

/// A node of the organization tree, as an address names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgNode {
    /// The organization root: `/organization` and its tabs.
    Organization,
    /// A technician group: `/groups/{id}` and its tabs.
    Group(i64),
}

/// The tree node that `path` opens, if it opens one.
pub fn node_of_path(path: &str) -> Option<OrgNode> {
    let mut segments = path.trim_start_matches('/').split('/');
    match segments.next()? {
        segment::ORGANIZATION => Some(OrgNode::Organization),
        segment::GROUPS => segments.next()?.parse().ok().map(OrgNode::Group),
        _ => None,
    }
}

/// Where a signed-in person lands: Global Settings for master administrators, the organization
/// root for everyone else.
pub fn landing_route(is_master_administrator: bool) -> AppRoute {
    if is_master_administrator { AppRoute::GlobalSettings } else { AppRoute::Organization }
}

/// Whether a person with `roles` sees the Admin Center: master administrators and
/// administrators do; technicians only have My account.
pub fn sees_admin_center(roles: &[Role]) -> bool {
    roles.iter().any(|role| matches!(role, Role::MasterAdministrator | Role::Administrator))
}

/// Where `/` sends a signed-in person with `roles`: their Admin Center landing page, or My
/// account for those who see no Admin Center.
pub fn home_route(roles: &[Role]) -> AppRoute {
    if sees_admin_center(roles) {
        landing_route(roles.contains(&Role::MasterAdministrator))
    } else {
        AppRoute::Account
    }
}

/// The `next` value if it is a path of this app, `None` otherwise.
///
/// Only paths that start with a single `/` are honoured, so that a crafted link cannot send the
/// person to another site after signing in (`//host`, `/\host`, `https://host` are refused).
pub fn safe_next(next: Option<&str>) -> Option<&str> {
    let next = next?;
    let honoured = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    honoured.then_some(next)
}

/// The sign-in page's address, with `next` when there is a safe place to come back to.
pub fn sign_in_href(next: Option<&str>) -> String {
    match safe_next(next) {
        Some(next) => {
            format!("{}?{NEXT_PARAM}={}", AppRoute::SignIn.path(), encode_component(next))
        }
        None => AppRoute::SignIn.path().to_owned(),
    }
}

pub use twostep_contract::encode_component;
