//! The warning dialog before a method change resets everyone's two-step verification.

use leptos::prelude::*;
use twostep_contract::PrimaryMethod;

use crate::i18n::use_t;
use crate::ui::ConfirmDialog;

/// What the dialog asks about: the method change and how many members it resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodChangePrompt {
    /// The saved method.
    pub from: PrimaryMethod,
    /// The chosen method.
    pub to: PrimaryMethod,
    /// The members who must set up two-step verification again (`members_reset`), or `None`
    /// when no answer of the server said how many: the text then says "every member".
    pub members: Option<u64>,
}

/// A [`ConfirmDialog`], open while `prompt` is set, that names both methods and the members
/// affected, and offers "Change method and reset" and "Cancel".
#[component]
pub fn MethodChangeDialog(
    /// The question to ask; `None` keeps the dialog closed.
    #[prop(into)]
    prompt: Signal<Option<MethodChangePrompt>>,
    /// The person's answer: `true` when they confirmed, `false` when they cancelled (with
    /// Cancel or Escape). The owner then clears `prompt`, which closes the dialog.
    #[prop(into)]
    on_close: Callback<bool>,
) -> impl IntoView {
    let t = use_t();
    let text = move || {
        prompt.get().map(|prompt| {
            let t = t();
            t.reset_dialog(
                t.primary_method_name(prompt.from),
                t.primary_method_name(prompt.to),
                prompt.members,
            )
        })
    };
    view! {
        <ConfirmDialog
            open=Signal::derive(move || prompt.with(Option::is_some))
            title_id="reset-dialog-title"
            title=|t| t.reset_dialog_title
            confirm=|t| t.reset_dialog_confirm
            on_answer=on_close
        >
            <p>{text}</p>
        </ConfirmDialog>
    }
}
