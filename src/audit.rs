//! The Audit log tab: who changed what and when, filtered, paged and exported as CSV. Master
//! administrators only.
//!
//! It may use `ui/`, `api/`, `i18n/`, the contract and the session; no other feature.

mod audit_log_page;
mod audit_log_tab;
mod audit_log_table;
mod audit_row;
mod audit_text;

pub use audit_log_page::AuditLogPage;
pub use audit_log_tab::AuditLogTab;
pub use audit_log_table::AuditLogTable;
pub use audit_row::AuditRow;
