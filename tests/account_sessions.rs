#![cfg(target_arch = "wasm32")]
//! My account's "Sign out everywhere": the button, what it says it does, and its confirmation,
//! which Cancel closes without sending anything.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use leptos_router::components::Router;
use support::{Mounted, mount_in, settle, wait_until};
use twostep_admin::account::SignOutEverywhere;
use twostep_admin::api::ApiClient;
use twostep_admin::i18n::Locale;
use twostep_admin::session::SessionContext;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlDialogElement;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_section(locale: Locale) -> Mounted {
    mount_in(locale, || {
        // No server answers here: only what the section shows before anything is sent.
        let client = ApiClient::new("/no-server");
        provide_context(client.clone());
        SessionContext::provide(client);
        view! {
            <Router>
                <SignOutEverywhere />
            </Router>
        }
    })
}

fn dialog(page: &Mounted) -> HtmlDialogElement {
    page.find("dialog").unchecked_into()
}

#[wasm_bindgen_test]
async fn the_button_says_what_it_does_and_asks_first() {
    let page = mount_section(Locale::En);
    settle().await;
    assert_eq!(page.text("h2"), "Your sessions");
    let button = page.button("Sign out everywhere").expect("the button");
    assert_eq!(button.id(), "account-sign-out-everywhere");
    let described_by = button.get_attribute("aria-describedby").expect("a description");
    assert!(page.text(&format!("#{described_by}")).contains("this one included"));
    assert!(!dialog(&page).open(), "closed until asked");

    button.click();
    settle().await;
    let dialog = dialog(&page);
    assert!(dialog.open());
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(page.text(&format!("#{title_id}")), "Sign out everywhere?");
    assert!(page.text("dialog p").contains("this one included"));
    assert_eq!(document().active_element().unwrap().text_content().unwrap().trim(), "Cancel");

    page.find("dialog button:not(.danger)").click();
    let closed = wait_until("the dialog to close", || dialog.open(), |open| !open).await;
    assert!(!closed);
    assert!(page.try_find("[role=alert]").is_none(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn it_speaks_french_too() {
    let page = mount_section(Locale::Fr);
    settle().await;
    assert_eq!(page.text("h2"), "Vos sessions");
    page.button("Se déconnecter partout").expect("the button").click();
    settle().await;
    let dialog = dialog(&page);
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(page.text(&format!("#{title_id}")), "Se déconnecter partout\u{a0}?");
    assert_eq!(
        page.find("dialog button.danger").text_content().unwrap().trim(),
        "Se déconnecter partout"
    );
    dialog.close();
    wait_until("the dialog to close", || dialog.open(), |open| !open).await;
}
