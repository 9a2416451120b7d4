//! Every user-visible string, per language, and the locale the person reads them in.
//!
//! English is compiled in ([`EN`], from `i18n/en.rs`), and it defines the keys: `build.rs`
//! refuses a catalog of another language (`i18n/<tag>.json`, fetched when chosen, see
//! [`load`]) that lacks one, or whose values, plural forms or product terms do not match.
//! Numbers, plurals and times follow the language through the browser's `Intl` ([`intl`]).
//! Views read the current catalog through [`use_t`], reactively, so changing the locale
//! re-renders every string at once.

pub mod intl;
mod load;
mod messages;

use leptos::prelude::*;

pub use load::{LoadError, install, load, loaded, read};
pub use messages::{CATALOG_ID, EN, Forms, Messages, shipped_texts};

/// One string of the catalog, chosen once and read in the current language: `|t| t.members`.
pub type Text = fn(&Messages) -> &'static str;

/// The `localStorage` key under which the person's choice of language is kept.
pub const STORAGE_KEY: &str = "twostep.locale";

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English, also the fallback.
    #[default]
    En,
    /// French.
    Fr,
    /// Italian.
    It,
    /// German.
    De,
    /// Spanish.
    Es,
    /// Portuguese, as written in Brazil.
    Pt,
    /// Dutch.
    Nl,
}

impl Locale {
    /// Every supported locale, in the order the language picker lists them (the original
    /// product's order).
    pub const ALL: [Locale; 7] =
        [Locale::En, Locale::Fr, Locale::It, Locale::De, Locale::Es, Locale::Pt, Locale::Nl];

    /// The BCP 47 tag, for `<html lang>`, for storage and for the catalog's file name.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::It => "it",
            Locale::De => "de",
            Locale::Es => "es",
            Locale::Pt => "pt-BR",
            Locale::Nl => "nl",
        }
    }

    /// The language's name in that language, as the picker shows it.
    pub const fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
            Locale::It => "Italiano",
            Locale::De => "Deutsch",
            Locale::Es => "Español",
            Locale::Pt => "Português",
            Locale::Nl => "Nederlands",
        }
    }

    /// The position of the locale in [`Locale::ALL`].
    const fn index(self) -> usize {
        self as usize
    }

    /// The catalog of the locale: English until the locale's own is loaded.
    pub fn messages(self) -> &'static Messages {
        loaded(self).unwrap_or(&EN)
    }

    /// The locale of a language tag such as `fr`, `fr-CA`, `pt-PT` or `EN-gb`, if its language
    /// is supported.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        fn primary(tag: &str) -> &str {
            tag.trim().split(['-', '_']).next().unwrap_or_default()
        }
        let wanted = primary(tag);
        Locale::ALL.into_iter().find(|locale| wanted.eq_ignore_ascii_case(primary(locale.tag())))
    }
}

/// Chooses the locale: a saved, supported choice wins; otherwise the first supported language
/// of the browser's preferences; otherwise English.
pub fn negotiate<'a>(saved: Option<&str>, preferred: impl IntoIterator<Item = &'a str>) -> Locale {
    saved
        .and_then(Locale::from_tag)
        .or_else(|| preferred.into_iter().find_map(Locale::from_tag))
        .unwrap_or_default()
}

/// The locale for this browser: the saved choice, else `navigator.languages`. Its words may
/// still need loading ([`load`]).
pub fn browser_locale() -> Locale {
    let window = window();
    let saved = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    let preferred: Vec<String> =
        window.navigator().languages().iter().filter_map(|language| language.as_string()).collect();
    negotiate(saved.as_deref(), preferred.iter().map(String::as_str))
}

/// The current locale, shared with every view.
#[derive(Clone, Copy, Debug)]
pub struct LocaleContext(RwSignal<Locale>);

impl LocaleContext {
    /// The current locale (reactive).
    pub fn get(&self) -> Locale {
        self.0.get()
    }

    /// The current locale, without following it (for event handlers).
    pub fn get_untracked(&self) -> Locale {
        self.0.get_untracked()
    }

    /// Switches every string to `locale`, whose words are loaded ([`load`]; English when
    /// they are not), marks the document with its language and remembers the choice in this
    /// browser.
    pub fn set(&self, locale: Locale) {
        let locale = if loaded(locale).is_some() { locale } else { Locale::En };
        self.0.set(locale);
        mark_document_language(locale);
        if let Ok(Some(storage)) = window().local_storage() {
            // A browser that refuses storage (private mode, quota) still switches for now.
            let _ = storage.set_item(STORAGE_KEY, locale.tag());
        }
    }
}

/// Makes `initial` the current locale for the views created under the calling owner; its
/// words must be loaded (English when they are not).
pub fn provide_locale(initial: Locale) -> LocaleContext {
    let initial = if loaded(initial).is_some() { initial } else { Locale::En };
    let context = LocaleContext(RwSignal::new(initial));
    mark_document_language(initial);
    provide_context(context);
    context
}

/// The current locale. Panics outside [`provide_locale`], which is a programming error.
pub fn use_locale() -> LocaleContext {
    expect_context::<LocaleContext>()
}

/// A reader of the current catalog: `t().sign_in` in a reactive closure follows the locale.
pub fn use_t() -> impl Fn() -> &'static Messages + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || locale.get().messages()
}

/// A reactive reader of one string of the current catalog: `tr(|t| t.sign_in)` in a view
/// follows the locale.
///
/// Every string read this way has the same closure type, so the views share one copy of the
/// code that renders and updates it, where `move || t().sign_in` would make a type, and a
/// copy of that code in the wasm, per string.
pub fn tr(
    key: fn(&Messages) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || key(locale.get().messages())
}

fn mark_document_language(locale: Locale) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", locale.tag());
    }
}
