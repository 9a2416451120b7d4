//! The browser's own prompts: `window.alert`, `window.confirm` and `window.prompt`, which the
//! page cannot style and a person answers with the browser's OK or Cancel. WebDriver reports
//! them as "alerts"; while one is open, every other command fails (and, by default, dismisses
//! it), so a test answers it first.

use std::time::Duration;

use crate::browser::Browser;
use crate::wait::wait_until;

impl Browser {
    /// Waits up to the query timeout (ten seconds by default) for a prompt and returns its
    /// message, leaving it open.
    ///
    /// # Panics
    /// If no prompt opens in time, or the browser cannot read it.
    #[track_caller]
    pub fn prompt_text(&self) -> String {
        let wait = self.query_timeout.get();
        // A prompt read, or an error that waiting will not mend: either way, done waiting.
        let read = wait_until("prompt", wait, || {
            match self.within(Duration::from_secs(60), self.client().get_alert_text()) {
                Some(Ok(text)) => Ok(Ok(text)),
                Some(Err(error)) if error.is_no_such_alert() => Err(()),
                Some(Err(error)) => Ok(Err(error.to_string())),
                None => Ok(Err("no answer".to_owned())),
            }
        });
        match read {
            Ok(Ok(text)) => text,
            Ok(Err(error)) => panic!("{}: cannot read the prompt: {error}", self.kind()),
            Err(_) => panic!("{}: no prompt opened within {wait:?}", self.kind()),
        }
    }

    /// Answers the open prompt with OK (a `confirm` then returns `true`).
    ///
    /// # Panics
    /// If there is no prompt.
    #[track_caller]
    pub fn accept_prompt(&self) {
        self.command("accept the prompt", self.client().accept_alert());
    }

    /// Answers the open prompt with Cancel (a `confirm` then returns `false`).
    ///
    /// # Panics
    /// If there is no prompt.
    #[track_caller]
    pub fn dismiss_prompt(&self) {
        self.command("dismiss the prompt", self.client().dismiss_alert());
    }

    /// Whether a prompt is open right now (no waiting).
    ///
    /// # Panics
    /// If the browser cannot tell.
    #[track_caller]
    pub fn prompt_is_open(&self) -> bool {
        match self.within(Duration::from_secs(60), self.client().get_alert_text()) {
            Some(Ok(_)) => true,
            Some(Err(error)) if error.is_no_such_alert() => false,
            Some(Err(error)) => {
                panic!("{}: cannot tell whether a prompt is open: {error}", self.kind())
            }
            None => panic!("{}: cannot tell whether a prompt is open: no answer", self.kind()),
        }
    }

    /// Whether the page would ask before being unloaded (reloaded, closed, left by typing an
    /// address): dispatches a synthetic `beforeunload` event and tells whether a listener
    /// cancelled it or set a return value. WebDriver cannot show the real prompt: navigation
    /// commands accept it on their own, so this asks the page instead.
    ///
    /// # Panics
    /// If the script cannot run.
    #[track_caller]
    pub fn asks_before_unload(&self) -> bool {
        let asked = self.execute(
            "const event = document.createEvent('BeforeUnloadEvent');
             event.initEvent('beforeunload', false, true);
             window.dispatchEvent(event);
             return event.defaultPrevented ||
               (typeof event.returnValue === 'string' && event.returnValue !== '');",
            Vec::new(),
        );
        asked == serde_json::Value::Bool(true)
    }
}
