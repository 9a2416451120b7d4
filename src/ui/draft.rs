//! A settings form's two copies: the server's (with its revision) and the person's.
//!
//! "Dirty" is derived from the two and never stored: a form has unsaved changes exactly when
//! the edited values differ from the saved ones. Global Settings edits a [`Policy`], a group's
//! Settings tab a [`TechnicianGroup`].

use leptos::prelude::*;
use twostep_contract::{Policy, PolicySettings, TechnicianGroup};

/// A resource as the server stores it: the values a form edits, and a revision that saves
/// name in `If-Match`.
pub trait Saved: Clone + Send + Sync + 'static {
    /// The part of the resource the form edits.
    type Values: Clone + PartialEq + Send + Sync + 'static;

    /// The values as saved.
    fn values(&self) -> Self::Values;

    /// The revision, which the next save replaces.
    fn revision(&self) -> i64;
}

impl Saved for Policy {
    type Values = PolicySettings;

    fn values(&self) -> PolicySettings {
        self.settings
    }

    fn revision(&self) -> i64 {
        self.revision
    }
}

impl Saved for TechnicianGroup {
    /// "Force two-step verification".
    type Values = bool;

    fn values(&self) -> bool {
        self.force_two_step
    }

    fn revision(&self) -> i64 {
        self.revision
    }
}

/// The saved resource and the edited values.
#[derive(Debug)]
pub struct Draft<S: Saved> {
    saved: RwSignal<S>,
    edited: RwSignal<S::Values>,
}

impl<S: Saved> Clone for Draft<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Saved> Copy for Draft<S> {}

impl<S: Saved> Draft<S> {
    /// A draft of `saved`, with nothing changed yet.
    pub fn new(saved: S) -> Draft<S> {
        let edited = RwSignal::new(saved.values());
        Draft { saved: RwSignal::new(saved), edited }
    }

    /// The saved resource (reactive).
    pub fn saved(&self) -> S {
        self.saved.get()
    }

    /// Reads the saved resource without cloning it (reactive).
    pub fn with_saved<R>(&self, read: impl FnOnce(&S) -> R) -> R {
        self.saved.with(read)
    }

    /// The saved values (reactive).
    pub fn saved_values(&self) -> S::Values {
        self.saved.with(Saved::values)
    }

    /// Whether the page that made it is gone: an answer arriving after that has nothing left
    /// to update, and reading it would panic.
    pub fn is_disposed(&self) -> bool {
        self.saved.is_disposed()
    }

    /// The saved revision, which a save names in `If-Match` (reactive).
    pub fn revision(&self) -> i64 {
        self.saved.with(Saved::revision)
    }

    /// The edited values (reactive).
    pub fn edited(&self) -> S::Values {
        self.edited.get()
    }

    /// The edited values, without following them (for event handlers).
    pub fn edited_untracked(&self) -> S::Values {
        self.edited.get_untracked()
    }

    /// The saved revision, without following it (for event handlers).
    pub fn revision_untracked(&self) -> i64 {
        self.saved.with_untracked(Saved::revision)
    }

    /// Changes the edited values.
    pub fn edit(&self, change: impl FnOnce(&mut S::Values)) {
        self.edited.update(change);
    }

    /// Whether the edited values differ from the saved ones (reactive).
    pub fn is_dirty(&self) -> bool {
        let edited = self.edited.get();
        self.saved.with(|saved| saved.values() != edited)
    }

    /// Puts the saved values back into the edited copy.
    pub fn discard(&self) {
        self.edited.set(self.saved.with_untracked(Saved::values));
    }

    /// Records what the server now holds: the answer of a save, or someone else's version
    /// after a conflict. The edited copy is kept, so nothing the person chose is lost; after a
    /// successful save it equals the saved values anyway.
    pub fn saved_is(&self, saved: S) {
        self.saved.set(saved);
    }
}
