//! Using the page with the keyboard alone, as a person who cannot use a mouse does: keys go
//! to whatever has focus, through WebDriver's Actions API (real key events, so the browser's
//! own behaviour applies: Tab moves focus, arrow keys move between radio buttons, Space and
//! Enter activate).

use std::fmt;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
pub use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::browser::{Browser, BrowserKind};
use crate::query::Element;
use crate::wait::wait_until;

/// How long a key press may take before the browser is asked whether it opened a prompt.
const KEY_TIMEOUT: Duration = Duration::from_secs(5);

/// What has keyboard focus: its role and accessible name as assistive technology computes
/// them (by axe-core), and its tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The ARIA role (explicit or implicit), like `radio` or `button`; `None` if it has none.
    pub role: Option<String>,
    /// The accessible name, whitespace collapsed.
    pub name: String,
    /// The element's tag name in lower case, like `input`.
    pub tag: String,
}

impl Focus {
    /// Whether it has role `role` and accessible name `name`.
    pub fn is(&self, role: &str, name: &str) -> bool {
        self.role.as_deref() == Some(role) && self.name == name
    }
}

impl fmt::Display for Focus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let role = self.role.as_deref().unwrap_or("no role");
        write!(f, "{role} named {:?} (<{}>)", self.name, self.tag)
    }
}

impl Browser {
    /// Presses and releases `key` (a character such as `'a'` or one of [`Key`], like
    /// [`Key::Tab`]), sent to the focused element.
    ///
    /// # Panics
    /// If the browser refuses the key.
    #[track_caller]
    pub fn press(&self, key: impl Into<char>) {
        self.press_chord(&[], key);
    }

    /// Presses `key` while holding `modifiers` down, like Shift+Tab:
    /// `press_chord(&[Key::Shift], Key::Tab)`.
    ///
    /// # Panics
    /// If the browser refuses the keys.
    #[track_caller]
    pub fn press_chord(&self, modifiers: &[Key], key: impl Into<char>) {
        let key: char = key.into();
        let what = format!("press {}", key_name(key));
        let pressed = if self.kind() == BrowserKind::WebKit {
            // WebKitGTK's driver does not answer an Actions key press that opened a prompt
            // (`window.confirm`) until the prompt is answered, and queues every later command
            // (reading the prompt included) behind it. Element Send Keys to the focused element
            // types the same key events and answers at once. Modifiers in a Send Keys text stay
            // down until its end.
            let mut text: String = modifiers.iter().map(|modifier| char::from(*modifier)).collect();
            text.push(key);
            let focused = self.command("find the focused element", self.client().active_element());
            self.within(KEY_TIMEOUT, async move { focused.send_keys(&text).await })
        } else {
            let mut keys = KeyActions::new("keyboard".to_owned());
            for modifier in modifiers {
                keys = keys.then(KeyAction::Down { value: (*modifier).into() });
            }
            keys = keys.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
            for modifier in modifiers.iter().rev() {
                keys = keys.then(KeyAction::Up { value: (*modifier).into() });
            }
            self.within(KEY_TIMEOUT, self.client().perform_actions(keys))
        };
        match pressed {
            Some(Ok(())) => {}
            Some(Err(error)) => panic!("{}: cannot {what}: {error}", self.kind()),
            // A driver that waits for the prompt the key opened: the press has happened.
            None if self.prompt_is_open() => {}
            None => panic!("{}: cannot {what}: no answer within {KEY_TIMEOUT:?}", self.kind()),
        }
    }

    /// What has keyboard focus right now, or `None` if nothing in the page does (focus on the
    /// document itself, or outside the page in the browser's toolbar, where Tab goes after the
    /// last element in Chromium and Firefox).
    ///
    /// # Panics
    /// If the page cannot be queried.
    #[track_caller]
    pub fn focused(&self) -> Option<Focus> {
        self.focused_raw().map(|(focus, _)| focus)
    }

    /// The focused element, to read its state (for example [`Element::is_checked`]).
    ///
    /// # Panics
    /// If nothing has focus.
    #[track_caller]
    pub fn focused_element(&self) -> Element<'_> {
        let (focus, reference) = self
            .focused_raw()
            .unwrap_or_else(|| panic!("{}: nothing has keyboard focus", self.kind()));
        self.element_from_reference(&reference, &format!("the focused {focus}"))
    }

    /// Waits up to the query timeout (ten seconds by default) until the focused element has
    /// role `role` and accessible name `name`: apps often move focus a moment after the key
    /// press or click that asks for it.
    ///
    /// # Panics
    /// If something else (or nothing) still has focus when the time is up.
    #[track_caller]
    pub fn assert_focused(&self, role: &str, name: &str) {
        let wait = self.query_timeout.get();
        let focused = wait_until(&format!("focus on the {role} named {name:?}"), wait, || {
            let focus = self.focused();
            if focus.as_ref().is_some_and(|focus| focus.is(role, name)) {
                Ok(())
            } else {
                Err(focus)
            }
        });
        if let Err(timed_out) = focused {
            panic!(
                "{}: expected focus on the {role} named {name:?}, it is on {} after {wait:?}",
                self.kind(),
                timed_out
                    .last
                    .map_or_else(|| "nothing in the page".to_owned(), |focus| focus.to_string())
            );
        }
    }

    /// Presses Tab until the element with role `role` and accessible name `name` has focus,
    /// at most `max_presses` times, and returns how many presses it took. Use it to reach a
    /// control the way a keyboard user does, without depending on every stop on the way.
    ///
    /// # Panics
    /// If the element has not got focus after `max_presses`; the message lists every stop.
    #[track_caller]
    pub fn tab_to(&self, role: &str, name: &str, max_presses: usize) -> usize {
        self.move_focus_to(&[], role, name, max_presses)
    }

    /// As [`Browser::tab_to`], backwards with Shift+Tab.
    ///
    /// # Panics
    /// As [`Browser::tab_to`].
    #[track_caller]
    pub fn shift_tab_to(&self, role: &str, name: &str, max_presses: usize) -> usize {
        self.move_focus_to(&[Key::Shift], role, name, max_presses)
    }

    /// Moves focus to the element with role `role` and accessible name `name` with Tab, or
    /// with Shift+Tab if it comes before the focused element in document order, at most
    /// `max_presses` times; returns how many presses it took (0 if it had focus already). For
    /// targets on either side of the focus, such as the buttons of a dialog that focused one
    /// of them itself. (Tabbing past the last element of a page leaves it for the browser's
    /// toolbar, so going the long way round does not work.)
    ///
    /// # Panics
    /// If there is no such element, or it has not got focus after `max_presses`.
    #[track_caller]
    pub fn focus_with_keyboard(&self, role: &str, name: &str, max_presses: usize) -> usize {
        let target = self.by_role(role, name);
        let forward = self.execute(
            "const [target] = arguments;
             const active = document.activeElement;
             if (active === target) return null;
             if (!active || active === document.body) return true;
             return Boolean(active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);",
            vec![target.reference()],
        );
        match forward {
            Value::Null => 0,
            Value::Bool(true) => self.tab_to(role, name, max_presses),
            _ => self.shift_tab_to(role, name, max_presses),
        }
    }

    #[track_caller]
    fn move_focus_to(&self, modifiers: &[Key], role: &str, name: &str, max: usize) -> usize {
        let mut stops = Vec::new();
        for presses in 1..=max {
            self.press_chord(modifiers, Key::Tab);
            let focus = self.focused();
            if focus.as_ref().is_some_and(|focus| focus.is(role, name)) {
                return presses;
            }
            stops.push(
                focus.map_or_else(|| "nothing in the page".to_owned(), |focus| focus.to_string()),
            );
        }
        panic!(
            "{}: {max} presses of {}Tab did not reach the {role} named {name:?}; focus went to:\n  {}",
            self.kind(),
            if modifiers.is_empty() { "" } else { "Shift+" },
            stops.join("\n  ")
        );
    }

    #[track_caller]
    fn focused_raw(&self) -> Option<(Focus, Value)> {
        let mut found = Value::Null;
        for _ in 0..3 {
            self.inject_axe();
            found = self.execute(include_str!("js/focused.js"), Vec::new());
            if found.get("axeMissing").is_none() {
                break;
            }
        }
        if found.is_null() || found.get("axeMissing").is_some() {
            return None;
        }
        let focus = Focus {
            role: found["role"].as_str().map(str::to_owned),
            name: found["name"].as_str().unwrap_or_default().to_owned(),
            tag: found["tag"].as_str().unwrap_or_default().to_owned(),
        };
        Some((focus, found["element"].clone()))
    }
}

/// A readable name for a key in messages: the special keys by name.
fn key_name(key: char) -> String {
    const NAMED: [(Key, &str); 14] = [
        (Key::Tab, "Tab"),
        (Key::Enter, "Enter"),
        (Key::Return, "Return"),
        (Key::Space, "Space"),
        (Key::Escape, "Escape"),
        (Key::Shift, "Shift"),
        (Key::Up, "Up"),
        (Key::Down, "Down"),
        (Key::Left, "Left"),
        (Key::Right, "Right"),
        (Key::Home, "Home"),
        (Key::End, "End"),
        (Key::Backspace, "Backspace"),
        (Key::Control, "Control"),
    ];
    NAMED
        .iter()
        .find(|(named, _)| char::from(*named) == key)
        .map_or_else(|| json!(key.to_string()).to_string(), |(_, name)| (*name).to_owned())
}
