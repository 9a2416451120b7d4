//! How many members the warning dialog before a method change says must set up two-step
//! verification again.
//!
//! The dialog and the impact panel read the same documented field, `members_reset`, of the
//! preview of exactly the candidate being saved, so they agree whenever the backend's preview
//! counts the reset. A backend may refuse the save (409 `reset-confirmation-required`) though
//! its preview said nothing about a reset: the console then asks for the preview again (the
//! panel shows that answer), and only if it still counts none falls back on the count of the
//! refusal, or on none; then the dialog's number is the refusal's, which the panel does not
//! show. Whatever the answers, the dialog opens.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use twostep_contract::PolicySettings;

use crate::settings::impact_preview::{ImpactPreview, PREVIEW_PATIENCE};

/// The count the dialog shows: the preview's `members_reset` when it counts a reset, else the
/// server's count from its refusal, else none (the dialog then speaks of every member). A
/// count of 0 is no count: nobody would be asked to confirm resetting nobody.
pub fn dialog_count(from_preview: Option<u64>, from_refusal: Option<u64>) -> Option<u64> {
    from_preview.filter(|&members| members > 0).or(from_refusal.filter(|&members| members > 0))
}

/// After the server refused to save `candidate` over `saved` until its reset is confirmed:
/// calls `open` once with the dialog's count. That is the preview's `members_reset` when the
/// latest answer, for exactly these settings, counts a reset; otherwise the preview is asked
/// again (the panel shows its answer) and, should it still count none, fail, or take longer
/// than [`PREVIEW_PATIENCE`], `from_refusal` decides with [`dialog_count`].
pub fn count_after_refusal(
    preview: ImpactPreview,
    saved: PolicySettings,
    candidate: PolicySettings,
    from_refusal: Option<u64>,
    open: impl FnOnce(Option<u64>) + 'static,
) {
    if let Some(members) = dialog_count(preview.members_reset_for(saved, candidate), None) {
        open(Some(members));
        return;
    }
    // The first of the new answer and the end of the wait opens the dialog.
    let open = Rc::new(Cell::new(Some(open)));
    let first = move |members: Option<u64>| {
        if let Some(open) = open.take() {
            open(members);
        }
    };
    let on_time = first.clone();
    set_timeout(move || on_time(dialog_count(None, from_refusal)), PREVIEW_PATIENCE);
    leptos::task::spawn_local(async move {
        let fresh = preview.ask_again(saved, candidate).await;
        first(dialog_count(fresh, from_refusal));
    });
}
