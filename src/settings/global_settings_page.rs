//! `/organization/global-settings`: the Global Settings tab.

use leptos::prelude::*;
use twostep_contract::{Policy, PolicySettings};

use crate::api::{ApiClient, ApiError};
use crate::i18n::tr;
use crate::session::{SessionContext, use_session};
use crate::settings::PolicyForm;
use crate::settings::impact_preview::{ImpactPreview, PREVIEW_DEBOUNCE};
use crate::settings::policy_draft::{PolicyDraft, SaveOutcome, SaveRequest};
use crate::store::OrgData;
use crate::ui::Read;
use crate::ui::{LoadError, LoadingStatus};

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

/// Reads the policy and shows its form, its loading status, or why it could not be read.
#[component]
fn TwoStepPolicy() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let policy = Read::new(move || {
        let client = client.clone();
        async move { client.get_policy().await }
    });
    move || match policy.get() {
        None => view! { <LoadingStatus /> }.into_any(),
        Some(Ok(policy)) => view! { <PolicyEditor policy /> }.into_any(),
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| policy.retry() /> }.into_any()
        }
    }
}

/// Connects the form to the server (the technician groups, the impact previews and the saves)
/// and the saves to the organization tree.
#[component]
fn PolicyEditor(
    /// The policy as read.
    policy: Policy,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let session = use_session();
    let draft = PolicyDraft::new(policy);
    let groups = Read::new({
        let client = client.clone();
        move || {
            let client = client.clone();
            async move { client.list_technician_groups().await }
        }
    });
    let preview = ImpactPreview::new(
        draft,
        {
            let client = client.clone();
            move |settings: PolicySettings| {
                let client = client.clone();
                async move {
                    let signed_in = signed_in(session)?;
                    client
                        .preview_policy(&settings, &signed_in)
                        .await
                        .inspect_err(|error| end_if_expired(session, error))
                }
            }
        },
        PREVIEW_DEBOUNCE,
    );
    let save = Action::new_local(move |request: &SaveRequest| {
        save_policy(client.clone(), session, *request)
    });
    // The tree's badges follow the saved policy.
    if let Some(org) = use_context::<OrgData>() {
        Effect::new(move |_| match save.value().get() {
            Some(SaveOutcome::Saved(updated)) => org.policy_saved(updated.policy.settings),
            Some(SaveOutcome::ChangedMeanwhile(theirs)) => org.policy_saved(theirs.settings),
            _ => {}
        });
    }
    view! { <PolicyForm draft save preview groups=Signal::derive(move || groups.get()) /> }
}

/// Sends a save and sorts its answer out: after a 412, reads the policy that won, so the form
/// can show it.
async fn save_policy(
    client: ApiClient,
    session: SessionContext,
    request: SaveRequest,
) -> SaveOutcome {
    let failed = |error: ApiError| {
        end_if_expired(session, &error);
        SaveOutcome::Failed(error)
    };
    let signed_in = match signed_in(session) {
        Ok(signed_in) => signed_in,
        Err(error) => return failed(error),
    };
    match client.put_policy(&request.update, request.revision, &signed_in).await {
        Ok(updated) => SaveOutcome::Saved(updated),
        Err(ApiError::PreconditionFailed(_)) => match client.get_policy().await {
            Ok(theirs) => SaveOutcome::ChangedMeanwhile(theirs),
            Err(error) => failed(error),
        },
        Err(error) => match error.members_affected() {
            Some(members) => SaveOutcome::ResetConfirmationRequired(members),
            None => failed(error),
        },
    }
}

/// The signed-in session, whose CSRF token every write carries.
fn signed_in(session: SessionContext) -> Result<twostep_contract::Session, ApiError> {
    untrack(|| session.session()).ok_or(ApiError::Unauthorized { sign_in_url: None })
}

/// A 401 means the session is over: the Admin Center then sends the person to sign in.
fn end_if_expired(session: SessionContext, error: &ApiError) {
    if let ApiError::Unauthorized { sign_in_url } = error {
        session.expired(sign_in_url.clone());
    }
}
