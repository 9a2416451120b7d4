//! The impact of the edited policy, previewed by the server while the person edits.

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use twostep_contract::{PolicyImpact, PolicySettings};

use crate::api::ApiError;
use crate::settings::policy_draft::PolicyDraft;

/// How long the settings must stay unchanged before their impact is asked for.
pub const PREVIEW_DEBOUNCE: Duration = Duration::from_millis(300);

/// A preview's answer, with the candidate settings it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImpactAnswer {
    /// The settings the impact was computed for.
    pub candidate: PolicySettings,
    /// What saving them would do.
    pub impact: PolicyImpact,
}

/// The latest impact of a draft's edited settings against its saved ones.
///
/// The saved policy's impact is asked for at once; later changes wait for the person to pause
/// ([`PREVIEW_DEBOUNCE`]). Every request gets a sequence number, and an answer that is not for
/// the latest request is dropped, so a slow answer can never overwrite a newer one.
#[derive(Clone, Copy, Debug)]
pub struct ImpactPreview {
    answer: RwSignal<Option<ImpactAnswer>>,
    updating: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
}

impl ImpactPreview {
    /// Follows `draft`, asking `fetch` for the impact of each new candidate after `debounce`.
    pub fn new<Fut>(
        draft: PolicyDraft,
        fetch: impl Fn(PolicySettings) -> Fut + 'static,
        debounce: Duration,
    ) -> ImpactPreview
    where
        Fut: Future<Output = Result<PolicyImpact, ApiError>> + 'static,
    {
        let preview = ImpactPreview {
            answer: RwSignal::new(None),
            updating: RwSignal::new(true),
            error: RwSignal::new(None),
        };
        let fetch = Rc::new(fetch);
        let latest = StoredValue::new(0_u64);
        Effect::new(move |previous: Option<()>| {
            // The saved settings are part of the key: after a save or a conflict, the same
            // candidate has another impact.
            let _saved = draft.saved_settings();
            let candidate = draft.edited();
            let Some(sequence) = latest.try_update_value(|latest| {
                *latest += 1;
                *latest
            }) else {
                return;
            };
            preview.updating.set(true);
            let fetch = Rc::clone(&fetch);
            let ask = move || {
                if latest.try_get_value() != Some(sequence) {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let answer = fetch(candidate).await;
                    if latest.try_get_value() != Some(sequence) {
                        return;
                    }
                    match answer {
                        Ok(impact) => {
                            preview.answer.try_set(Some(ImpactAnswer { candidate, impact }));
                            preview.error.try_set(None);
                        }
                        Err(error) => {
                            preview.error.try_set(Some(error));
                        }
                    }
                    preview.updating.try_set(false);
                });
            };
            if previous.is_none() { ask() } else { set_timeout(ask, debounce) }
        });
        preview
    }

    /// The latest answer, which may be for an earlier candidate while [`Self::is_updating`]
    /// (reactive).
    pub fn answer(&self) -> Option<ImpactAnswer> {
        self.answer.get()
    }

    /// Whether a newer candidate's impact is awaited (reactive).
    pub fn is_updating(&self) -> bool {
        self.updating.get()
    }

    /// Why the latest preview failed, if it did (reactive).
    pub fn error(&self) -> Option<ApiError> {
        self.error.get()
    }

    /// The organization's number of members, from any answer so far (not reactive).
    pub fn members_total(&self) -> Option<u64> {
        self.answer.with_untracked(|answer| answer.map(|answer| answer.impact.members_total))
    }
}
