//! Helpers shared by the browser component tests.

#![allow(dead_code)]

pub mod backend;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use twostep_admin::i18n::{EN, Locale, Messages, STORAGE_KEY, install, provide_locale};
use twostep_contract::{Organization, Role, Session, SessionUser};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::js_sys;
use web_sys::HtmlElement;

/// A view mounted in its own element of the test page; unmounted when dropped.
pub struct Mounted {
    /// The element holding the view.
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// The catalog of `locale`, installed from the repository's file as if it had been fetched.
pub fn catalog(locale: Locale) -> &'static Messages {
    let json = match locale {
        Locale::En => return &EN,
        Locale::Fr => include_str!("../../i18n/fr.json"),
        Locale::It => include_str!("../../i18n/it.json"),
        Locale::De => include_str!("../../i18n/de.json"),
        Locale::Es => include_str!("../../i18n/es.json"),
        Locale::Pt => include_str!("../../i18n/pt-BR.json"),
        Locale::Nl => include_str!("../../i18n/nl.json"),
    };
    install(locale, json).expect("the repository's catalogs are valid")
}

/// Mounts `view` in a fresh element, under a locale context set to `locale`, whose words are
/// installed first.
pub fn mount_in<V: IntoView + 'static>(
    locale: Locale,
    view: impl FnOnce() -> V + 'static,
) -> Mounted {
    catalog(locale);
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), move || {
        provide_locale(locale);
        view()
    });
    Mounted { root, _handle: Box::new(handle) }
}

/// Lets the reactive system and the DOM catch up.
pub async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

impl Mounted {
    /// The trimmed text of the first element matching `selector`.
    pub fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default().trim().to_owned()
    }

    /// The trimmed text of the first element matching `selector`; empty when there is none.
    pub fn text_or_empty(&self, selector: &str) -> String {
        self.try_find(selector)
            .map(|element| element.text_content().unwrap_or_default().trim().to_owned())
            .unwrap_or_default()
    }

    /// The first element matching `selector`; panics when there is none.
    pub fn find(&self, selector: &str) -> HtmlElement {
        self.try_find(selector).unwrap_or_else(|| panic!("no element matches {selector:?}"))
    }

    /// The first element matching `selector`, if any.
    pub fn try_find(&self, selector: &str) -> Option<HtmlElement> {
        self.root.query_selector(selector).unwrap().map(JsCast::unchecked_into)
    }

    /// The texts of every element matching `selector`, trimmed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let nodes = self.root.query_selector_all(selector).unwrap();
        (0..nodes.length())
            .filter_map(|index| nodes.item(index))
            .map(|node| node.text_content().unwrap_or_default().trim().to_owned())
            .collect()
    }

    /// The button whose text is `name`, as a person finds it.
    pub fn button(&self, name: &str) -> Option<HtmlElement> {
        let buttons = self.root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|index| buttons.item(index))
            .map(JsCast::unchecked_into::<HtmlElement>)
            .find(|button| button.text_content().unwrap_or_default().trim() == name)
    }

    /// The form control labelled `label` (through `<label for>`).
    pub fn labelled(&self, label: &str) -> HtmlElement {
        let labels = self.root.query_selector_all("label").unwrap();
        let target = (0..labels.length())
            .filter_map(|index| labels.item(index))
            .map(JsCast::unchecked_into::<web_sys::Element>)
            .find(|element| element.text_content().unwrap_or_default().trim() == label)
            .and_then(|element| element.get_attribute("for"))
            .unwrap_or_else(|| panic!("no label {label:?}"));
        self.find(&format!("#{target}"))
    }
}

/// Forgets any language saved by an earlier test.
pub fn forget_saved_locale() {
    if let Ok(Some(storage)) = window().local_storage() {
        storage.remove_item(STORAGE_KEY).unwrap();
    }
}

/// Fires a bubbling DOM event of type `kind` at `target`.
pub fn fire(target: &HtmlElement, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Waits `ms` milliseconds of real time (debounces, timers, a dialog's close event), then lets
/// the views settle.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    settle().await;
}

/// How long [`wait_until`] waits before it gives up: generous, for a loaded machine.
pub const WAIT_LIMIT_MS: f64 = 5_000.0;

/// Polls `observe` every few milliseconds (through [`sleep`], so the views settle between
/// looks) until `done` holds for what it returns, and returns that observation. Panics after
/// [`WAIT_LIMIT_MS`], naming `what` was awaited and what was last observed.
///
/// Use it for anything that happens "soon" (a debounce, a dialog's `close` event, a stand-in
/// answer); a fixed sleep stays only where a test proves that something does *not* happen.
pub async fn wait_until<T: std::fmt::Debug>(
    what: &str,
    observe: impl Fn() -> T,
    done: impl Fn(&T) -> bool,
) -> T {
    let deadline = js_sys::Date::now() + WAIT_LIMIT_MS;
    settle().await;
    loop {
        let seen = observe();
        if done(&seen) {
            return seen;
        }
        if js_sys::Date::now() > deadline {
            panic!("waited {WAIT_LIMIT_MS} ms for {what}; last seen: {seen:?}");
        }
        sleep(10).await;
    }
}

/// The session of Maya Patel, master administrator of Northwind, with the CSRF token `token-1`.
pub fn master_session() -> Session {
    Session {
        user: SessionUser {
            id: 1,
            name: "Maya Patel".into(),
            email: "maya@northwind.example".into(),
            roles: vec![Role::MasterAdministrator],
        },
        organization: Organization { id: 1, name: "Northwind".into() },
        csrf_token: "token-1".into(),
    }
}
