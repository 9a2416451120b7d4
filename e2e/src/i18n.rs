//! The console's words in each language, read from the sources the console is built from: the
//! English catalog in `src/i18n/en.rs` (through this crate's own `catalog!` macro, so that the
//! suite does not depend on the console's crate) and the others in `i18n/<tag>.json`. The
//! tests find elements by their names in the language shown ([`Catalog::text`]), and
//! [`Browser::assert_no_english`] fails on a page that shows an English text that the
//! language's catalog does not also hold.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use crate::browser::Browser;
use crate::workspace_root;

mod english {
    /// Every English text of the console: each key with its forms, named by plural category
    /// (`one`, `other`), or by `""` for a plain text or a template.
    pub(super) type Entry = (&'static str, &'static [(&'static str, &'static str)]);

    /// Turns the catalog's single source into [`ENGLISH`]; the doc comments are for
    /// translators and are dropped here.
    macro_rules! catalog {
        ($($(#[$doc:meta])* $key:ident $([$count:ident])? $(($($arg:ident),*))? : $value:tt),* $(,)?) => {
            pub(super) const ENGLISH: &[Entry] = &[$((stringify!($key), catalog!(@forms $value))),*];
        };
        (@forms { $($category:ident : $form:literal),* $(,)? }) => {
            &[$((stringify!($category), $form)),*]
        };
        (@forms $text:literal) => { &[("", $text)] };
    }

    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/../src/i18n/en.rs"));
}

/// Names and words that are the same in every language: the product's and the methods' names,
/// the language names in the picker, and the demo organizations, groups and people.
const ALLOWED: &[&str] = &[
    "Twostep Admin",
    "LastPass Authenticator",
    "Google Authenticator",
    "TOTP",
    "SMS",
    "2SV",
    "English",
    "Français",
    "Italiano",
    "Deutsch",
    "Español",
    "Português",
    "Nederlands",
    "Northwind Support",
    "Contoso Helpdesk",
    "Tier 1",
    "Tier 2",
    "EMEA",
    "Americas",
    "Field Services",
    "Helpdesk",
    "Maya Patel",
    "Leo Martin",
    "Inès Duarte",
    "Priya Raman",
    "Sam Okafor",
    "Ana Lima",
];

/// How long an English sentence must be to be looked for inside longer texts: long enough not
/// to be a word that another language shares.
const SENTENCE: usize = 24;

/// One language's catalog: every key (a plural's forms as `key.one`, `key.many`, `key.other`)
/// with its text, placeholders such as `{count}` unfilled.
#[derive(Debug)]
pub struct Catalog {
    tag: String,
    texts: BTreeMap<String, String>,
}

impl Catalog {
    /// The English catalog, as `src/i18n/en.rs` writes it.
    pub fn english() -> &'static Catalog {
        Self::load("en")
    }

    /// The catalog of the language tagged `tag` (`en`, `fr`, `pt-BR`, ...): English from
    /// `src/i18n/en.rs`, the others from `i18n/<tag>.json`. Read once per test binary.
    ///
    /// # Panics
    /// If the file is missing or not a flat object of strings.
    pub fn load(tag: &str) -> &'static Catalog {
        static LOADED: OnceLock<Mutex<HashMap<String, &'static Catalog>>> = OnceLock::new();
        let mut loaded =
            LOADED.get_or_init(Mutex::default).lock().unwrap_or_else(|e| e.into_inner());
        loaded.entry(tag.to_owned()).or_insert_with(|| Box::leak(Box::new(Self::read(tag))))
    }

    fn read(tag: &str) -> Catalog {
        let texts = if tag == "en" {
            english::ENGLISH
                .iter()
                .flat_map(|(key, forms)| {
                    forms.iter().map(move |(category, text)| {
                        let name = if category.is_empty() {
                            (*key).to_owned()
                        } else {
                            format!("{key}.{category}")
                        };
                        (name, (*text).to_owned())
                    })
                })
                .collect()
        } else {
            let path = workspace_root().join(format!("i18n/{tag}.json"));
            let json = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            let object: BTreeMap<String, Value> = serde_json::from_str(&json)
                .unwrap_or_else(|error| panic!("{} is not a JSON object: {error}", path.display()));
            object
                .into_iter()
                .map(|(key, value)| match value {
                    Value::String(text) => (key, text),
                    other => panic!("{}: {key} is {other}, not a string", path.display()),
                })
                .collect()
        };
        Catalog { tag: tag.to_owned(), texts }
    }

    /// The language's tag, such as `fr` or `pt-BR`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The text of `key` (a plural form as `key.other`), placeholders unfilled.
    ///
    /// # Panics
    /// If the catalog has no such key.
    #[track_caller]
    pub fn text(&self, key: &str) -> &str {
        self.texts.get(key).unwrap_or_else(|| panic!("the {} catalog has no key {key:?}", self.tag))
    }

    /// The text of `key` with its placeholders filled: `("revision", "3")` for `{revision}`.
    ///
    /// # Panics
    /// If the catalog has no such key.
    #[track_caller]
    pub fn fill(&self, key: &str, arguments: &[(&str, &str)]) -> String {
        arguments.iter().fold(self.text(key).to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    }

    /// Every text of the catalog.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.texts.values().map(String::as_str)
    }

    /// Whether `shown` is one of this catalog's texts, or one of its templates filled in.
    fn holds(&self, shown: &str) -> bool {
        self.texts().any(|text| text == shown || Template::new(text).matches(shown))
    }

    /// Whether `sentence` appears in one of this catalog's texts.
    fn contains(&self, sentence: &str) -> bool {
        self.texts().any(|text| text.contains(sentence))
    }
}

/// A catalog text as a pattern: its words, with a placeholder standing for at least one
/// character (the regular expression `^…(.+?)…$`).
struct Template<'t> {
    literals: Vec<&'t str>,
}

impl<'t> Template<'t> {
    fn new(text: &'t str) -> Self {
        let mut literals = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            literals.push(&rest[..open]);
            rest = &rest[open + close + 1..];
        }
        literals.push(rest);
        Self { literals }
    }

    fn has_placeholders(&self) -> bool {
        self.literals.len() > 1
    }

    /// Whether its words are enough to tell it from any other text: four letters at least,
    /// so that `{name} ({role})` does not match every name in brackets.
    fn is_telling(&self) -> bool {
        self.literals
            .iter()
            .flat_map(|literal| literal.chars())
            .filter(|c| c.is_alphabetic())
            .count()
            >= 4
    }

    /// Whether `shown` is this template with every placeholder filled with something.
    fn matches(&self, shown: &str) -> bool {
        if !self.has_placeholders() || !self.is_telling() {
            return false;
        }
        let (first, rest) = self.literals.split_first().expect("one literal at least");
        let (last, middle) = rest.split_last().expect("a placeholder has a literal after it");
        let Some(mut rest) = shown.strip_prefix(first) else { return false };
        for literal in middle {
            // At least one character for the placeholder before it, then its leftmost place.
            let Some(skip) = rest.chars().next().map(char::len_utf8) else { return false };
            let Some(found) = rest[skip..].find(literal) else { return false };
            rest = &rest[skip + found + literal.len()..];
        }
        rest.len() > last.len() && rest.ends_with(last)
    }
}

/// Why `shown` is English that `language` does not share, if it is.
fn english_in(shown: &str, language: &Catalog) -> Option<String> {
    let mut remainder = shown.to_owned();
    for allowed in ALLOWED {
        remainder = remainder.replace(allowed, " ");
    }
    let remainder: String = remainder
        .split_whitespace()
        .filter(|word| !word.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    if !remainder.chars().any(char::is_alphabetic) || language.holds(shown) {
        return None;
    }
    let english = Catalog::english();
    for (key, text) in &english.texts {
        let template = Template::new(text);
        if text == shown && !template.has_placeholders() {
            return Some(format!("the English text of {key}"));
        }
        if template.matches(shown) {
            return Some(format!("the English template of {key}: {text:?}"));
        }
    }
    for (key, text) in &english.texts {
        for sentence in Template::new(text).literals {
            let sentence = sentence.trim();
            if sentence.chars().count() >= SENTENCE
                && shown.contains(sentence)
                && !language.contains(sentence)
            {
                return Some(format!("English from {key}: {sentence:?}"));
            }
        }
    }
    None
}

impl Browser {
    /// Fails if the current page shows English in the language tagged `tag`: a text (visible,
    /// or read to screen readers: `aria-label`, `placeholder`, `alt`, `title` except on a
    /// `<time>`, an option of a `<select>`, the document's title) that is an English text of
    /// the console, or one of its templates filled in, or that contains an English sentence
    /// of 24 characters or more; unless the language's catalog holds the same text (some words
    /// are the same in both). The names of the product, the methods, the languages and the
    /// demo data, email addresses and numbers are allowed. A server's own explanation under
    /// an alert (`.problem-detail`, in the server's English) fails it too. `what` names the page in the
    /// message, which lists every English text found, with its key and where it is.
    ///
    /// # Panics
    /// If there is English, or the catalogs cannot be read.
    #[track_caller]
    pub fn assert_no_english(&self, tag: &str, what: &str) {
        let language = Catalog::load(tag);
        let page = self.execute(include_str!("js/page_texts.js"), Vec::new());
        let mut found = Vec::new();
        for list in ["texts", "blocks"] {
            for entry in page[list].as_array().into_iter().flatten() {
                let (Some(shown), Some(place)) = (entry[0].as_str(), entry[1].as_str()) else {
                    continue;
                };
                if let Some(why) = english_in(shown, language) {
                    let line = format!("{shown:?} ({place}; {why})");
                    if !found.contains(&line) {
                        found.push(line);
                    }
                }
            }
        }
        if tag != "en" {
            for detail in page["details"].as_array().into_iter().flatten() {
                found.push(format!(
                    "{detail} (a server's own explanation, which only English shows)"
                ));
            }
        }
        assert!(
            found.is_empty(),
            "{}: {what} in {tag} shows {} English text(s) at {}:\n- {}",
            self.kind(),
            found.len(),
            self.current_url(),
            found.join("\n- ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Template;

    #[test]
    fn a_template_matches_its_filled_texts_only() {
        let template = Template::new("{count} members must set it up again");
        assert!(template.matches("12 members must set it up again"));
        assert!(!template.matches(" members must set it up again"));
        assert!(!template.matches("12 membres doivent la configurer"));
        let middle = Template::new("From {old} to {new}: done");
        assert!(middle.matches("From SMS to Email: done"));
        assert!(middle.matches("From a to b to c: done"));
        assert!(!middle.matches("From  to : done"));
        assert!(!Template::new("{name} ({role})").matches("Maya (Admin)"));
        assert!(!Template::new("Members").matches("Members"));
    }
}
