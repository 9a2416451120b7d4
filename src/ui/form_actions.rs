//! The foot of a settings form: Save changes, Discard changes, what the last save said, and the
//! revision.

use leptos::{html, prelude::*};

use crate::i18n::{tr, use_t};
use crate::ui::{SaveFeedback, SaveNotice, SaveTexts};

/// Save changes (the form's submit button) and Discard changes, both disabled while nothing is
/// changed or a save is in flight; below them the latest save's feedback and the revision.
#[component]
pub fn FormActions(
    /// Whether the edited copy differs from the saved one.
    #[prop(into)]
    dirty: Signal<bool>,
    /// Whether a save is in flight.
    #[prop(into)]
    pending: Signal<bool>,
    /// What the latest save said; Discard changes clears it.
    notice: RwSignal<Option<SaveNotice>>,
    /// Restores the saved copy.
    #[prop(into)]
    on_discard: Callback<()>,
    /// The form's own wording of the feedback.
    texts: SaveTexts,
    /// The revision of the saved copy.
    #[prop(into)]
    revision: Signal<i64>,
    /// The Save changes button, for forms that move focus back to it.
    #[prop(optional)]
    save_button: NodeRef<html::Button>,
) -> impl IntoView {
    let t = use_t();
    let idle = move || !dirty.get() || pending.get();
    let discard = move |_| {
        notice.set(None);
        on_discard.run(());
    };
    view! {
        <div class="form-actions">
            <button type="submit" class="primary" node_ref=save_button disabled=idle>
                {tr(|t| t.save_changes)}
            </button>
            <button type="button" disabled=idle on:click=discard>
                {tr(|t| t.discard_changes)}
            </button>
        </div>
        {move || notice.get().map(|notice| view! { <SaveFeedback notice texts /> })}
        <p class="revision">
            <small>{move || t().revision(&revision.get().to_string())}</small>
        </p>
    }
}
