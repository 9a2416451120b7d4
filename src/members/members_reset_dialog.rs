//! The "Force two-step verification reset" dialog of the Members tab.

use leptos::prelude::*;
use twostep_contract::MembersReset;

use crate::api::ApiError;
use crate::i18n::{tr, use_t};
use crate::ui::ConfirmDialog;

/// The most members the dialog names; it counts the others.
const NAMED_IN_DIALOG: usize = 5;

/// The outcome of the latest reset: how many members it reset, or why it failed.
pub type ResetOutcome = Result<MembersReset, ApiError>;

/// The question the dialog asks: the members selected when it opened. The dialog names them
/// and a confirmation resets exactly them, whatever happens to the page meanwhile.
#[derive(Clone, Debug, PartialEq)]
pub struct ResetRequest {
    /// Their ids, in the order they were selected.
    pub ids: Vec<i64>,
    /// "Name (email)" of each, in the order of the page.
    pub people: Vec<String>,
}

/// A [`ConfirmDialog`], open while `asking` is set, that names the members (up to five, or
/// counts them), warns what a reset does, and on "Reset" runs `reset` with their ids; it stays
/// open, busy, until the reset answers. Cancel clears `asking`.
#[component]
pub fn MembersResetDialog(
    /// The question to ask; `None` keeps the dialog closed.
    asking: RwSignal<Option<ResetRequest>>,
    /// Resets the two-step verification of the members named.
    reset: Action<Vec<i64>, ResetOutcome>,
    /// Called once the dialog has closed, to put the focus back.
    #[prop(into)]
    on_closed: Callback<()>,
) -> impl IntoView {
    let t = use_t();
    let answered = move |confirmed: bool| match asking.get_untracked() {
        Some(request) if confirmed => {
            reset.dispatch_local(request.ids);
        }
        _ => asking.set(None),
    };
    let named = move || {
        let t = t();
        asking.get().map(|ResetRequest { ids, people }| {
            let list = (people.len() <= NAMED_IN_DIALOG).then(|| {
                let items =
                    people.into_iter().map(|person| view! { <li>{person}</li> }).collect_view();
                view! { <ul>{items}</ul> }
            });
            view! {
                <p>{t.members_reset_text(ids.len() as u64)}</p>
                {list}
            }
        })
    };
    view! {
        <ConfirmDialog
            open=Signal::derive(move || asking.with(Option::is_some))
            title_id="members-reset-title"
            title=|t| t.members_reset_title
            confirm=|t| t.members_reset_confirm
            busy=reset.pending()
            busy_text=|t| t.resetting
            on_answer=answered
            on_closed=on_closed
        >
            {named}
            <p>{tr(|t| t.members_reset_warning)}</p>
        </ConfirmDialog>
    }
}
