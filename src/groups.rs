//! A technician group's page: its frame (name and tabs), its Settings tab (Force two-step
//! verification) and, through the members feature, its Members tab.
//!
//! It may use `ui/`, `api/`, `i18n/`, the contract, the session and the store (`store/`),
//! which holds the groups it shows and records its saves; of the other features only
//! [`crate::members::MembersTab`], which its Members tab shows.

pub mod group_draft;
mod group_frame;
mod group_members_page;
mod group_settings_form;
mod group_settings_page;
mod group_tabs;

pub use group_frame::GroupFrame;
pub use group_members_page::GroupMembersPage;
pub use group_settings_form::GroupSettingsForm;
pub use group_settings_page::GroupSettingsPage;
pub use group_tabs::GroupTabs;
