//! Reusable pieces of the pages, one component per file.

mod header;
mod language_picker;
mod load_error;
mod loading_status;
mod org_tree;
mod policy_view;
mod section_tabs;
mod sign_in_form;
mod sign_out_button;
mod skip_link;

pub use header::{Header, PRODUCT_NAME};
pub use language_picker::LanguagePicker;
pub use load_error::LoadError;
pub use loading_status::LoadingStatus;
pub use org_tree::OrgTree;
pub use policy_view::PolicyView;
pub use section_tabs::SectionTabs;
pub use sign_in_form::SignInForm;
pub use sign_out_button::SignOutButton;
pub use skip_link::{MAIN_ID, SkipLink};
