//! The policy being edited: the server's copy, the person's copy, and what saving them means.
//!
//! The two copies live in a [`Draft`]. Nothing here speaks HTTP: the Global Settings page
//! sends a [`SaveRequest`] and turns the answer into a [`SaveOutcome`], so the form can be
//! driven without a server.

use leptos::prelude::*;
use twostep_contract::{Policy, PolicySettings, PolicyUpdate, PolicyUpdated, PrimaryMethod};

use crate::api::ApiError;
use crate::ui::Draft;

/// The saved policy (the server's copy, with its revision) and the edited settings.
pub type PolicyDraft = Draft<Policy>;

impl Draft<Policy> {
    /// The saved settings (reactive).
    pub fn saved_settings(&self) -> PolicySettings {
        self.saved_values()
    }

    /// The request that saves the edited settings over the saved revision.
    pub fn request(&self, confirm_reset: Option<bool>) -> SaveRequest {
        SaveRequest {
            update: PolicyUpdate { settings: self.edited_untracked(), confirm_reset },
            revision: self.revision_untracked(),
        }
    }

    /// What "Save changes" must do now (not reactive).
    pub fn plan(&self) -> SavePlan {
        save_plan(&untrack(|| self.saved_settings()), &self.edited_untracked())
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
    } else if saved.method_changes(edited) {
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
    /// The method changes and the reset was not confirmed (409); the members it would reset,
    /// when the server said (`members_reset`, or its deprecated synonym `members_affected`).
    ResetConfirmationRequired(Option<u64>),
    /// Anything else; the edited settings are kept.
    Failed(ApiError),
}
