//! The two-step verification policy form of Global Settings.

use leptos::{html, prelude::*};
use twostep_contract::{
    AdministratorsPolicy, PolicyUpdate, PrimaryMethod, TechnicianGroup, TechniciansPolicy,
    Vocabulary,
};

use crate::api::ApiError;
use crate::i18n::{EN, tr, use_t};
use crate::settings::impact_preview::ImpactPreview;
use crate::settings::policy_draft::{PolicyDraft, SaveOutcome, SavePlan, SaveRequest};
use crate::settings::reset_count::{count_after_refusal, dialog_count};
use crate::settings::{
    ForcedGroups, ImpactPanel, MethodChangeDialog, MethodChangePrompt, PolicySummary,
};
use crate::ui::UnsavedChanges;
use crate::ui::{FormActions, RadioOption, SaveNotice, SaveTexts};

/// The Two-step verification section for master administrators: who must use it and the
/// primary method as radio groups, "Save changes" and "Discard changes" (disabled while
/// nothing changed), the impact of the edited settings, and the warning dialog before a
/// method change.
///
/// The form holds no connection to a server: it edits `draft`, sends saves through `save`
/// and shows `preview`, so it can be mounted with stand-ins for all three.
#[component]
pub fn PolicyForm(
    /// The saved policy and the edited settings.
    draft: PolicyDraft,
    /// Saves the edited settings; its outcome updates the draft and the messages.
    save: Action<SaveRequest, SaveOutcome>,
    /// The impact of the edited settings.
    preview: ImpactPreview,
    /// The organization's technician groups (`None` while they load), for the groups that
    /// force two-step verification.
    #[prop(into)]
    groups: Signal<Option<Result<Vec<TechnicianGroup>, ApiError>>>,
) -> impl IntoView {
    let t = use_t();
    let dirty = Signal::derive(move || draft.is_dirty());
    UnsavedChanges::use_or_detached().track(dirty);
    let pending = save.pending();
    let notice = RwSignal::new(None::<SaveNotice>);
    let prompt = RwSignal::new(None::<MethodChangePrompt>);
    // The save the dialog asks about: confirming sends exactly it, with `confirm_reset`.
    let asked = StoredValue::new(None::<SaveRequest>);
    // The latest save sent, which a refusal (409) is about.
    let sent = StoredValue::new(None::<SaveRequest>);
    let save_button = NodeRef::<html::Button>::new();

    let send = move |request: SaveRequest| {
        notice.set(None);
        sent.set_value(Some(request));
        save.dispatch_local(request);
    };
    let ask = move |request: SaveRequest, members: Option<u64>| {
        // The count may arrive after the person has left the page: nothing to ask them then.
        if draft.is_disposed() || prompt.is_disposed() {
            return;
        }
        asked.set_value(Some(request));
        let from = untrack(|| draft.saved_settings()).primary_method;
        let to = request.update.settings.primary_method;
        prompt.set(Some(MethodChangePrompt { from, to, members }));
    };

    Effect::new(move |_| {
        let Some(outcome) = save.value().get() else { return };
        match outcome {
            SaveOutcome::Saved(updated) => {
                draft.saved_is(updated.policy);
                notice.set(Some(SaveNotice::Saved));
            }
            SaveOutcome::ChangedMeanwhile(theirs) => {
                let settings = theirs.settings;
                draft.saved_is(theirs);
                let summary = ViewFn::from(move || view! { <PolicySummary settings /> });
                notice.set(Some(SaveNotice::ChangedMeanwhile(summary)));
            }
            SaveOutcome::ResetConfirmationRequired(from_refusal) => {
                let Some(request) = sent.get_value() else { return };
                let saved = untrack(|| draft.saved_settings());
                let candidate = request.update.settings;
                count_after_refusal(preview, saved, candidate, from_refusal, move |members| {
                    ask(request, members)
                });
            }
            SaveOutcome::Failed(error) => notice.set(Some(SaveNotice::Failed(error))),
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = draft.request(None);
        match draft.plan() {
            SavePlan::Nothing => {}
            SavePlan::Save => send(request),
            SavePlan::ConfirmReset { .. } => {
                let saved = untrack(|| draft.saved_settings());
                let counted = preview.members_reset_for(saved, request.update.settings);
                match dialog_count(counted, None) {
                    Some(members) => ask(request, Some(members)),
                    // No preview of this candidate counts a reset (yet, or ever, from a backend
                    // whose preview says nothing about it): the server's refusal (409) will,
                    // and opens the dialog.
                    None => send(request),
                }
            }
        }
    };
    let dialog_closed = move |confirmed: bool| {
        prompt.set(None);
        let question = asked.try_update_value(Option::take).flatten();
        if let (true, Some(request)) = (confirmed, question) {
            let update = PolicyUpdate { confirm_reset: Some(true), ..request.update };
            send(SaveRequest { update, ..request });
        } else if let Some(button) = save_button.get_untracked() {
            let _ = button.focus();
        }
    };

    // Collected into vectors of one element type, so the three groups share their rendering
    // code.
    // Each radio's value is the contract's name of its value.
    let administrators = AdministratorsPolicy::ALL
        .iter()
        .copied()
        .map(|value| {
            let label = Signal::derive(move || t().administrators_policy(value));
            view! {
                <RadioOption
                    name="administrators"
                    value=value.wire_name()
                    label
                    checked=Signal::derive(move || draft.edited().administrators == value)
                    on_choose=move |()| draft.edit(|edited| edited.administrators = value)
                />
            }
        })
        .collect_view();
    let technicians = TechniciansPolicy::ALL
        .iter()
        .copied()
        .map(|value| {
            let label = Signal::derive(move || t().technicians_policy(value));
            view! {
                <RadioOption
                    name="technicians"
                    value=value.wire_name()
                    label
                    checked=Signal::derive(move || draft.edited().technicians == value)
                    on_choose=move |()| draft.edit(|edited| edited.technicians = value)
                />
            }
        })
        .collect_view();
    let selected_groups_chosen =
        move || draft.edited().technicians == TechniciansPolicy::SelectedGroups;
    let methods = PrimaryMethod::ALL
        .iter()
        .copied()
        .map(|method| {
            let label = Signal::derive(move || t().primary_method_name(method));
            let description = Signal::derive(move || t().primary_method_description(method));
            // Which methods have a note does not depend on the language.
            let note = EN.primary_method_note(method).map(|_| {
                Signal::derive(move || t().primary_method_note(method).unwrap_or_default())
            });
            view! {
                <RadioOption
                    name="primary-method"
                    value=method.wire_name()
                    label
                    description
                    note
                    checked=Signal::derive(move || draft.edited().primary_method == method)
                    on_choose=move |()| draft.edit(|edited| edited.primary_method = method)
                />
            }
        })
        .collect_view();

    view! {
        <section class="policy editing" aria-labelledby="two-step-heading">
            <h2 id="two-step-heading">{tr(|t| t.two_step_heading)}</h2>
            <p class="intro">{tr(|t| t.two_step_intro)}</p>
            <div class="policy-editor">
                <form class="policy-form" on:submit=submit>
                    <fieldset>
                        <legend>{tr(|t| t.administrators)}</legend>
                        {administrators}
                    </fieldset>
                    <fieldset>
                        <legend>{tr(|t| t.technicians)}</legend>
                        {technicians}
                        <Show when=selected_groups_chosen>
                            <ForcedGroups groups />
                        </Show>
                    </fieldset>
                    <fieldset>
                        <legend>{tr(|t| t.primary_method)}</legend>
                        {methods}
                    </fieldset>
                    <p class="important-note">
                        <strong>{tr(|t| t.important_label)}</strong>
                        " "
                        {tr(|t| t.important_note)}
                    </p>
                    <FormActions
                        dirty
                        pending
                        notice
                        on_discard=move |()| draft.discard()
                        texts=TEXTS
                        revision=Signal::derive(move || draft.revision())
                        save_button
                    />
                </form>
                <ImpactPanel preview />
            </div>
        </section>
        <MethodChangeDialog prompt on_close=dialog_closed />
    }
}

/// How the form words the outcome of a save.
const TEXTS: SaveTexts = SaveTexts {
    applied: |t| t.settings_applied,
    changed_meanwhile: |t| t.policy_changed_meanwhile,
};
