//! The tabs of a selected technician group.

use leptos::prelude::*;

use crate::i18n::Text;
use crate::routes::{group_members_path, group_settings_path};
use crate::ui::TabNav;

/// The group's sections: Settings and Members.
#[component]
pub fn GroupTabs(
    /// The group's id.
    group_id: i64,
) -> impl IntoView {
    let tabs: Vec<(String, Text)> = vec![
        (group_settings_path(group_id), |t| t.settings_tab),
        (group_members_path(group_id), |t| t.members),
    ];
    view! { <TabNav label=|t| t.group_sections tabs /> }
}
