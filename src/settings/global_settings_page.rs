//! `/organization/global-settings`: the Global Settings tab.

use leptos::prelude::*;
use twostep_contract::{Policy, PolicySettings};

use crate::i18n::tr;
use crate::session::use_session;
use crate::settings::PolicyForm;
use crate::settings::impact_preview::{ImpactPreview, PREVIEW_DEBOUNCE};
use crate::settings::policy_draft::{PolicyDraft, SaveOutcome, SaveRequest};
use crate::store::{OrgStore, Written, call, save};
use crate::ui::read_view::{read_state, read_view};

/// Global Settings: the two-step verification policy form. Master administrators only;
/// others are told so, and nothing is requested.
#[component]
pub fn GlobalSettingsPage() -> impl IntoView {
    let session = use_session();
    move || {
        let may_see =
            session.session().is_some_and(|session| session.user.is_master_administrator());
        if may_see {
            view! { <TwoStepPolicy /> }.into_any()
        } else {
            view! { <p class="hint">{tr(|t| t.global_settings_master_only)}</p> }.into_any()
        }
    }
}

/// Shows the policy of the store in its form, its loading status, or why it could not be
/// read. The form is built once per reading: a save recorded in the store does not rebuild it.
#[component]
fn TwoStepPolicy() -> impl IntoView {
    let store = expect_context::<OrgStore>();
    let state = Memo::new(move |_| read_state(&store.policy()));
    let retry = Callback::new(move |()| store.load_policy());
    move || {
        let policy = untrack(|| store.policy()).and_then(Result::ok);
        read_view(state.get(), retry, move |()| match policy {
            Some(policy) => view! { <PolicyEditor store policy /> }.into_any(),
            None => ().into_any(),
        })
    }
}

/// Connects the form to the server (the impact previews and the saves) and to the store (the
/// technician groups, and the saved policy every save records).
#[component]
fn PolicyEditor(
    /// The store the policy was read from.
    store: OrgStore,
    /// The policy as read.
    policy: Policy,
) -> impl IntoView {
    let session = store.session();
    let draft = PolicyDraft::new(policy);
    let preview = ImpactPreview::new(
        draft,
        move |settings: PolicySettings| {
            call(session, move |client| async move { client.preview_policy(&settings).await })
        },
        PREVIEW_DEBOUNCE,
    );
    let save = Action::new_local(move |request: &SaveRequest| save_policy(store, *request));
    view! { <PolicyForm draft save preview groups=store.groups() /> }
}

/// Sends a save through the one save flow and records in the store what the server now holds;
/// a 409 `reset-confirmation-required` brings how many members the method change would reset,
/// when the server says.
async fn save_policy(store: OrgStore, request: SaveRequest) -> SaveOutcome {
    let written = save(
        store.session(),
        move |client| async move { client.put_policy(&request.update, request.revision).await },
        |client| async move { client.get_policy().await },
    )
    .await;
    match written {
        Written::Done(updated) => {
            store.policy_is(updated.policy.clone());
            SaveOutcome::Saved(updated)
        }
        Written::ChangedMeanwhile(theirs) => {
            store.policy_is(theirs.clone());
            SaveOutcome::ChangedMeanwhile(theirs)
        }
        Written::Failed(error) if error.requires_reset_confirmation() => {
            SaveOutcome::ResetConfirmationRequired(error.members_reset())
        }
        Written::Failed(error) => SaveOutcome::Failed(error),
    }
}
