#![cfg(target_arch = "wasm32")]
//! Every language's catalog, read as the console reads it once fetched: complete, with every
//! plural form filled in for any count, and numbers written as that language writes them.

#![warn(missing_docs)]

mod support;

use twostep_admin::i18n::{CATALOG_ID, EN, LoadError, Locale, install, read};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FILES: [(Locale, &str); 6] = [
    (Locale::Fr, include_str!("../i18n/fr.json")),
    (Locale::It, include_str!("../i18n/it.json")),
    (Locale::De, include_str!("../i18n/de.json")),
    (Locale::Es, include_str!("../i18n/es.json")),
    (Locale::Pt, include_str!("../i18n/pt-BR.json")),
    (Locale::Nl, include_str!("../i18n/nl.json")),
];

#[wasm_bindgen_test]
fn every_catalog_fits_and_a_file_that_does_not_is_refused_whole() {
    let (locale, french) = FILES[0];
    let line = french.lines().find(|line| line.contains("\"language\":")).unwrap();
    let one_short = french.replacen(&format!("{line}\n"), "", 1);
    assert_eq!(one_short.lines().count() + 1, french.lines().count());
    assert!(matches!(read(locale, &one_short), Err(LoadError::Outdated(_))));
    for misfit in ["[]", "{}", "[\"Se connecter\"]"] {
        assert!(matches!(read(locale, misfit), Err(LoadError::Outdated(_))), "{misfit}");
    }
    for broken in ["{\"sign_in\": 3}", "not JSON", "3"] {
        assert!(matches!(read(locale, broken), Err(LoadError::Unreadable(_))), "{broken}");
    }
    // As shipped: the version of the keys, then the texts alone, in order.
    let texts = french
        .lines()
        .filter_map(|line| line.split_once("\": "))
        .map(|(_, text)| serde_json::from_str::<String>(text.trim_end_matches(',')).unwrap());
    let shipped: Vec<String> = std::iter::once(CATALOG_ID.to_owned()).chain(texts).collect();
    let mut other_version = shipped.clone();
    other_version[0] = "0000".to_owned();
    let other_version = serde_json::to_string(&other_version).unwrap();
    assert!(matches!(read(locale, &other_version), Err(LoadError::Outdated(_))));
    let shipped = serde_json::to_string(&shipped).unwrap();
    let from_texts = read(locale, &shipped).expect("the shipped form");
    let from_keys = read(locale, french).expect("the keyed form");
    assert_eq!(from_texts.technician_count(1_000_000), from_keys.technician_count(1_000_000));
    assert_eq!(from_texts.language_outdated("X"), from_keys.language_outdated("X"), "the last");
    for (locale, json) in FILES {
        let t = install(locale, json).unwrap_or_else(|error| panic!("{locale:?}: {error}"));
        assert_eq!(t.tag, locale.tag());
        assert_ne!(t.sign_in, EN.sign_in, "{locale:?} has its own words");
    }
}

#[wasm_bindgen_test]
fn plurals_and_values_fill_in_for_any_count() {
    for locale in Locale::ALL {
        let t = support::catalog(locale);
        for count in [0, 1, 2, 5, 21, 1_000, 1_000_000] {
            for text in [
                t.technician_count(count),
                t.members_reset_text(count),
                t.members_reset_done(count),
                t.members_showing(count, "1", "50"),
                t.error_wrong_code(count),
                t.reset_dialog_text(count, "SMS", "Email"),
                t.group_impact_require(count),
            ] {
                assert!(!text.contains(['{', '}']), "{locale:?} {count}: {text}");
                assert!(text.contains(&t.number(count)) || count <= 1, "{locale:?}: {text}");
            }
        }
        assert!(t.revision("3").contains('3'));
    }
}

#[wasm_bindgen_test]
fn numbers_and_plurals_follow_each_language() {
    let shown = |locale| support::catalog(locale).number(1_234_567);
    assert_eq!(shown(Locale::En), "1,234,567");
    assert_eq!(shown(Locale::Fr), "1\u{202f}234\u{202f}567");
    for locale in [Locale::De, Locale::It, Locale::Es, Locale::Pt, Locale::Nl] {
        assert_eq!(shown(locale), "1.234.567", "{locale:?}");
    }
    let fr = support::catalog(Locale::Fr);
    assert_eq!(fr.technician_count(0), "0 technicien", "zero is singular in French");
    assert_eq!(fr.technician_count(2), "2 techniciens");
    assert_eq!(fr.technician_count(1_000_000), "1\u{202f}000\u{202f}000 de techniciens");
    assert_eq!(EN.technician_count(0), "0 technicians");
    let de = support::catalog(Locale::De);
    assert_eq!(de.wait(Some(30), de.wait_few_minutes), "30 Sekunden");
    assert_eq!(de.wait(Some(61), de.wait_few_minutes), "2 Minuten");
    assert_eq!(EN.wait(Some(1), EN.wait_few_seconds), "1 second");
}

#[wasm_bindgen_test]
fn times_read_in_the_persons_zone_with_utc_beside() {
    use twostep_admin::i18n::intl::TimeStyle;
    let at = "2026-03-04T12:20:59Z";
    let de = support::catalog(Locale::De);
    assert_eq!(de.time(at, TimeStyle::Date), "04.03.2026");
    assert_eq!(EN.time(at, TimeStyle::Date), "Mar 4, 2026");
    let utc = de.time(at, TimeStyle::MinuteUtc);
    assert!(utc.contains("12:20") && utc.ends_with("UTC"), "{utc}");
    assert!(EN.time(at, TimeStyle::MinuteUtc).ends_with("UTC"));
    let local = EN.time(at, TimeStyle::Minute);
    assert!(local.starts_with("Mar 4, 2026") || local.starts_with("Mar 5, 2026"), "{local}");
    assert_eq!(EN.time("soon", TimeStyle::Minute), "soon", "what is not a time shows as sent");
}
