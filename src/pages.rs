//! One routed page per file.

mod admin_center_page;
mod audit_log_page;
mod global_settings_page;
mod group_members_page;
mod group_settings_page;
mod home_page;
mod not_found_page;
mod organization_home_page;
mod organization_members_page;
mod organization_page;
mod sign_in_page;

pub use admin_center_page::AdminCenterPage;
pub use audit_log_page::AuditLogPage;
pub use global_settings_page::GlobalSettingsPage;
pub use group_members_page::GroupMembersPage;
pub use group_settings_page::GroupSettingsPage;
pub use home_page::HomePage;
pub use not_found_page::NotFoundPage;
pub use organization_home_page::OrganizationHomePage;
pub use organization_members_page::OrganizationMembersPage;
pub use organization_page::OrganizationPage;
pub use sign_in_page::SignInPage;
