//! The policy being edited: the server's copy, the person's copy, and what saving them means.
//!
//! Nothing here speaks HTTP: the Global Settings page sends a [`SaveRequest`] and turns the
//! answer into a [`SaveOutcome`], so the form can be driven without a server.

use leptos::prelude::*;
use twostep_contract::{Policy, PolicySettings, PolicyUpdate, PolicyUpdated, PrimaryMethod};

use crate::api::ApiError;

/// The saved policy (the server's copy, with its revision) and the edited settings.
///
/// "Dirty" is derived from the two and never stored: the form has unsaved changes exactly when
/// the edited settings differ from the saved ones.
#[derive(Clone, Copy, Debug)]
pub struct PolicyDraft {
    saved: RwSignal<Policy>,
    edited: RwSignal<PolicySettings>,
}

impl PolicyDraft {
    /// A draft of `saved`, with nothing changed yet.
    pub fn new(saved: Policy) -> PolicyDraft {
        let edited = RwSignal::new(saved.settings);
        PolicyDraft { saved: RwSignal::new(saved), edited }
    }

    /// The saved settings (reactive).
    pub fn saved_settings(&self) -> PolicySettings {
        self.saved.with(|saved| saved.settings)
    }

    /// The saved revision, which a save names in `If-Match` (reactive).
    pub fn revision(&self) -> i64 {
        self.saved.with(|saved| saved.revision)
    }

    /// The edited settings (reactive).
    pub fn edited(&self) -> PolicySettings {
        self.edited.get()
    }

    /// Changes the edited settings.
    pub fn edit(&self, change: impl FnOnce(&mut PolicySettings)) {
        self.edited.update(change);
    }

    /// Whether the edited settings differ from the saved ones (reactive).
    pub fn is_dirty(&self) -> bool {
        self.edited.get() != self.saved_settings()
    }

    /// Puts the saved settings back into the edited copy.
    pub fn discard(&self) {
        self.edited.set(self.saved.with_untracked(|saved| saved.settings));
    }

    /// Records the policy the server now holds: the answer of a save, or someone else's
    /// policy after a conflict. The edited copy is kept, so nothing the person chose is lost;
    /// after a successful save it equals the saved settings anyway.
    pub fn saved_is(&self, policy: Policy) {
        self.saved.set(policy);
    }

    /// The request that saves the edited settings over the saved revision.
    pub fn request(&self, confirm_reset: Option<bool>) -> SaveRequest {
        SaveRequest {
            update: PolicyUpdate { settings: self.edited.get_untracked(), confirm_reset },
            revision: self.saved.with_untracked(|saved| saved.revision),
        }
    }

    /// What "Save changes" must do now (not reactive).
    pub fn plan(&self) -> SavePlan {
        save_plan(&self.saved.with_untracked(|saved| saved.settings), &self.edited.get_untracked())
    }
}

/// What "Save changes" does for a pair of saved and edited settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavePlan {
    /// Nothing changed: nothing to send.
    Nothing,
    /// Save directly: the primary method stays the same.
    Save,
    /// The primary method changes, which resets everyone's two-step verification: ask first.
    ConfirmReset {
        /// The saved method.
        from: PrimaryMethod,
        /// The edited method.
        to: PrimaryMethod,
    },
}

/// Decides what saving `edited` over `saved` needs.
pub fn save_plan(saved: &PolicySettings, edited: &PolicySettings) -> SavePlan {
    if saved == edited {
        SavePlan::Nothing
    } else if saved.primary_method != edited.primary_method {
        SavePlan::ConfirmReset { from: saved.primary_method, to: edited.primary_method }
    } else {
        SavePlan::Save
    }
}

/// A save of the policy: the body of the `PUT` and the revision it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveRequest {
    /// The settings, and whether the reset a method change causes was confirmed.
    pub update: PolicyUpdate,
    /// The revision the edited settings were based on (`If-Match`).
    pub revision: i64,
}

/// How a save ended, as the form needs to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved (200).
    Saved(PolicyUpdated),
    /// Someone else saved first (412); their policy, read again.
    ChangedMeanwhile(Policy),
    /// The method changes and the reset was not confirmed (409); the members it would affect.
    ResetConfirmationRequired(u64),
    /// Anything else; the edited settings are kept.
    Failed(ApiError),
}
