//! A modal question before a change that cannot be undone.

use leptos::{html, prelude::*};

use crate::i18n::{Text, tr, use_t};

/// A native modal `<dialog>`, open while `open` is `true`, named by its heading, with the
/// question's text (`children`), "Cancel" and a danger button. Cancel has the focus when it
/// opens; Escape answers as Cancel does.
///
/// The dialog only reports the person's answer: the owner closes it by setting `open` back to
/// `false`, at once or once the confirmed action has run (`busy` meanwhile).
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is open.
    #[prop(into)]
    open: Signal<bool>,
    /// The id of the heading, which names the dialog.
    title_id: &'static str,
    /// The heading: the question.
    title: Text,
    /// The danger button.
    confirm: Text,
    /// Whether the confirmed action is running: both buttons are disabled, Escape does
    /// nothing (should the browser close the dialog anyway, it opens again), and the danger
    /// button says `busy_text`.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// The danger button while `busy`.
    #[prop(optional)]
    busy_text: Option<Text>,
    /// The person's answer: `true` from the danger button (the dialog stays open), `false`
    /// from Cancel or Escape (it has closed).
    #[prop(into)]
    on_answer: Callback<bool>,
    /// Called whenever the dialog has closed, whatever closed it: where the focus goes next.
    #[prop(optional)]
    on_closed: Option<Callback<()>>,
    /// The text of the question.
    children: Children,
) -> impl IntoView {
    let t = use_t();
    let dialog = NodeRef::<html::Dialog>::new();
    let cancel = NodeRef::<html::Button>::new();

    Effect::new(move |_| {
        let open = open.get();
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            if dialog.show_modal().is_ok()
                && let Some(cancel) = cancel.get_untracked()
            {
                let _ = cancel.focus();
            }
        } else if !open && dialog.open() {
            dialog.close();
        }
    });

    let closed = move |_| {
        let Some(element) = dialog.get_untracked() else { return };
        if open.get_untracked() && busy.get_untracked() {
            // The browser closed it anyway (a repeated Escape is not always cancelable) while
            // the confirmed action runs: open it again, so that its outcome is not shown with
            // the dialog gone and the focus lost.
            let _ = element.show_modal();
            return;
        }
        // Still wanted open: the person closed it (Cancel or Escape).
        if open.get_untracked() {
            on_answer.run(false);
        }
        if let Some(on_closed) = on_closed {
            on_closed.run(());
        }
    };
    let escape = move |event: leptos::ev::Event| {
        if busy.get_untracked() {
            event.prevent_default();
        }
    };
    let cancel_clicked = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        on_answer.run(false);
    };
    let confirm_text = move || {
        let t = t();
        match busy_text {
            Some(busy_text) if busy.get() => busy_text(t),
            _ => confirm(t),
        }
    };
    let busy = move || busy.get();

    view! {
        <dialog node_ref=dialog aria-labelledby=title_id on:close=closed on:cancel=escape>
            <h2 id=title_id>{tr(title)}</h2>
            {children()}
            <div class="dialog-actions">
                <button type="button" node_ref=cancel autofocus disabled=busy on:click=cancel_clicked>
                    {tr(|t| t.cancel)}
                </button>
                <button
                    type="button"
                    class="danger"
                    disabled=busy
                    on:click=move |_| on_answer.run(true)
                >
                    {confirm_text}
                </button>
            </div>
        </dialog>
    }
}
