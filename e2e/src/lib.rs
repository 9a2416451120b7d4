//! End-to-end test harness for Twostep Admin: starts the reference server on a fresh database
//! ([`TestServer`]), drives real browsers through W3C WebDriver ([`Browser`], one of
//! [`BrowserKind`]), finds elements by ARIA role and accessible name ([`Browser::by_role`]),
//! checks pages with axe-core ([`Browser::assert_axe_clean`]), checks that they fit the window
//! ([`Browser::assert_layout_holds`]) and show no English in another language
//! ([`Browser::assert_no_english`]), uses them with the keyboard alone
//! ([`Browser::press`], [`Browser::tab_to`], [`Browser::focused`]), answers the browser's own
//! prompts such as `window.confirm` ([`Browser::prompt_text`], [`Browser::dismiss_prompt`]),
//! reads ARIA tree views as assistive technology does ([`Browser::tree_items`]) and data tables
//! as a person sees them ([`Browser::table`]), and calls the
//! REST API directly ([`ApiSession`]). Signing in takes the second step when the server asks
//! for one, in the page ([`Browser::sign_in_with_keyboard`]) and through the API
//! ([`PendingSignIn`]): codes come from the server's `code` command ([`TestServer::code`]),
//! from the suite's own authenticator app ([`Totp`]) or from the server's outbox
//! ([`TestServer::outbox_message`]). Everything that waits for something to happen polls with
//! [`wait_until`], which names what it waited for and what it saw last when the time is up;
//! nothing sleeps a fixed time.
//!
//! Every process the harness starts (server, WebDriver, browser, Xvfb) ends when the value
//! that owns it is dropped, also when a test panics.
//!
//! # Running
//!
//! `cargo xtask test` installs the browsers, drivers and axe-core, builds the server and the
//! SPA, and runs this suite. By hand, with those in place:
//!
//! ```text
//! cargo build -p twostep-server && trunk build
//! cargo test -p twostep-e2e -- --test-threads=1            # every browser
//! cargo test -p twostep-e2e --test console -- --test-threads=1 firefox::   # one browser
//! ```
//!
//! `TWOSTEP_SERVER_BIN`, `TWOSTEP_DIST_DIR` and `TWOSTEP_AXE_JS` point the harness at other
//! builds. A failing browser test leaves a screenshot in `target/e2e-artifacts/`.
//!
//! The crate also holds the benchmarks that `cargo xtask bench` runs against a generated
//! organization with 5,000 groups and 100,000 members: the organization tree in Chromium
//! (`benches/tree.rs`) and the server's member list (`benches/members.rs`), both reported
//! through [`Timings`]; `cargo test` does not build them.

#![warn(missing_docs)]

mod api;
mod axe;
mod browser;
pub mod http;
mod i18n;
mod keyboard;
pub mod layout;
mod outbox;
mod pending;
mod process;
mod prompt;
mod query;
mod server;
mod sign_in;
mod table;
mod timings;
mod totp;
mod tree;
mod wait;

use std::path::{Path, PathBuf};

pub use api::{ApiSession, PasswordAccepted};
pub use axe::{AxeViolation, axe_path};
pub use browser::{Browser, BrowserKind};
pub use i18n::Catalog;
pub use keyboard::{Focus, Key};
pub use outbox::{Channel, Outbox, OutboxMark, OutboxMessage};
pub use pending::{AuthenticatorSetUp, PendingSignIn};
pub use query::{Element, WAIT};
pub use server::{DEMO_PASSWORD, NORTHWIND_SEEDED_POLICY, TestServer, demo};
pub use table::Table;
pub use timings::{BenchSettings, Timings, median};
pub use totp::Totp;
pub use tree::{TreeItem, describe_tree};
pub use wait::{TimedOut, wait_until};

/// The workspace root: the parent of this crate's directory, as cargo names it when it runs the
/// tests (so a test binary built for another clone that shares the target folder still works
/// here), else as it was when compiled.
pub fn workspace_root() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let crate_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        crate_dir.parent().expect("the e2e crate lives inside the workspace").to_path_buf()
    })
}

/// Generates one test per browser for each scenario: `in_every_browser!(a, b)` makes
/// `chromium::a`, `firefox::a`, `webkit::a`, ... each calling `a(BrowserKind::...)`, so that
/// the test output counts the results per browser and `cargo test chromium::` runs one
/// browser.
#[macro_export]
macro_rules! in_every_browser {
    ($($scenario:ident),+ $(,)?) => {
        mod chromium {
            $(#[test]
            fn $scenario() {
                super::$scenario($crate::BrowserKind::Chromium);
            })+
        }
        mod firefox {
            $(#[test]
            fn $scenario() {
                super::$scenario($crate::BrowserKind::Firefox);
            })+
        }
        mod webkit {
            $(#[test]
            fn $scenario() {
                super::$scenario($crate::BrowserKind::WebKit);
            })+
        }
    };
}
