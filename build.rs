//! Refuses a language catalog (`i18n/<tag>.json`) that does not match the English one
//! (`src/i18n/en.rs`): a key missing or unknown, a value that is not text, a placeholder
//! missing or unknown, a plural form the language's rules need missing or one it does not
//! have, and the product terms of `i18n/terms.json` (the exact words the product uses, and the
//! variants it does not). Every problem of every file is listed at once, with the English.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;

/// One key of the English catalog: its plural count placeholder, its other placeholders and
/// its English forms.
struct Entry {
    key: &'static str,
    count: Option<&'static str>,
    args: &'static [&'static str],
    english: &'static [&'static str],
}

macro_rules! catalog {
    ($( $(#[$doc:meta])* $key:ident $([$count:ident])? $(($($arg:ident),*))? : $value:tt ),* $(,)?) => {
        const ENTRIES: &[Entry] = &[$(
            Entry {
                key: stringify!($key),
                count: catalog!(@count $($count)?),
                args: &[$($(stringify!($arg)),*)?],
                english: catalog!(@forms $value),
            }
        ),*];
    };
    (@count $count:ident) => { Some(stringify!($count)) };
    (@count) => { None };
    (@forms { $($form:ident : $text:literal),* $(,)? }) => { &[$($text),*] };
    (@forms $text:literal) => { &[$text] };
}

include!("src/i18n/en.rs");

/// The CLDR cardinal plural categories of each language the app speaks.
const PLURALS: &[(&str, &[&str])] = &[
    ("fr", &["one", "many", "other"]),
    ("it", &["one", "many", "other"]),
    ("de", &["one", "other"]),
    ("es", &["one", "many", "other"]),
    ("pt-BR", &["one", "many", "other"]),
    ("nl", &["one", "other"]),
];

fn main() {
    println!("cargo::rerun-if-changed=src/i18n/en.rs");
    println!("cargo::rerun-if-changed=i18n");
    // The version of the keys: the console refuses a shipped catalog of another version.
    let keys: Vec<&str> = ENTRIES.iter().map(|entry| entry.key).collect();
    println!("cargo::rustc-env=TWOSTEP_CATALOG_ID={}", catalog_id(&keys));
    let mut problems = String::new();
    for (entry, english) in
        ENTRIES.iter().flat_map(|entry| entry.english.iter().map(move |text| (entry, text)))
    {
        check_placeholders(&mut problems, "en", entry.key, english, entry);
    }
    let terms = read_terms(&mut problems);
    for tag in terms.keys().filter(|tag| !PLURALS.iter().any(|(known, _)| known == tag)) {
        writeln!(problems, "i18n/terms.json: `{tag}` is not a language of the console").unwrap();
    }
    for (tag, categories) in PLURALS {
        let path = format!("i18n/{tag}.json");
        println!("cargo::rerun-if-changed={path}");
        match fs::read_to_string(&path) {
            Ok(json) => check_catalog(&mut problems, tag, categories, &json, terms.get(*tag)),
            Err(error) => writeln!(problems, "{path}: cannot be read: {error}").unwrap(),
        }
    }
    if !problems.is_empty() {
        panic!("the language catalogs do not match the English one (src/i18n/en.rs):\n{problems}");
    }
}

fn check_catalog(
    problems: &mut String,
    tag: &str,
    categories: &[&str],
    json: &str,
    terms: Option<&Terms>,
) {
    let texts: BTreeMap<String, serde_json::Value> = match serde_json::from_str(json) {
        Ok(texts) => texts,
        Err(error) => {
            writeln!(problems, "i18n/{tag}.json: not a JSON object: {error}").unwrap();
            return;
        }
    };
    let mut expected = BTreeSet::new();
    let mut order = Vec::new();
    for entry in ENTRIES {
        let keys: Vec<String> = match entry.count {
            None => vec![entry.key.to_owned()],
            Some(_) => {
                categories.iter().map(|category| format!("{}.{category}", entry.key)).collect()
            }
        };
        for key in keys {
            match texts.get(&key) {
                None => writeln!(
                    problems,
                    "i18n/{tag}.json: `{key}` is missing; in English: {:?}",
                    entry.english.last().unwrap()
                )
                .unwrap(),
                Some(serde_json::Value::String(text)) => {
                    check_text(problems, tag, &key, text, entry);
                }
                Some(other) => {
                    writeln!(problems, "i18n/{tag}.json: `{key}` must be a string, not {other}")
                        .unwrap()
                }
            }
            expected.insert(key.clone());
            order.push(key);
        }
    }
    // The console reads the texts in order, without their keys: the file's order must be the
    // English catalog's.
    let written: Vec<String> =
        keys_in_order(json).into_iter().filter(|key| expected.contains(key)).collect();
    let wanted: Vec<String> = order.into_iter().filter(|key| texts.contains_key(key)).collect();
    if let Some((at, (written, wanted))) =
        written.iter().zip(&wanted).enumerate().find(|(_, (a, b))| a != b)
    {
        writeln!(problems, "i18n/{tag}.json: the keys must follow the order of src/i18n/en.rs: entry {} is `{written}` where `{wanted}` belongs", at + 1).unwrap();
    }
    for key in texts.keys().filter(|key| !expected.contains(*key)) {
        writeln!(problems, "i18n/{tag}.json: `{key}` is not a key of the English catalog (or not a plural category of {tag})").unwrap();
    }
    if let Some(terms) = terms {
        check_terms(problems, tag, &texts, terms);
    }
}

fn check_text(problems: &mut String, tag: &str, key: &str, text: &str, entry: &Entry) {
    if text.trim().is_empty() {
        writeln!(problems, "i18n/{tag}.json: `{key}` is empty").unwrap();
    } else if text.trim() != text {
        writeln!(problems, "i18n/{tag}.json: `{key}` starts or ends with a space").unwrap();
    }
    check_placeholders(problems, tag, key, text, entry);
    if let Some(count) = entry.count.filter(|_| !key.ends_with(".one"))
        && !text.contains(&format!("{{{count}}}"))
    {
        writeln!(problems, "i18n/{tag}.json: `{key}` must show the number, {{{count}}}").unwrap();
    }
    if tag == "fr" {
        let spaced = [" :", " ;", " ?", " !", " »", "« "].iter().find(|pair| text.contains(*pair));
        if let Some(pair) = spaced {
            writeln!(problems, "i18n/fr.json: `{key}` has an ordinary space in {pair:?}; French typography wants a no-break space (U+00A0 or U+202F)").unwrap();
        }
        if text.contains('\'') {
            writeln!(problems, "i18n/fr.json: `{key}` has a straight apostrophe; write ’").unwrap();
        }
    }
}

/// The version of a list of keys: FNV-1a (64 bits) over the keys, each ended by a newline.
/// `cargo xtask` computes the same from a catalog file's keys (xtask/src/spa.rs).
fn catalog_id(keys: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in keys.iter().flat_map(|key| key.bytes().chain([b'\n'])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The keys of a flat JSON object of strings, in the order written: every other string of the
/// file, starting with the first.
fn keys_in_order(json: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut text = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    text.push(c);
                    text.extend(chars.next());
                }
                '"' => break,
                c => text.push(c),
            }
        }
        strings.push(text);
    }
    strings.into_iter().step_by(2).collect()
}

/// Every `{name}` of `text` must be a placeholder of the key, and every placeholder other
/// than the plural count must appear.
fn check_placeholders(problems: &mut String, tag: &str, key: &str, text: &str, entry: &Entry) {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            writeln!(problems, "{tag}: `{key}` has a `{{` that is not closed").unwrap();
            return;
        };
        found.insert(&after[..close]);
        rest = &after[close + 1..];
    }
    for name in &found {
        if !entry.args.contains(name) && entry.count != Some(*name) {
            writeln!(problems, "{tag}: `{key}` has the placeholder {{{name}}}, which the English does not have ({:?})", entry.english.last().unwrap()).unwrap();
        }
    }
    for arg in entry.args {
        if !found.contains(arg) {
            writeln!(
                problems,
                "{tag}: `{key}` lacks the placeholder {{{arg}}} ({:?})",
                entry.english.last().unwrap()
            )
            .unwrap();
        }
    }
}

/// A language's product terms: the exact text of some keys, and words that must not appear.
#[derive(Default)]
struct Terms {
    exact: BTreeMap<String, String>,
    forbid: Vec<String>,
}

fn read_terms(problems: &mut String) -> BTreeMap<String, Terms> {
    println!("cargo::rerun-if-changed=i18n/terms.json");
    let Ok(json) = fs::read_to_string("i18n/terms.json") else { return BTreeMap::new() };
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(value) => value,
        Err(error) => {
            writeln!(problems, "i18n/terms.json: not JSON: {error}").unwrap();
            return BTreeMap::new();
        }
    };
    let mut all = BTreeMap::new();
    for (tag, language) in value.as_object().into_iter().flatten() {
        let mut terms = Terms::default();
        for (key, text) in language.get("exact").and_then(|v| v.as_object()).into_iter().flatten() {
            terms.exact.insert(key.clone(), text.as_str().unwrap_or_default().to_owned());
        }
        for word in language.get("forbid").and_then(|v| v.as_array()).into_iter().flatten() {
            terms.forbid.push(word.as_str().unwrap_or_default().to_owned());
        }
        all.insert(tag.clone(), terms);
    }
    all
}

fn check_terms(
    problems: &mut String,
    tag: &str,
    texts: &BTreeMap<String, serde_json::Value>,
    terms: &Terms,
) {
    for (key, wanted) in &terms.exact {
        let text = texts.get(key).and_then(|v| v.as_str());
        if text != Some(wanted.as_str()) {
            writeln!(problems, "i18n/{tag}.json: `{key}` must read exactly {wanted:?} (the product's term), not {text:?}").unwrap();
        }
    }
    for (key, text) in texts {
        let text = text.as_str().unwrap_or_default();
        for word in
            terms.forbid.iter().filter(|word| !word.is_empty() && text.contains(word.as_str()))
        {
            writeln!(problems, "i18n/{tag}.json: `{key}` says {word:?}, which is not the product's term (see i18n/terms.json)").unwrap();
        }
    }
}
