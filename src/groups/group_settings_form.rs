//! The Settings tab of a technician group.

use leptos::prelude::*;
use twostep_contract::TechniciansPolicy;

use crate::api::ApiError;
use crate::groups::group_draft::{GroupDraft, GroupSaveOutcome, GroupSaveRequest};
use crate::i18n::{tr, use_t};
use crate::routes::AppRoute;
use crate::ui::UnsavedChanges;
use crate::ui::{ErrorAlert, FormActions, SaveNotice, SaveTexts};

/// The id of the checkbox.
const CHECKBOX_ID: &str = "force-two-step";
/// The id of the reason why the checkbox is read-only.
const READ_ONLY_ID: &str = "force-two-step-read-only";

/// How the form words the outcome of a save.
const TEXTS: SaveTexts = SaveTexts {
    applied: |t| t.group_settings_applied,
    changed_meanwhile: |t| t.group_changed_meanwhile,
};

/// The group's description and its Two-step verification section: "Force two-step
/// verification", Save changes and Discard changes (disabled while nothing changed), what the
/// change would do, and, while Global Settings › Technicians is not "Members of selected
/// technician groups", a note that the checkbox has no effect until it is.
///
/// When the server refuses a save (403), the checkbox turns read-only with the reason. Like
/// the policy form, it holds no connection to a server: it edits `draft` and sends saves
/// through `save`.
#[component]
pub fn GroupSettingsForm(
    /// The saved group and the edited setting.
    draft: GroupDraft,
    /// Saves the edited setting; its outcome updates the draft and the messages.
    save: Action<GroupSaveRequest, GroupSaveOutcome>,
    /// Global Settings › Technicians, once read.
    #[prop(into)]
    technicians: Signal<Option<TechniciansPolicy>>,
    /// Whether to link the note to Global Settings (master administrators).
    link_global_settings: bool,
) -> impl IntoView {
    let t = use_t();
    let dirty = Signal::derive(move || draft.is_dirty());
    let unsaved = UnsavedChanges::use_or_detached();
    unsaved.track(dirty);
    let pending = save.pending();
    let notice = RwSignal::new(None::<SaveNotice>);
    let read_only = RwSignal::new(None::<ApiError>);

    Effect::new(move |_| {
        let Some(outcome) = save.value().get() else { return };
        match outcome {
            GroupSaveOutcome::Saved(group) => {
                draft.saved_is(group);
                notice.set(Some(SaveNotice::Saved));
            }
            GroupSaveOutcome::ChangedMeanwhile(theirs) => {
                let forced = theirs.force_two_step;
                draft.saved_is(theirs);
                let summary = ViewFn::from(
                    move || view! { <p>{move || t().force_two_step_state(forced)}</p> },
                );
                notice.set(Some(SaveNotice::ChangedMeanwhile(summary)));
            }
            GroupSaveOutcome::Failed(error @ ApiError::Forbidden { .. }) => {
                draft.discard();
                notice.set(None);
                read_only.set(Some(error));
            }
            GroupSaveOutcome::Failed(error) => notice.set(Some(SaveNotice::Failed(error))),
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !pending.get_untracked() && untrack(|| draft.is_dirty()) {
            notice.set(None);
            save.dispatch_local(draft.request());
        }
    };
    let description = draft.with_saved(|group| group.description.clone());
    let inactive_note = move || {
        let inactive = technicians
            .get()
            .is_some_and(|technicians| technicians != TechniciansPolicy::SelectedGroups);
        inactive.then(|| {
            view! {
                <p class="important-note">
                    {tr(|t| t.force_two_step_inactive)}
                    {link_global_settings
                        .then(|| {
                            view! {
                                " "
                                <a
                                    href=AppRoute::GlobalSettings.path()
                                    on:click=move |event| unsaved.guard_link(&event)
                                >
                                    {tr(|t| t.open_global_settings)}
                                </a>
                            }
                        })}
                </p>
            }
        })
    };
    let impact = move || {
        let applies = technicians.get() == Some(TechniciansPolicy::SelectedGroups);
        (applies && dirty.get()).then(|| {
            let count = draft.with_saved(|group| group.technicians);
            if draft.edited() {
                t().group_impact_require(count)
            } else {
                t().group_impact_release(count)
            }
        })
    };
    let reason = move || {
        read_only.get().map(|error| {
            view! { <ErrorAlert error id=READ_ONLY_ID /> }
        })
    };

    let description =
        (!description.is_empty()).then(|| view! { <p class="group-description">{description}</p> });
    let is_read_only = move || read_only.with(Option::is_some);
    view! {
        {description}
        <section class="policy editing" aria-labelledby="group-two-step-heading">
            <h2 id="group-two-step-heading">{tr(|t| t.two_step_heading)}</h2>
            {inactive_note}
            <form class="policy-form" on:submit=submit>
                <div class="radio-option">
                    <input
                        type="checkbox"
                        id=CHECKBOX_ID
                        prop:checked=move || draft.edited()
                        disabled=is_read_only
                        aria-describedby=move || is_read_only().then_some(READ_ONLY_ID)
                        on:change=move |event| {
                            let checked = event_target_checked(&event);
                            draft.edit(|forced| *forced = checked);
                        }
                    />
                    <label for=CHECKBOX_ID>{tr(|t| t.force_two_step)}</label>
                </div>
                {reason}
                <p class="group-impact" aria-live="polite">
                    {impact}
                </p>
                <FormActions
                    dirty
                    pending
                    notice
                    on_discard=move |()| draft.discard()
                    texts=TEXTS
                    revision=Signal::derive(move || draft.revision())
                />
            </form>
        </section>
    }
}
