//! Twostep Admin: the single-page console in which an organization's administrators decide who
//! must use two-step verification.
//!
//! The binary only calls [`start`]; the modules are public so that the browser component tests
//! in `tests/` can mount the pieces they check. The pure logic also builds natively, where its
//! tests run under plain `cargo test`.

#![warn(missing_docs)]
// The console ships as wasm32, where `ApiError` is half its native size and well under the
// lint's limit; only the native build of the tests would flag it.
#![cfg_attr(not(target_arch = "wasm32"), allow(clippy::result_large_err))]

pub mod account;
pub mod api;
pub mod app;
pub mod audit;
pub mod groups;
pub mod i18n;
pub mod members;
pub mod routes;
pub mod second_step;
pub mod session;
pub mod settings;
pub mod store;
pub mod tree;
pub mod ui;

pub use app::App;

/// The id of the static shell in `index.html` that paints before the app starts.
pub const STATIC_SHELL_ID: &str = "static-shell";

/// Reads `config.json` and the words of the person's language, then replaces the static shell
/// of `index.html` with the running app.
///
/// The shell stays on screen while both load, so the page never goes blank and never flashes
/// English before the person's language; the words have been downloading since the shell's
/// script asked for them, beside the app itself. When they cannot be loaded the app starts in
/// English, and the next visit tries again.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = i18n::load(i18n::browser_locale()).await;
        let client = api::load_client().await;
        if let Some(shell) = leptos::prelude::document().get_element_by_id(STATIC_SHELL_ID) {
            shell.remove();
        }
        leptos::mount::mount_to_body(move || leptos::view! { <App client /> });
    });
}
