//! The Members tabs (the organization's and each group's): the filters, the sortable table of
//! members with their two-step verification state, the pages, the CSV export and the "Force
//! two-step verification reset" of the members chosen.
//!
//! It may use `ui/`, `api/`, `i18n/`, the contract, the session and the store's call flow
//! ([`crate::store::call`]); it learns the groups and tells the tree about a reset only
//! through the seams of [`crate::tree`].

mod member_filters;
pub mod member_query;
mod member_row;
mod members_reset_dialog;
mod members_reset_status;
mod members_selection;
mod members_tab;
mod members_table;
mod members_toolbar;
mod organization_members_page;
mod sort_header;

pub use member_filters::{MemberFilters, SEARCH_DEBOUNCE};
pub use member_row::MemberRow;
pub use members_tab::MembersTab;
pub use members_table::MembersTable;
pub use organization_members_page::OrganizationMembersPage;
pub use sort_header::SortHeader;
