//! The tabs of the organization root.

use leptos::prelude::*;

use crate::i18n::Text;
use crate::routes::AppRoute;
use crate::ui::TabNav;

/// The organization's sections: Members for everyone; Global Settings and the Audit log for
/// master administrators only.
#[component]
pub fn SectionTabs(
    /// Whether the person is a master administrator.
    is_master_administrator: bool,
) -> impl IntoView {
    let tabs: [(bool, AppRoute, Text); 3] = [
        (is_master_administrator, AppRoute::GlobalSettings, |t| t.global_settings),
        (true, AppRoute::Members, |t| t.members),
        (is_master_administrator, AppRoute::AuditLog, |t| t.audit_log),
    ];
    let tabs = tabs
        .into_iter()
        .filter(|(shown, _, _)| *shown)
        .map(|(_, route, name)| (route.path().to_owned(), name))
        .collect();
    view! { <TabNav label=|t| t.organization_sections tabs /> }
}
