//! Global Settings: the organization's two-step verification policy, its form, what saving it
//! would do (the impact preview) and the dialog before a method change resets everyone.
//!
//! It may use `ui/`, `api/`, `i18n/`, the contract, the session and the store of the saved
//! policy and groups (`store/`); no other feature.

mod forced_groups;
mod global_settings_page;
mod impact_panel;
pub mod impact_preview;
mod method_change_dialog;
pub mod policy_draft;
mod policy_form;
mod policy_summary;
pub mod reset_count;

pub use forced_groups::ForcedGroups;
pub use global_settings_page::GlobalSettingsPage;
pub use impact_panel::ImpactPanel;
pub use method_change_dialog::{MethodChangeDialog, MethodChangePrompt};
pub use policy_form::PolicyForm;
pub use policy_summary::PolicySummary;
