//! The catalogs of the languages other than English: static files (`/i18n/<tag>.json`, flat
//! objects of strings in the English catalog's order), fetched when the language is first
//! chosen and kept for the page's life. Only the active language travels: the wasm carries
//! English alone, and not even the keys: a catalog's texts are read in order, which `build.rs`
//! checks, and one that does not fit this build of the console is refused whole.

use std::cell::RefCell;

use super::{EN, Locale, Messages, shipped_texts};
use crate::api::fetch_text;

/// Why a language's words could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be fetched, or the server refused it.
    #[error("the catalog could not be fetched: {0}")]
    Fetch(String),
    /// The file is not a JSON object or array of strings.
    #[error("the catalog is not JSON text: {0}")]
    Unreadable(String),
    /// The file is from another version of the console (the server was updated after the
    /// page loaded): its texts do not fit this page's.
    #[error("the catalog is from another version of the console: it stops fitting at {0}")]
    Outdated(String),
}

thread_local! {
    /// The catalogs loaded so far, by position in [`Locale::ALL`].
    static LOADED: RefCell<[Option<&'static Messages>; Locale::ALL.len()]> =
        const { RefCell::new([None; Locale::ALL.len()]) };
}

/// The catalog of `locale`, when it is loaded (English always is).
pub fn loaded(locale: Locale) -> Option<&'static Messages> {
    if locale == Locale::En {
        return Some(&EN);
    }
    LOADED.with(|loaded| loaded.borrow()[locale.index()])
}

/// Reads the catalog file `json` of `locale`.
pub fn read(locale: Locale, json: &str) -> Result<Messages, LoadError> {
    Messages::from_texts(locale.tag(), parse(json)?).map_err(LoadError::Outdated)
}

/// Reads the catalog file `json` of `locale` and keeps it, unless one is kept already.
pub fn install(locale: Locale, json: &str) -> Result<&'static Messages, LoadError> {
    if let Some(messages) = loaded(locale) {
        return Ok(messages);
    }
    let messages: &'static Messages = Box::leak(Box::new(read(locale, json)?));
    LOADED.with(|loaded| loaded.borrow_mut()[locale.index()] = Some(messages));
    Ok(messages)
}

/// The shipped texts of a catalog file: as shipped (an array), or as written (an object,
/// turned into the same texts). The browser's own JSON reader costs the wasm nothing, and
/// object keys keep their order in JavaScript.
#[cfg(target_arch = "wasm32")]
fn parse(json: &str) -> Result<Vec<String>, LoadError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::js_sys::{Array, JSON, Object};
    let unreadable = || LoadError::Unreadable("not a JSON object or array of strings".to_owned());
    let parsed = JSON::parse(json).map_err(|_| unreadable())?;
    let texts = if Array::is_array(&parsed) {
        parsed.unchecked_into::<Array>().iter().map(|text| text.as_string()).collect()
    } else if parsed.is_object() {
        let entries = Object::entries(parsed.unchecked_ref());
        let entries = entries.iter().map(|entry| {
            let entry: Array = entry.unchecked_into();
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        });
        entries.collect::<Option<Vec<_>>>().map(shipped_texts)
    } else {
        None
    };
    texts.ok_or_else(unreadable)
}

/// The shipped texts of a catalog file (natively, for unit tests).
#[cfg(not(target_arch = "wasm32"))]
fn parse(json: &str) -> Result<Vec<String>, LoadError> {
    use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};

    struct InOrder;
    impl<'de> Visitor<'de> for InOrder {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object or array of strings")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::new();
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(shipped_texts(entries))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut texts = Vec::new();
            while let Some(text) = seq.next_element()? {
                texts.push(text);
            }
            Ok(texts)
        }
    }
    serde_json::Deserializer::from_str(json)
        .deserialize_any(InOrder)
        .map_err(|error| LoadError::Unreadable(error.to_string()))
}

/// The address of `locale`'s catalog, beside `config.json` at the site's root.
fn catalog_path(locale: Locale) -> String {
    format!("/i18n/{}.json", locale.tag())
}

/// The catalog of `locale`, fetched the first time.
pub async fn load(locale: Locale) -> Result<&'static Messages, LoadError> {
    if let Some(messages) = loaded(locale) {
        return Ok(messages);
    }
    let json = fetch_text(&catalog_path(locale)).await.map_err(LoadError::Fetch)?;
    install(locale, &json)
}
