//! Self-test of the harness in every browser, against static pages served from the test
//! itself: queries by role and name find what a person would find, and axe-core tells an
//! accessible page from a broken one; the keyboard reaches and changes what a person would,
//! and the browser's own prompts can be read and answered; tree views read as they are shown;
//! the layout check tells a page that fits a phone from one that sticks out or cuts text off,
//! and the language check finds the console's English words on a French page.

#![warn(missing_docs)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use twostep_e2e::layout::{NARROW, WIDE};
use twostep_e2e::{Browser, BrowserKind, Key, describe_tree, in_every_browser};

const ACCESSIBLE: &str = include_str!("fixtures/accessible.html");
const BROKEN: &str = include_str!("fixtures/broken.html");
const FORM: &str = include_str!("fixtures/form.html");
const TREE: &str = include_str!("fixtures/tree.html");
const FITS: &str = include_str!("fixtures/fits.html");
const OVERFLOWS: &str = include_str!("fixtures/overflows.html");
const ENGLISH: &str = include_str!("fixtures/english.html");

/// Serves the fixtures on a free port until the test process ends; returns the origin.
fn serve_fixtures() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port for the fixtures");
    let origin = format!("http://{}", listener.local_addr().expect("a bound address"));
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut request_line = String::new();
            let mut reader = BufReader::new(&stream);
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/");
            let (status, body) = match path {
                "/" => ("200 OK", ACCESSIBLE),
                "/broken" => ("200 OK", BROKEN),
                "/form" => ("200 OK", FORM),
                "/tree" => ("200 OK", TREE),
                "/fits" => ("200 OK", FITS),
                "/overflows" => ("200 OK", OVERFLOWS),
                "/english" => ("200 OK", ENGLISH),
                _ => ("404 Not Found", "<!doctype html><title>Not found</title>"),
            };
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|read| read > 2) {
                header.clear();
            }
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = (&stream).write_all(response.as_bytes());
        }
    });
    origin
}

fn finds_elements_by_role_and_name(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/"));

    let language = browser.execute("return navigator.language;", Vec::new());
    assert!(
        language.as_str().is_some_and(|language| language.starts_with("en")),
        "{kind} runs in {language}, not English"
    );

    browser.heading(1, "Sign in to the fixture");
    browser.by_role("banner", "");
    browser.by_role("navigation", "Sections");
    browser.by_role("main", "");
    browser.by_role("link", "Other page");
    browser.by_role("button", "Close the notice");
    assert_eq!(browser.count_by_role("button", "Hidden button"), 0, "hidden buttons are not found");
    assert_eq!(browser.count_by_role("button", "Sign in"), 1, "visible buttons are counted");

    browser.by_role("textbox", "Email").fill("maya@northwind.example");
    let password = browser.by_role("textbox", "Password");
    password.fill("secret");
    assert_eq!(password.property("value").as_deref(), Some("secret"));
    browser.by_role("button", "Sign in").click();
    browser.by_role_with_text("alert", "Signed in as maya@northwind.example.");

    browser.by_role("button", "Appears later").click();

    browser.by_role("combobox", "Language").select_option("Français");
    browser.heading(1, "Connexion à la page de test");
    browser.text_visible("Connexion à la page de test");
    browser.assert_text_absent("Sign in to the fixture");
}

fn a_missing_element_fails_listing_what_is_there(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/"));
    browser.set_query_timeout(Duration::from_secs(1));
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        browser.by_role("button", "Sign out");
    }))
    .expect_err("a missing button must fail the query");
    let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("\"Sign in\"") && message.contains("\"Close the notice\""),
        "{kind}: the failure must list the buttons that are there, said: {message}"
    );
}

fn axe_tells_accessible_from_broken(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/"));
    browser.heading(1, "Sign in to the fixture");
    browser.assert_axe_clean("the accessible fixture");

    browser.goto(&format!("{origin}/broken"));
    let violations = browser.axe_violations();
    let label = violations.iter().find(|violation| violation.id == "label");
    assert!(
        label.is_some_and(|label| label.targets.iter().any(|target| target == "#unlabelled")),
        "{kind}: axe must report the unlabelled input, reported {violations:?}"
    );
}

fn keyboard_alone_fills_the_form(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/form"));
    browser.heading(1, "Keyboard fixture");

    // Tab enters a radio group on its checked button; arrow keys move and check.
    browser.tab_to("radio", "Green", 5);
    browser.press(Key::Up);
    browser.assert_focused("radio", "Red");
    assert!(browser.by_role("radio", "Red").is_checked(), "{kind}: Up checks the previous radio");
    assert!(!browser.by_role("radio", "Green").is_checked(), "{kind}: and unchecks the other");
    assert!(browser.focused_element().is_checked(), "{kind}: the focused radio is checked");
    let colour = browser.by_role("group", "Colour");
    assert!(colour.by_role("radio", "Red").is_checked(), "{kind}: found inside its group");

    browser.tab_to("button", "Save", 3);
    browser.press(Key::Enter);
    browser.heading(2, "Save this colour?");
    browser.assert_focused("button", "No");
    browser.press(Key::Escape);
    assert_eq!(browser.count_by_role("heading", "Save this colour?"), 0, "{kind}: Escape closes");
    browser.assert_focused("button", "Save");

    browser.press(Key::Enter);
    browser.assert_focused("button", "No");
    assert_eq!(browser.focus_with_keyboard("button", "Yes, save", 3), 1, "{kind}: one Shift+Tab");
    browser.press(Key::Space);
    browser.by_role_with_text("status", "Saved Red.");
}

fn prompts_are_read_and_answered(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/form"));
    browser.heading(1, "Keyboard fixture");
    assert!(!browser.prompt_is_open(), "{kind}: no prompt at first");

    browser.by_role("link", "Leave").click();
    assert_eq!(browser.prompt_text(), "Leave this page?");
    browser.dismiss_prompt();
    assert!(!browser.prompt_is_open(), "{kind}: Cancel closes the prompt");
    browser.heading(1, "Keyboard fixture");
    browser.wait_for_path("/form");

    browser.tab_to("link", "Leave", 10);
    browser.press(Key::Enter);
    assert_eq!(browser.prompt_text(), "Leave this page?");
    browser.accept_prompt();
    browser.heading(1, "Sign in to the fixture");
    browser.wait_for_path("/");
}

fn tree_views_are_read_as_shown(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/tree"));
    browser.heading(1, "Tree fixture");
    assert!(browser.tree_items("Vegetables").is_empty(), "{kind}: no such tree");

    let items = browser.tree_items("Fruit");
    let shown: Vec<(&str, u32, Option<bool>, bool)> = items
        .iter()
        .map(|item| (item.name.as_str(), item.level, item.expanded, item.tab_stop))
        .collect();
    assert_eq!(
        shown,
        [
            ("Citrus Lemon Orange 3 in season", 1, Some(true), true),
            ("Lemon", 2, None, false),
            ("Orange 3 in season", 2, None, false),
            ("Berries", 1, Some(false), false),
        ],
        "{kind}: visible items in order, named as assistive technology names them"
    );
    assert!(items[2].is("Orange") && !items[2].is("Oran"), "{kind}: labels before badges");
    assert!(items.iter().all(|item| !item.selected && !item.focused), "{kind}: nothing selected");

    // An item that nests its children is clicked on its own row, not in the middle of them.
    browser.tree_item("Fruit", "Berries").click();
    let items = browser.wait_for_tree("Fruit", "Berries open", |items| items.len() == 5);
    assert!(items[3].is("Berries") && items[3].selected, "{kind}: {}", describe_tree(&items));
    assert_eq!((items[4].name.as_str(), items[4].level), ("Strawberry", 2), "{kind}");
}

fn layout_check_tells_fitting_from_overflowing(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/fits"));
    browser.set_window_size(WIDE.0, WIDE.1);
    browser.assert_layout_holds("the fixture that fits");
    if kind == BrowserKind::Chromium {
        // Firefox and WebKit keep a window at least about 450 px wide.
        browser.assert_layout_holds_at(&[NARROW], "the fixture that fits");
        let width = browser.execute("return document.documentElement.clientWidth;", Vec::new());
        assert_eq!(width, 360, "{kind}: the narrow window is 360 px wide inside");
        browser.set_window_size(WIDE.0, WIDE.1);
    }

    browser.goto(&format!("{origin}/overflows"));
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        browser.assert_layout_holds("the fixture that overflows");
    }))
    .expect_err("a page wider than its window must fail the check");
    let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
    for expected in [
        "the page is",
        "<span.long> \"Verifizierungsmethoden",
        "<p.clipped> \"Zweistufige Verifizierung",
        "hides",
    ] {
        assert!(message.contains(expected), "{kind}: the failure names {expected:?}: {message}");
    }
}

fn language_check_finds_english(kind: BrowserKind) {
    let origin = serve_fixtures();
    let browser = Browser::launch(kind);
    browser.goto(&format!("{origin}/english"));
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        browser.assert_no_english("fr", "the fixture with English in it");
    }))
    .expect_err("English words of the console on a French page must fail the check");
    let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
    let found: Vec<&str> = message.lines().filter(|line| line.starts_with("- ")).collect();
    for english in [
        "\"Sign out\" (text in <button>",
        "\"Search groups\" (placeholder of <input>",
        "\"Organization sections\" (aria-label of <nav>",
        "\"Select a technician group in the organization tree to manage it.\" (text of <p>",
    ] {
        assert!(
            found.iter().any(|line| line.contains(english)),
            "{kind}: the check must report {english}, said: {message}"
        );
    }
    let allowed =
        ["Twostep Admin", "Tier 1", "maya@", "1 234", "\"English\"", "UTC", "\"Sign in\""];
    for allowed in allowed {
        assert!(
            !found.iter().any(|line| line.contains(allowed)),
            "{kind}: names, addresses, numbers, a time's title and hidden text pass: {message}"
        );
    }
}

in_every_browser!(
    finds_elements_by_role_and_name,
    a_missing_element_fails_listing_what_is_there,
    axe_tells_accessible_from_broken,
    keyboard_alone_fills_the_form,
    prompts_are_read_and_answered,
    tree_views_are_read_as_shown,
    layout_check_tells_fitting_from_overflowing,
    language_check_finds_english,
);
