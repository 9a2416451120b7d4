//! Real browsers driven over W3C WebDriver, each with its own driver process.

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::http;
use crate::process::{ChildGuard, OutputTail, VirtualDisplay, free_port};
use crate::wait::wait_until;
use crate::workspace_root;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WEBKIT_WEBDRIVER: &str = "/usr/bin/WebKitWebDriver";
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const DRIVER_READY_TIMEOUT: Duration = Duration::from_secs(20);
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
const WINDOW: (u32, u32) = (1280, 1024);

/// The three browser engines the console is tested in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserKind {
    /// Chromium (Blink), through `chromedriver`.
    Chromium,
    /// Firefox ESR (Gecko), through `geckodriver`.
    Firefox,
    /// WebKitGTK's MiniBrowser (Safari's engine), through `WebKitWebDriver` on an Xvfb display.
    WebKit,
}

impl fmt::Display for BrowserKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Chromium => "Chromium",
            Self::Firefox => "Firefox",
            Self::WebKit => "WebKit",
        })
    }
}

/// One browser session in a fresh profile, with the WebDriver process (and, for WebKit, the
/// X display) behind it. Dropping it ends the session and every process it started, also when
/// the test panicked; a panicking test additionally gets a screenshot in
/// `target/e2e-artifacts/` and the page's URL and text on stderr.
pub struct Browser {
    kind: BrowserKind,
    pub(crate) client: Option<Client>,
    pub(crate) query_timeout: std::cell::Cell<Duration>,
    runtime: tokio::runtime::Runtime,
    driver_url: String,
    driver_log: OutputTail,
    _driver: ChildGuard,
    _display: Option<VirtualDisplay>,
    _profile: Option<tempfile::TempDir>,
}

impl fmt::Debug for Browser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Browser").field("kind", &self.kind).finish_non_exhaustive()
    }
}

impl Browser {
    /// Starts the driver for `kind` on a free port, waits until it is ready and opens a
    /// session in English with a 1280×1024 window.
    ///
    /// # Panics
    /// If the browser or its driver is missing (the message says how to install it) or does
    /// not start.
    pub fn launch(kind: BrowserKind) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("cannot build a Tokio runtime");
        let port = free_port();
        let Driver { mut command, capabilities, display, profile } = Driver::prepare(kind, port);
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut driver = ChildGuard::spawn(&format!("the {kind} WebDriver"), &mut command)
            .unwrap_or_else(|error| panic!("{error}; run `cargo xtask test`, which installs it"));
        let driver_log = OutputTail::default();
        driver_log.drain(driver.take_stdout().expect("piped stdout"), |_| {});
        driver_log.drain(driver.take_stderr().expect("piped stderr"), |_| {});
        let driver_url = format!("http://127.0.0.1:{port}");
        wait_until_ready(&runtime, kind, &driver_url, &mut driver, &driver_log);

        let session = within(
            &runtime,
            SESSION_TIMEOUT,
            ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities)
                .connect(&driver_url),
        );
        let client = match session {
            Some(Ok(client)) => client,
            Some(Err(error)) => {
                panic!("the {kind} WebDriver refused a session: {error}\n{}", driver_log.text())
            }
            None => panic!(
                "the {kind} WebDriver did not open a session within {SESSION_TIMEOUT:?}\n{}",
                driver_log.text()
            ),
        };
        let browser = Self {
            kind,
            client: Some(client),
            query_timeout: std::cell::Cell::new(crate::query::WAIT),
            runtime,
            driver_url,
            driver_log,
            _driver: driver,
            _display: display,
            _profile: profile,
        };
        if kind != BrowserKind::Chromium {
            // Chromium gets its size from a flag; the others accept it from WebDriver.
            let _ = browser
                .within(COMMAND_TIMEOUT, browser.client().set_window_size(WINDOW.0, WINDOW.1));
        }
        browser
    }

    /// Which browser this is.
    pub fn kind(&self) -> BrowserKind {
        self.kind
    }

    /// Changes how long queries such as [`Browser::by_role`] wait (ten seconds by default).
    pub fn set_query_timeout(&self, timeout: Duration) {
        self.query_timeout.set(timeout);
    }

    /// Opens `url` and waits for the page's load event.
    ///
    /// # Panics
    /// If the browser cannot navigate.
    #[track_caller]
    pub fn goto(&self, url: &str) {
        self.command(&format!("open {url}"), self.client().goto(url));
    }

    /// Reloads the current page.
    ///
    /// # Panics
    /// If the browser cannot reload.
    #[track_caller]
    pub fn reload(&self) {
        self.command("reload", self.client().refresh());
    }

    /// Goes back one page in the session's history, like the browser's Back button.
    ///
    /// # Panics
    /// If the browser cannot go back.
    #[track_caller]
    pub fn back(&self) {
        self.command("go back", self.client().back());
    }

    /// Goes forward one page in the session's history, like the browser's Forward button.
    ///
    /// # Panics
    /// If the browser cannot go forward.
    #[track_caller]
    pub fn forward(&self) {
        self.command("go forward", self.client().forward());
    }

    /// Resizes the window so that the page's viewport is `width` × `height` CSS pixels, as far
    /// as the browser allows: the window is sized once, and once more by what its own frame
    /// takes (WebKit's MiniBrowser has a toolbar). See [`crate::layout::WIDE`] and
    /// [`crate::layout::NARROW`].
    ///
    /// # Panics
    /// If the browser refuses to resize, or the viewport still is not `width` wide after:
    /// Firefox keeps a window at least 500 px wide and WebKit about 450 px, so only Chromium
    /// shows a phone's 360 px.
    #[track_caller]
    pub fn set_window_size(&self, width: u32, height: u32) {
        let viewport = || {
            let size = self.execute("return [window.innerWidth, window.innerHeight];", vec![]);
            let side = |i: usize| u32::try_from(size[i].as_u64().unwrap_or_default()).unwrap_or(0);
            (side(0), side(1))
        };
        let resize = |w: u32, h: u32| {
            self.command(&format!("resize to {w}×{h}"), self.client().set_window_size(w, h));
        };
        resize(width, height);
        let (inner_width, inner_height) = viewport();
        if (inner_width, inner_height) != (width, height) {
            resize(
                (width + width).saturating_sub(inner_width),
                (height + height).saturating_sub(inner_height),
            );
        }
        let (inner_width, _) = viewport();
        assert_eq!(inner_width, width, "{}: cannot make the viewport {width} px wide", self.kind);
    }

    /// Chromium only: runs `script` in every document the session opens from now on, before
    /// the page's own scripts (DevTools' `Page.addScriptToEvaluateOnNewDocument`, through
    /// chromedriver). For measuring a page from its very start, such as when an element first
    /// appears, which a script run after [`Browser::goto`] returns could miss.
    ///
    /// # Panics
    /// In another browser, or if chromedriver refuses the command.
    #[track_caller]
    pub fn run_in_every_new_document(&self, script: &str) {
        assert_eq!(
            self.kind,
            BrowserKind::Chromium,
            "scripts for every new document need Chromium's DevTools protocol"
        );
        let session = self
            .command("read the session id", self.client().session_id())
            .expect("an open session has an id");
        let url = format!("{}/session/{session}/goog/cdp/execute", self.driver_url);
        let body = json!({
            "cmd": "Page.addScriptToEvaluateOnNewDocument",
            "params": {"source": script},
        });
        let answer = self
            .within(COMMAND_TIMEOUT, http::send("POST", &url, &[], Some(body.to_string())))
            .unwrap_or_else(|| Err(format!("no answer within {COMMAND_TIMEOUT:?}")))
            .unwrap_or_else(|error| panic!("Chromium: cannot add a script: {error}"));
        assert_eq!(answer.status, 200, "Chromium: cannot add a script: {answer:?}");
    }

    /// The address of the current page.
    ///
    /// # Panics
    /// If the browser cannot tell.
    #[track_caller]
    pub fn current_url(&self) -> String {
        self.command("read the URL", self.client().current_url()).to_string()
    }

    /// The path (and query) of the current page, like `/sign-in?next=%2F`.
    ///
    /// # Panics
    /// If the browser cannot tell.
    #[track_caller]
    pub fn current_path(&self) -> String {
        let url = self.command("read the URL", self.client().current_url());
        path_and_query(url.path(), url.query())
    }

    /// Waits up to the query timeout (ten seconds by default) until the current path (without
    /// query) is `path`.
    ///
    /// # Panics
    /// If it is still another path when the time is up.
    #[track_caller]
    pub fn wait_for_path(&self, path: &str) {
        let wait = self.query_timeout.get();
        let reached = wait_until(&format!("path {path}"), wait, || {
            let url = self.command("read the URL", self.client().current_url());
            if url.path() == path { Ok(()) } else { Err(url) }
        });
        if let Err(timed_out) = reached {
            let url = timed_out.last;
            panic!("{}: expected to reach {path}, still at {url} after {wait:?}", self.kind);
        }
    }

    /// Waits until the address is `path_and_query` exactly (path, and the query after `?` when
    /// it has one, such as `/organization/members?required=true`).
    ///
    /// # Panics
    /// If the address is still another after the query timeout.
    #[track_caller]
    pub fn wait_for_address(&self, address: &str) {
        let wait = self.query_timeout.get();
        let reached = wait_until(&format!("address {address}"), wait, || {
            let url = self.command("read the URL", self.client().current_url());
            if path_and_query(url.path(), url.query()) == address { Ok(()) } else { Err(url) }
        });
        if let Err(timed_out) = reached {
            let url = timed_out.last;
            panic!("{}: expected to reach {address}, still at {url} after {wait:?}", self.kind);
        }
    }

    /// The value of the cookie `name` for the current page, HttpOnly cookies included.
    ///
    /// # Panics
    /// If the browser cannot tell.
    #[track_caller]
    pub fn cookie(&self, name: &str) -> Option<String> {
        let cookies = self.command("read the cookies", self.client().get_all_cookies());
        cookies.into_iter().find(|cookie| cookie.name() == name).map(|c| c.value().to_owned())
    }

    /// Runs synchronous JavaScript in the page; `arguments` are available to it as
    /// `arguments[0]`, ... Returns what the script returns.
    ///
    /// # Panics
    /// If the script throws.
    #[track_caller]
    pub fn execute(&self, script: &str, arguments: Vec<Value>) -> Value {
        self.command("run a script", self.client().execute(script, arguments))
    }

    /// Runs a script like [`Self::execute`], or `None` when a page load cut it short (WebKit
    /// answers "Callback was not called before the unload event" when the page unloads while
    /// a script runs): the caller looks again on the new page.
    ///
    /// # Panics
    /// If the script throws.
    #[track_caller]
    pub(crate) fn execute_in_page(&self, script: &str, arguments: Vec<Value>) -> Option<Value> {
        match self.within(COMMAND_TIMEOUT, self.client().execute(script, arguments)) {
            Some(Ok(value)) => Some(value),
            Some(Err(error)) if error.to_string().contains("unload") => None,
            Some(Err(error)) => panic!("{}: cannot run a script: {error}", self.kind),
            None => {
                panic!("{}: cannot run a script: no answer within {COMMAND_TIMEOUT:?}", self.kind)
            }
        }
    }

    /// Runs asynchronous JavaScript in the page: the script calls its last argument with the
    /// result.
    ///
    /// # Panics
    /// If the script throws or does not call back within the session's script timeout.
    #[track_caller]
    pub fn execute_async(&self, script: &str, arguments: Vec<Value>) -> Value {
        self.command("run an async script", self.client().execute_async(script, arguments))
    }

    /// Runs a `fetch` from the page (so with its cookies) and returns `{status, body}`.
    ///
    /// # Panics
    /// If the request cannot be made at all.
    #[track_caller]
    pub fn fetch(&self, method: &str, path: &str) -> http::Answer {
        let answer = self.execute_async(
            "const [method, path, done] = arguments;
             const headers = {Accept: 'application/json'};
             fetch(path, {method, headers, credentials: 'same-origin'})
               .then(async (answer) => done({status: answer.status, body: await answer.text()}))
               .catch((error) => done({status: 0, body: String(error)}));",
            vec![json!(method), json!(path)],
        );
        let status = answer["status"].as_u64().unwrap_or_default();
        assert!(status != 0, "{}: fetch {method} {path} failed: {}", self.kind, answer["body"]);
        http::Answer {
            status: u16::try_from(status).unwrap_or_default(),
            headers: Vec::new(),
            body: answer["body"].as_str().unwrap_or_default().to_owned(),
        }
    }

    pub(crate) fn client(&self) -> &Client {
        self.client.as_ref().expect("the session is open until drop")
    }

    /// Runs `future` on this browser's runtime; `None` if it takes longer than `limit`.
    pub(crate) fn within<T>(&self, limit: Duration, future: impl Future<Output = T>) -> Option<T> {
        within(&self.runtime, limit, future)
    }

    /// Runs one WebDriver command, panicking with `what` and the browser's name if it fails
    /// or takes longer than a minute.
    #[track_caller]
    pub(crate) fn command<T, E: fmt::Display>(
        &self,
        what: &str,
        future: impl Future<Output = Result<T, E>>,
    ) -> T {
        match self.within(COMMAND_TIMEOUT, future) {
            Some(Ok(value)) => value,
            Some(Err(error)) => panic!("{}: cannot {what}: {error}", self.kind),
            None => panic!("{}: cannot {what}: no answer within {COMMAND_TIMEOUT:?}", self.kind),
        }
    }

    fn save_failure_artifacts(&self, client: &Client) {
        let name: String = std::thread::current()
            .name()
            .unwrap_or("test")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect();
        let directory = workspace_root().join("target/e2e-artifacts");
        let screenshot = directory.join(format!("{name}.png"));
        if let Some(Ok(png)) = self.within(Duration::from_secs(10), client.screenshot())
            && std::fs::create_dir_all(&directory)
                .and_then(|()| std::fs::write(&screenshot, png))
                .is_ok()
        {
            eprintln!("--- {}: screenshot at {}", self.kind, screenshot.display());
        }
        let page = self.within(
            Duration::from_secs(10),
            client.execute(
                "return [location.href, document.body ? document.body.innerText : ''];",
                vec![],
            ),
        );
        if let Some(Ok(page)) = page {
            let text: String = page[1].as_str().unwrap_or_default().chars().take(3000).collect();
            eprintln!("--- {}: page {} says:\n{text}", self.kind, page[0]);
        }
        let log = self.driver_log.text();
        if !log.is_empty() {
            eprintln!("--- {} WebDriver output (last lines):\n{log}", self.kind);
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let Some(client) = self.client.take() else { return };
        if std::thread::panicking() {
            self.save_failure_artifacts(&client);
        }
        let _ = self.within(Duration::from_secs(10), client.close());
    }
}

/// How to start one browser's WebDriver, and what it needs to live as long as the session.
struct Driver {
    command: Command,
    capabilities: Capabilities,
    display: Option<VirtualDisplay>,
    profile: Option<tempfile::TempDir>,
}

impl Driver {
    fn prepare(kind: BrowserKind, port: u16) -> Self {
        let mut driver = match kind {
            BrowserKind::Chromium => {
                require_file(CHROMIUM, "the Debian package chromium");
                require_file(CHROMEDRIVER, "the Debian package chromium-driver");
                let profile = tempfile::Builder::new()
                    .prefix("twostep-e2e-chromium-")
                    .tempdir()
                    .expect("cannot create a Chromium profile directory");
                let mut command = Command::new(CHROMEDRIVER);
                command.arg(format!("--port={port}"));
                Self {
                    command,
                    capabilities: chromium_capabilities(profile.path()),
                    display: None,
                    profile: Some(profile),
                }
            }
            BrowserKind::Firefox => {
                let geckodriver = geckodriver().unwrap_or_else(|| {
                    panic!(
                        "geckodriver is neither on PATH nor in ~/.cargo/bin; run `cargo xtask \
                         test`, which installs it (`cargo install geckodriver --locked`)"
                    )
                });
                let mut command = Command::new(geckodriver);
                command.args(["--port", &port.to_string()]);
                Self { command, capabilities: firefox_capabilities(), display: None, profile: None }
            }
            BrowserKind::WebKit => {
                require_file(WEBKIT_WEBDRIVER, "the Debian package webkit2gtk-driver");
                require_file(MINIBROWSER, "the Debian package webkit2gtk-driver");
                let display = VirtualDisplay::start();
                let mut command = Command::new(WEBKIT_WEBDRIVER);
                command.arg(format!("--port={port}")).env("DISPLAY", display.display());
                Self {
                    command,
                    capabilities: webkit_capabilities(),
                    display: Some(display),
                    profile: None,
                }
            }
        };
        // WebKitGTK takes navigator.language from the environment, not from a capability (it
        // warns that the C library lacks the locale, and still reports en-US).
        driver.command.env("LANGUAGE", "en_US").env("LANG", "en_US.UTF-8");
        driver
    }
}

fn wait_until_ready(
    runtime: &tokio::runtime::Runtime,
    kind: BrowserKind,
    driver_url: &str,
    driver: &mut ChildGuard,
    log: &OutputTail,
) {
    // Ready, or ended: either way there is no point in waiting longer.
    let ready_or_ended = wait_until("answer to /status", DRIVER_READY_TIMEOUT, || {
        let answered = runtime.block_on(http::get(&format!("{driver_url}/status"), &[]));
        if matches!(answered, Ok(ref response) if response.status == 200) {
            return Ok(Ok(()));
        }
        driver.exited().map(Err).ok_or(answered)
    });
    match ready_or_ended {
        Ok(Ok(())) => {}
        Ok(Err(exit)) => panic!("{exit}\n{}", log.text()),
        Err(_) => panic!(
            "the {kind} WebDriver did not answer /status within {DRIVER_READY_TIMEOUT:?}\n{}",
            log.text()
        ),
    }
}

/// A URL's `path`, and its `query` after `?` when it has one: `/sign-in?next=%2F`.
fn path_and_query(path: &str, query: Option<&str>) -> String {
    match query {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    }
}

fn within<T>(
    runtime: &tokio::runtime::Runtime,
    limit: Duration,
    future: impl Future<Output = T>,
) -> Option<T> {
    runtime.block_on(async { tokio::time::timeout(limit, future).await.ok() })
}

fn require_file(path: &str, package: &str) {
    assert!(
        std::path::Path::new(path).is_file(),
        "{path} is missing; install {package} (`cargo xtask test` does)"
    );
}

fn geckodriver() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|directory| directory.join("geckodriver"));
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin/geckodriver"));
    on_path.chain(cargo_home).find(|candidate| candidate.is_file())
}

fn chromium_capabilities(profile: &std::path::Path) -> Capabilities {
    capabilities(json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
                "--lang=en-US",
                format!("--window-size={},{}", WINDOW.0, WINDOW.1),
            ],
            "prefs": {"intl.accept_languages": "en-US"},
        },
    }))
}

fn firefox_capabilities() -> Capabilities {
    capabilities(json!({
        "browserName": "firefox",
        "moz:firefoxOptions": {
            "args": ["-headless"],
            "prefs": {"intl.accept_languages": "en-US"},
        },
    }))
}

fn webkit_capabilities() -> Capabilities {
    capabilities(json!({
        "browserName": "MiniBrowser",
        "webkitgtk:browserOptions": {
            "binary": MINIBROWSER,
            "args": ["--automation"],
        },
    }))
}

fn capabilities(value: Value) -> Capabilities {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("capabilities are a JSON object"),
    }
}
