//! Generic widgets and state that any feature uses: dialogs, tabs, pagination, radio options,
//! the foot of a settings form and its feedback, the loading and error views, a form's two
//! copies ([`Draft`]), the reads, the unsaved-changes guard, the list addresses and windowed
//! rendering.
//!
//! It may use `api/` (for its error type), `i18n/` and the contract; it knows no feature.

mod confirm_dialog;
mod conflict_notice;
mod draft;
mod error_alert;
mod filter_select;
mod focus;
mod form_actions;
mod language_picker;
pub mod list_query;
mod list_read;
mod list_status;
mod load_error;
mod loading_status;
mod pagination;
mod radio_option;
mod read;
pub mod read_view;
mod save_feedback;
mod skip_link;
mod tab_nav;
mod unsaved_changes;
pub mod window;

pub use confirm_dialog::ConfirmDialog;
pub use conflict_notice::ConflictNotice;
pub use draft::{Draft, Saved};
pub use error_alert::ErrorAlert;
pub use filter_select::FilterSelect;
pub use focus::focus_by_id;
pub use form_actions::FormActions;
pub use language_picker::LanguagePicker;
pub use list_read::ListRead;
pub use list_status::ListStatus;
pub use load_error::LoadError;
pub use loading_status::LoadingStatus;
pub use pagination::Pagination;
pub use radio_option::RadioOption;
pub use read::Read;
pub use save_feedback::{SaveFeedback, SaveNotice, SaveTexts};
pub use skip_link::{MAIN_ID, SkipLink};
pub use tab_nav::TabNav;
pub use unsaved_changes::UnsavedChanges;
