//! Twostep Admin: the single-page console in which an organization's administrators decide who
//! must use two-step verification.
//!
//! The binary only calls [`start`]; the modules are public so that the browser component tests
//! in `tests/` can mount the pieces they check.

pub mod api;
pub mod app;
pub mod audit_text;
pub mod components;
pub mod draft;
pub mod group_draft;
pub mod i18n;
pub mod impact_preview;
pub mod list_query;
pub mod list_read;
pub mod org_data;
pub mod org_tree_model;
pub mod pages;
pub mod policy_draft;
pub mod read;
pub mod routes;
pub mod session;
pub mod unsaved_changes;

pub use app::App;

/// The id of the static shell in `index.html` that paints before the app starts.
pub const STATIC_SHELL_ID: &str = "static-shell";

/// Reads `config.json`, then replaces the static shell of `index.html` with the running app.
///
/// The shell stays on screen while the configuration loads, so the page never goes blank.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let client = api::load_client().await;
        if let Some(shell) = leptos::prelude::document().get_element_by_id(STATIC_SHELL_ID) {
            shell.remove();
        }
        leptos::mount::mount_to_body(move || leptos::view! { <App client /> });
    });
}
