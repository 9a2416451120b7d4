//! The English words for the contract's values in the CSV exports (which are not translated),
//! written once here; the console's English catalog uses the same words, and a test of the
//! console ties the two.

use crate::{
    AdministratorsPolicy, PolicySettings, PrimaryMethod, RequirementReason, Role, TechniciansPolicy,
};

/// "Master administrator", "Administrator", "Technician".
pub fn role(role: Role) -> &'static str {
    match role {
        Role::MasterAdministrator => "Master administrator",
        Role::Administrator => "Administrator",
        Role::Technician => "Technician",
    }
}

/// "Administrator policy", "All technicians", or "Group <name>" for the member's `group`.
pub fn reason(reason: RequirementReason, group: Option<&str>) -> String {
    match reason {
        RequirementReason::AdministratorPolicy => "Administrator policy".into(),
        RequirementReason::AllTechnicians => "All technicians".into(),
        RequirementReason::Group => format!("Group {}", group.unwrap_or_default()),
    }
}

/// The method as Global Settings names it, such as "SMS verification".
pub fn method(method: PrimaryMethod) -> &'static str {
    match method {
        PrimaryMethod::LastpassNotification => "LastPass Authenticator app notification",
        PrimaryMethod::AuthenticatorApp => "Authenticator app",
        PrimaryMethod::Sms => "SMS verification",
        PrimaryMethod::Email => "Email verification",
    }
}

/// "No administrators" or "All administrators".
pub fn administrators(value: AdministratorsPolicy) -> &'static str {
    match value {
        AdministratorsPolicy::None => "No administrators",
        AdministratorsPolicy::All => "All administrators",
    }
}

/// "No technicians", "All technicians" or "Members of selected technician groups".
pub fn technicians(value: TechniciansPolicy) -> &'static str {
    match value {
        TechniciansPolicy::None => "No technicians",
        TechniciansPolicy::All => "All technicians",
        TechniciansPolicy::SelectedGroups => "Members of selected technician groups",
    }
}

/// Every setting of a policy on one line, such as "Administrators: All administrators;
/// Technicians: All technicians; Primary method: Authenticator app".
pub fn policy(settings: &PolicySettings) -> String {
    format!(
        "Administrators: {}; Technicians: {}; Primary method: {}",
        administrators(settings.administrators),
        technicians(settings.technicians),
        method(settings.primary_method)
    )
}

/// "Yes" or "No".
pub fn yes_no(value: bool) -> &'static str {
    if value { "Yes" } else { "No" }
}

/// "On" or "Off", for a group's "Force two-step verification".
pub fn on_off(value: bool) -> &'static str {
    if value { "On" } else { "Off" }
}

/// The columns of the members export (`GET /members/export`), in order.
pub const MEMBER_EXPORT_COLUMNS: [&str; 10] = [
    "Name",
    "Email",
    "Roles",
    "Group",
    "Required",
    "Reasons",
    "Set up",
    "Method",
    "Set up on",
    "Technician Console",
];

/// The columns of the audit log export (`GET /audit-events/export`), in order.
pub const AUDIT_EXPORT_COLUMNS: [&str; 6] =
    ["When", "Who", "Who email", "Change", "Before", "After"];
