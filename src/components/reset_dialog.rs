//! The warning dialog before a method change resets everyone's two-step verification.

use leptos::{html, prelude::*};
use twostep_contract::PrimaryMethod;

use crate::i18n::{tr, use_t};

/// The dialog's return value when the person confirms.
const CONFIRM: &str = "confirm";

/// What the dialog asks about: the method change and how many members it resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResetPrompt {
    /// The saved method.
    pub from: PrimaryMethod,
    /// The chosen method.
    pub to: PrimaryMethod,
    /// The members who must set up two-step verification again.
    pub members: u64,
}

/// A native modal `<dialog>`, open while `prompt` is set. It names both methods and the
/// members affected, and offers "Change method and reset" (danger) and "Cancel", which has the
/// focus when it opens. Escape closes it as Cancel does.
#[component]
pub fn ResetDialog(
    /// The question to ask; `None` keeps the dialog closed.
    #[prop(into)]
    prompt: Signal<Option<ResetPrompt>>,
    /// Called once the dialog has closed: `true` when the person confirmed, `false` when they
    /// cancelled (with Cancel or Escape).
    #[prop(into)]
    on_close: Callback<bool>,
) -> impl IntoView {
    let t = use_t();
    let dialog = NodeRef::<html::Dialog>::new();
    let cancel = NodeRef::<html::Button>::new();

    Effect::new(move |_| {
        let open = prompt.with(Option::is_some);
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            dialog.set_return_value("");
            if dialog.show_modal().is_ok()
                && let Some(cancel) = cancel.get_untracked()
            {
                let _ = cancel.focus();
            }
        } else if !open && dialog.open() {
            dialog.close();
        }
    });

    let close_with = move |value: &str| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close_with_return_value(value);
        }
    };
    let closed = move |_| {
        let confirmed =
            dialog.get_untracked().is_some_and(|dialog| dialog.return_value() == CONFIRM);
        on_close.run(confirmed);
    };
    let text = move || {
        prompt.get().map(|prompt| {
            let t = t();
            (t.reset_dialog_text)(
                t.primary_method_name(prompt.from),
                t.primary_method_name(prompt.to),
                prompt.members,
            )
        })
    };

    view! {
        <dialog
            node_ref=dialog
            class="reset-dialog"
            aria-labelledby="reset-dialog-title"
            on:close=closed
        >
            <h2 id="reset-dialog-title">{tr(|t| t.reset_dialog_title)}</h2>
            <p>{text}</p>
            <div class="dialog-actions">
                <button type="button" node_ref=cancel autofocus on:click=move |_| close_with("cancel")>
                    {tr(|t| t.cancel)}
                </button>
                <button type="button" class="danger" on:click=move |_| close_with(CONFIRM)>
                    {tr(|t| t.reset_dialog_confirm)}
                </button>
            </div>
        </dialog>
    }
}
