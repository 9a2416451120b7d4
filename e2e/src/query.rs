//! Finding things on the page the way a person (or a screen reader) does: by role and
//! accessible name, or by visible text, waiting for the app to render them.

use std::time::Duration;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::wait::wait_until;

/// How long a query waits by default for the page to show what it looks for.
pub const WAIT: Duration = Duration::from_secs(10);

/// An element found on the page.
pub struct Element<'b> {
    browser: &'b Browser,
    inner: fantoccini::elements::Element,
    description: String,
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

impl<'b> Element<'b> {
    pub(crate) fn new(
        browser: &'b Browser,
        inner: fantoccini::elements::Element,
        description: String,
    ) -> Self {
        Self { browser, inner, description }
    }

    /// Clicks it.
    ///
    /// # Panics
    /// If it cannot be clicked (covered, disabled, gone).
    #[track_caller]
    pub fn click(&self) {
        self.command("click", self.inner.click());
    }

    /// Replaces its value with `text`, typed as keystrokes.
    ///
    /// # Panics
    /// If it does not accept text.
    #[track_caller]
    pub fn fill(&self, text: &str) {
        self.command("clear", self.inner.clear());
        self.command("type into", self.inner.send_keys(text));
    }

    /// Chooses the option with the visible label `label` in this `<select>`.
    ///
    /// # Panics
    /// If there is no such option.
    #[track_caller]
    pub fn select_option(&self, label: &str) {
        self.command(&format!("choose {label:?} in"), self.inner.select_by_label(label));
    }

    /// Its rendered text.
    ///
    /// # Panics
    /// If it is gone.
    #[track_caller]
    pub fn text(&self) -> String {
        self.command("read the text of", self.inner.text())
    }

    /// The current value of its DOM property `name` (for example `value` or `disabled`).
    ///
    /// # Panics
    /// If it is gone.
    #[track_caller]
    pub fn property(&self, name: &str) -> Option<String> {
        self.command(&format!("read property {name} of"), self.inner.prop(name))
    }

    /// Its attribute `name` as written in the markup, if present (read with `getAttribute`:
    /// WebKitGTK's driver answers the WebDriver "Get Element Attribute" command for `href`
    /// with the resolved URL instead).
    ///
    /// # Panics
    /// If it is gone.
    #[track_caller]
    pub fn attribute(&self, name: &str) -> Option<String> {
        let value = self.browser.execute(
            "return arguments[0].getAttribute(arguments[1]);",
            vec![self.reference(), json!(name)],
        );
        value.as_str().map(str::to_owned)
    }

    /// Whether it is checked: a radio button or checkbox that is selected (its `checked` DOM
    /// property), so what a person sees ticked, whatever the markup said at first.
    ///
    /// # Panics
    /// If it is gone.
    #[track_caller]
    pub fn is_checked(&self) -> bool {
        self.property("checked").as_deref() == Some("true")
    }

    /// Whether it can be used: a form control that is not `disabled` (nor inside a disabled
    /// `<fieldset>`), as the WebDriver "Is Element Enabled" command tells.
    ///
    /// # Panics
    /// If it is gone.
    #[track_caller]
    pub fn is_enabled(&self) -> bool {
        self.command("read the enabled state of", self.inner.is_enabled())
    }

    /// Waits for exactly one visible element inside this one (a descendant) with role `role`
    /// and accessible name `name`, as [`Browser::by_role`] does in the whole page: for a link
    /// or button whose name appears elsewhere on the page too, like a group's name in a list
    /// and in the navigation.
    ///
    /// # Panics
    /// As [`Browser::by_role`].
    #[track_caller]
    pub fn by_role(&self, role: &str, name: &str) -> Element<'b> {
        self.browser.find_within(
            Some(self.reference()),
            &format!("{role} named {name:?} in {}", self.description),
            json!({"role": role, "name": name}),
        )
    }

    /// How many visible elements inside this one have role `role` and name `name` right now
    /// (no waiting).
    ///
    /// # Panics
    /// If the page cannot be queried.
    #[track_caller]
    pub fn count_by_role(&self, role: &str, name: &str) -> usize {
        let found = self.browser.query(&json!({
            "role": role, "name": name, "level": null, "text": null, "within": self.reference(),
        }));
        found["found"].as_array().map_or(0, Vec::len)
    }

    /// Its WebDriver reference, to hand it to a script as an argument (see
    /// [`Browser::execute`]): the script receives the element itself.
    pub fn reference(&self) -> Value {
        serde_json::to_value(&self.inner).expect("an element serializes")
    }

    /// Whether it is the focused element of the page.
    ///
    /// # Panics
    /// If the browser cannot tell.
    #[track_caller]
    pub fn is_focused(&self) -> bool {
        let element = self.reference();
        self.browser.execute("return document.activeElement === arguments[0];", vec![element])
            == Value::Bool(true)
    }

    #[track_caller]
    fn command<T, E: std::fmt::Display>(
        &self,
        what: &str,
        future: impl std::future::Future<Output = Result<T, E>>,
    ) -> T {
        self.browser.command(&format!("{what} {}", self.description), future)
    }
}

impl Browser {
    /// Waits for exactly one visible element with ARIA role `role` (explicit or implicit:
    /// `button`, `link`, `textbox`, `combobox`, `heading`, `alert`, ...) and accessible name
    /// `name` (compared with whitespace collapsed), and returns it. Roles and names are
    /// computed by axe-core, as assistive technology computes them. Queries wait up to ten
    /// seconds, see [`Browser::set_query_timeout`].
    ///
    /// # Panics
    /// If there is none, or more than one, when the time is up; the message lists the visible
    /// elements of that role with their names.
    #[track_caller]
    pub fn by_role(&self, role: &str, name: &str) -> Element<'_> {
        self.find(&format!("{role} named {name:?}"), json!({"role": role, "name": name}))
    }

    /// Waits for exactly one visible heading of `level` (1 for `<h1>`) named `name`.
    ///
    /// # Panics
    /// As [`Browser::by_role`].
    #[track_caller]
    pub fn heading(&self, level: u8, name: &str) -> Element<'_> {
        self.find(
            &format!("heading level {level} named {name:?}"),
            json!({"role": "heading", "name": name, "level": level}),
        )
    }

    /// Waits for exactly one visible element of role `role` whose visible text is `text`: for
    /// roles such as `alert` and `status`, which take no name from their content.
    ///
    /// # Panics
    /// As [`Browser::by_role`].
    #[track_caller]
    pub fn by_role_with_text(&self, role: &str, text: &str) -> Element<'_> {
        self.find(&format!("{role} saying {text:?}"), json!({"role": role, "text": text}))
    }

    /// Waits for exactly one visible element of role `role`, whatever its name: for landmarks
    /// such as `banner` and `main`, of which a page has one.
    ///
    /// # Panics
    /// As [`Browser::by_role`].
    #[track_caller]
    pub fn landmark(&self, role: &str) -> Element<'_> {
        self.find(&format!("{role} landmark"), json!({"role": role}))
    }

    /// Waits for a description list entry whose term (`<dt>`) is `term` and returns the text of
    /// its description (`<dd>`, several joined with `"; "`).
    ///
    /// # Panics
    /// If no visible term `term` with a description shows up in time.
    #[track_caller]
    pub fn description_of(&self, term: &str) -> String {
        let script = "const normalize = (value) => (value || '').replace(/\\s+/g, ' ').trim();
             const found = [];
             for (const dt of document.querySelectorAll('dt')) {
               if (normalize(dt.innerText) !== normalize(arguments[0])) continue;
               const descriptions = [];
               for (let next = dt.nextElementSibling; next && next.tagName === 'DD';
                    next = next.nextElementSibling) {
                 descriptions.push(normalize(next.innerText));
               }
               found.push(descriptions.join('; '));
             }
             return found;";
        let wait = self.query_timeout.get();
        let described = wait_until(&format!("one term {term:?}"), wait, || {
            let found = self.execute(script, vec![json!(term)]);
            match found.as_array().map(Vec::as_slice) {
                Some([Value::String(description)]) if !description.is_empty() => {
                    Ok(description.clone())
                }
                _ => Err(found),
            }
        });
        match described {
            Ok(description) => description,
            Err(timed_out) => panic!(
                "{}: expected one term {term:?} with a description on {}, found {}",
                self.kind(),
                self.current_url(),
                timed_out.last
            ),
        }
    }

    /// How many visible elements have role `role` and name `name` right now (no waiting).
    ///
    /// # Panics
    /// If the page cannot be queried.
    #[track_caller]
    pub fn count_by_role(&self, role: &str, name: &str) -> usize {
        let found = self.query(
            &json!({"role": role, "name": name, "level": null, "text": null, "within": null}),
        );
        found["found"].as_array().map_or(0, Vec::len)
    }

    /// Waits until `text` is visible somewhere on the page.
    ///
    /// # Panics
    /// If it is not, with the page's visible text in the message.
    #[track_caller]
    pub fn text_visible(&self, text: &str) {
        let script = "const normalize = (value) => (value || '').replace(/\\s+/g, ' ').trim();
                      return normalize(document.body ? document.body.innerText : '');";
        let wanted = normalize(text);
        let wait = self.query_timeout.get();
        let visible = wait_until(&format!("text {text:?}"), wait, || {
            let shown = self.execute(script, Vec::new());
            let shown = shown.as_str().unwrap_or_default();
            if shown.contains(&wanted) { Ok(()) } else { Err(shown.to_owned()) }
        });
        if let Err(timed_out) = visible {
            panic!(
                "{}: {text:?} is not visible after {wait:?}; the page at {} shows:\n{}",
                self.kind(),
                self.current_url(),
                timed_out.last
            );
        }
    }

    /// Fails if `text` appears anywhere in the document right now: in its visible text, its
    /// hidden text, its title or its attributes.
    ///
    /// # Panics
    /// If it appears.
    #[track_caller]
    pub fn assert_text_absent(&self, text: &str) {
        let found = self.execute(
            "const needle = arguments[0];
             const where = [];
             if (document.title.includes(needle)) where.push('title');
             if ((document.body.innerText || '').includes(needle)) where.push('visible text');
             if ((document.documentElement.textContent || '').includes(needle)) where.push('text');
             if (document.documentElement.outerHTML.includes(needle)) where.push('markup');
             return where;",
            vec![json!(text)],
        );
        let places = found.as_array().cloned().unwrap_or_default();
        assert!(
            places.is_empty(),
            "{}: {text:?} appears in the page at {} ({})",
            self.kind(),
            self.current_url(),
            places.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
        );
    }

    #[track_caller]
    fn find(&self, description: &str, query: Value) -> Element<'_> {
        self.find_within(None, description, query)
    }

    #[track_caller]
    fn find_within(&self, within: Option<Value>, description: &str, query: Value) -> Element<'_> {
        let query = json!({
            "role": query["role"],
            "name": query.get("name").cloned().unwrap_or(Value::Null),
            "level": query.get("level").cloned().unwrap_or(Value::Null),
            "text": query.get("text").cloned().unwrap_or(Value::Null),
            "within": within.unwrap_or(Value::Null),
        });
        let wait = self.query_timeout.get();
        let found = wait_until(&format!("one {description}"), wait, || {
            let result = self.query(&query);
            match result["found"].as_array().map(Vec::as_slice) {
                Some([reference]) => Ok(reference.clone()),
                _ => Err(result),
            }
        });
        match found {
            Ok(reference) => self.element_from_reference(&reference, description),
            Err(timed_out) => {
                let result = timed_out.last;
                panic!(
                    "{}: expected exactly one visible {description} on {}, found {} after \
                     {wait:?}. Visible elements with role {}: {}",
                    self.kind(),
                    self.current_url(),
                    result["found"].as_array().map_or(0, Vec::len),
                    query["role"],
                    candidates(&result)
                );
            }
        }
    }

    #[track_caller]
    fn query(&self, query: &Value) -> Value {
        let mut result = Value::Null;
        // A page load between injecting axe-core and querying (after a click on a link, say)
        // leaves the new page without it: inject again. A page load while a script runs cuts
        // it short: look again on the new page.
        for _ in 0..3 {
            if self.injected_axe().is_none() {
                continue;
            }
            let mut query = query.clone();
            let within = query.as_object_mut().and_then(|query| query.remove("within"));
            let arguments = vec![query, within.unwrap_or(Value::Null)];
            let Some(found) = self.execute_in_page(include_str!("js/find_by_role.js"), arguments)
            else {
                continue;
            };
            result = found;
            if result.get("axeMissing").is_none() {
                break;
            }
        }
        result
    }
}

impl Browser {
    /// The element behind a WebDriver element reference that a script returned.
    pub(crate) fn element_from_reference(
        &self,
        reference: &Value,
        description: &str,
    ) -> Element<'_> {
        let inner = fantoccini::elements::Element::from_element_id(
            self.client().clone(),
            element_id(reference).into(),
        );
        Element::new(self, inner, description.to_owned())
    }
}

fn element_id(reference: &Value) -> String {
    reference
        .as_object()
        .and_then(|object| object.values().next())
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("not an element reference: {reference}"))
        .to_owned()
}

fn candidates(result: &Value) -> String {
    let seen = result["candidates"].as_array().cloned().unwrap_or_default();
    if seen.is_empty() {
        return "none".to_owned();
    }
    seen.iter()
        .map(|candidate| {
            let mut line = format!("name {}", candidate["name"]);
            if let Some(level) = candidate["level"].as_u64() {
                line.push_str(&format!(", level {level}"));
            }
            line.push_str(&format!(", text {}", candidate["text"]));
            line
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
