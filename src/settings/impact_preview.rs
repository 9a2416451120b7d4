//! The impact of the edited policy, previewed by the server while the person edits.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use twostep_contract::{PolicyImpact, PolicySettings};

use crate::api::ApiError;
use crate::settings::policy_draft::PolicyDraft;

/// How long the settings must stay unchanged before their impact is asked for.
pub const PREVIEW_DEBOUNCE: Duration = Duration::from_millis(300);

/// How long the console waits for a preview asked again after the server refused a save until
/// its reset is confirmed, before it asks the person with what it has.
pub const PREVIEW_PATIENCE: Duration = Duration::from_secs(2);

/// A preview's answer, with the candidate settings it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImpactAnswer {
    /// The saved settings the candidate was compared with.
    pub saved: PolicySettings,
    /// The settings the impact was computed for.
    pub candidate: PolicySettings,
    /// What saving them would do.
    pub impact: PolicyImpact,
}

/// What asks the server for the impact of a candidate.
type Fetch = Rc<dyn Fn(PolicySettings) -> Pin<Box<dyn Future<Output = PreviewResult>>>>;

/// The answer of one preview request.
type PreviewResult = Result<PolicyImpact, ApiError>;

/// The latest impact of a draft's edited settings against its saved ones.
///
/// The saved policy's impact is asked for at once; later changes wait for the person to pause
/// ([`PREVIEW_DEBOUNCE`]). Every request gets a sequence number, and an answer that is not for
/// the latest request is dropped, so a slow answer can never overwrite a newer one.
#[derive(Clone, Copy)]
pub struct ImpactPreview {
    draft: PolicyDraft,
    answer: RwSignal<Option<ImpactAnswer>>,
    updating: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    fetch: StoredValue<Fetch, LocalStorage>,
    latest: StoredValue<u64>,
}

impl std::fmt::Debug for ImpactPreview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImpactPreview")
            .field("answer", &self.answer)
            .field("updating", &self.updating)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl ImpactPreview {
    /// Follows `draft`, asking `fetch` for the impact of each new candidate after `debounce`.
    pub fn new<Fut>(
        draft: PolicyDraft,
        fetch: impl Fn(PolicySettings) -> Fut + 'static,
        debounce: Duration,
    ) -> ImpactPreview
    where
        Fut: Future<Output = PreviewResult> + 'static,
    {
        let fetch: Fetch = Rc::new(move |candidate| Box::pin(fetch(candidate)));
        let preview = ImpactPreview {
            draft,
            answer: RwSignal::new(None),
            updating: RwSignal::new(true),
            error: RwSignal::new(None),
            fetch: StoredValue::new_local(fetch),
            latest: StoredValue::new(0),
        };
        Effect::new(move |previous: Option<()>| {
            // The saved settings are part of the key: after a save or a conflict, the same
            // candidate has another impact.
            let saved = draft.saved_settings();
            let candidate = draft.edited();
            let Some(sequence) = preview.next_sequence() else { return };
            let ask = move || {
                if preview.latest.try_get_value() != Some(sequence) {
                    return;
                }
                leptos::task::spawn_local(async move {
                    preview.ask(sequence, saved, candidate).await;
                });
            };
            if previous.is_none() { ask() } else { set_timeout(ask, debounce) }
        });
        preview
    }

    /// Starts a request: its sequence number, and the panel says it is updating.
    fn next_sequence(&self) -> Option<u64> {
        let sequence = self.latest.try_update_value(|latest| {
            *latest += 1;
            *latest
        })?;
        self.updating.try_set(true);
        Some(sequence)
    }

    /// Asks for the impact of `candidate` against `saved`, and shows the answer if request
    /// `sequence` is still the latest.
    async fn ask(
        &self,
        sequence: u64,
        saved: PolicySettings,
        candidate: PolicySettings,
    ) -> Option<PreviewResult> {
        let fetch = self.fetch.try_get_value()?;
        let answer = fetch(candidate).await;
        if self.latest.try_get_value() == Some(sequence) {
            match &answer {
                Ok(impact) => {
                    let impact = *impact;
                    self.answer.try_set(Some(ImpactAnswer { saved, candidate, impact }));
                    self.error.try_set(None);
                }
                Err(error) => {
                    self.error.try_set(Some(error.clone()));
                }
            }
            self.updating.try_set(false);
        }
        Some(answer)
    }

    /// Asks the server again, at once, for the members a save of `candidate` over `saved`
    /// resets (as when the server refused the save until its reset is confirmed, though the
    /// preview said nothing about a reset). While they are still the edited and saved
    /// settings, the panel shows the new answer, so that it agrees with what the caller does
    /// with it. `None` when the preview failed (or the page is gone).
    pub async fn ask_again(&self, saved: PolicySettings, candidate: PolicySettings) -> Option<u64> {
        if self.draft.is_disposed() {
            return None;
        }
        let current = untrack(|| (self.draft.saved_settings(), self.draft.edited()));
        let answer = if current == (saved, candidate) {
            let sequence = self.next_sequence()?;
            self.ask(sequence, saved, candidate).await?
        } else {
            self.fetch.try_get_value()?(candidate).await
        };
        answer.ok().map(|impact| impact.members_reset)
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

    /// The members a save of exactly `candidate` over exactly `saved` resets, as the latest
    /// answer says (`members_reset`, the field the panel shows); `None` when the latest answer
    /// is about other settings (not reactive).
    pub fn members_reset_for(
        &self,
        saved: PolicySettings,
        candidate: PolicySettings,
    ) -> Option<u64> {
        self.answer.with_untracked(|answer| {
            answer
                .filter(|answer| answer.saved == saved && answer.candidate == candidate)
                .map(|answer| answer.impact.members_reset)
        })
    }
}
