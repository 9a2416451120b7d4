//! Self-test of the harness in every browser, against static pages served from the test
//! itself: queries by role and name find what a person would find, and axe-core tells an
//! accessible page from a broken one.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use twostep_e2e::{Browser, BrowserKind, in_every_browser};

const ACCESSIBLE: &str = include_str!("fixtures/accessible.html");
const BROKEN: &str = include_str!("fixtures/broken.html");

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

in_every_browser!(
    finds_elements_by_role_and_name,
    a_missing_element_fails_listing_what_is_there,
    axe_tells_accessible_from_broken
);
