//! The unsaved-changes guard: leaving a page with unsaved changes asks first.

use leptos::ev;
use leptos::prelude::*;

use crate::i18n::{LocaleContext, use_locale};

/// Whether the open page has unsaved changes, shared with everything that can leave it: the
/// browser (reload, closing the tab) and the console's own links and "Sign out".
///
/// A form reports its dirty state with [`UnsavedChanges::track`]; links call
/// [`UnsavedChanges::guard_link`] from their click handler, other ways out call
/// [`UnsavedChanges::may_leave`].
#[derive(Clone, Copy, Debug)]
pub struct UnsavedChanges {
    dirty: RwSignal<bool>,
    locale: LocaleContext,
}

impl UnsavedChanges {
    /// Shares the guard with the views under the caller and makes the browser ask before
    /// unloading the page while there are unsaved changes.
    pub fn provide() -> UnsavedChanges {
        let guard = UnsavedChanges::detached();
        let listener = window_event_listener(ev::beforeunload, move |event| {
            if guard.dirty.get_untracked() {
                event.prevent_default();
                // Older browsers ask only when a return value is set; none shows its text.
                event.set_return_value(
                    guard.locale.get_untracked().messages().unsaved_changes_confirm,
                );
            }
        });
        on_cleanup(move || listener.remove());
        provide_context(guard);
        guard
    }

    /// The shared guard, or, outside [`UnsavedChanges::provide`] (a component mounted alone),
    /// one that only this caller sees.
    pub fn use_or_detached() -> UnsavedChanges {
        use_context().unwrap_or_else(UnsavedChanges::detached)
    }

    fn detached() -> UnsavedChanges {
        UnsavedChanges { dirty: RwSignal::new(false), locale: use_locale() }
    }

    /// Follows `dirty` for as long as the caller's view lives.
    pub fn track(&self, dirty: Signal<bool>) {
        let flag = self.dirty;
        Effect::new(move |_| flag.set(dirty.get()));
        on_cleanup(move || {
            flag.try_set(false);
        });
    }

    /// Whether there are unsaved changes (reactive).
    pub fn is_dirty(&self) -> bool {
        self.dirty.get()
    }

    /// Whether the person may leave the page: yes without unsaved changes, otherwise what they
    /// answer to the browser's confirmation.
    pub fn may_leave(&self) -> bool {
        if !self.dirty.get_untracked() {
            return true;
        }
        let question = self.locale.get_untracked().messages().unsaved_changes_confirm;
        window().confirm_with_message(question).unwrap_or(true)
    }

    /// For the click handler of an in-app link: asks before following it with unsaved changes,
    /// and cancels the navigation if the person wants to stay. Clicks that open another tab,
    /// and links to the page already open, leave the page as it is and are not asked about.
    pub fn guard_link(&self, event: &ev::MouseEvent) {
        let opens_elsewhere = event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key();
        if opens_elsewhere || event.default_prevented() || links_to_this_page(event) {
            return;
        }
        if !self.may_leave() {
            event.prevent_default();
        }
    }
}

fn links_to_this_page(event: &ev::MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(link) = event
        .current_target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    window().location().pathname().is_ok_and(|path| path == link.pathname())
}
