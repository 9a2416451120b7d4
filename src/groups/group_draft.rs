//! A technician group's Settings tab being edited: the server's copy of the group, the
//! person's "Force two-step verification", and what a save sends and gets back.
//!
//! Nothing here speaks HTTP: the group's page sends a [`GroupSaveRequest`] and turns the
//! answer into a [`GroupSaveOutcome`], so the form can be driven without a server.

use twostep_contract::{GroupUpdate, TechnicianGroup};

use crate::api::ApiError;
use crate::ui::Draft;

/// The saved group and the edited "Force two-step verification".
pub type GroupDraft = Draft<TechnicianGroup>;

impl Draft<TechnicianGroup> {
    /// The request that saves the edited setting over the saved revision.
    pub fn request(&self) -> GroupSaveRequest {
        GroupSaveRequest {
            update: GroupUpdate { force_two_step: self.edited_untracked() },
            revision: self.revision_untracked(),
        }
    }
}

/// A save of a group's settings: the body of the `PATCH` and the revision it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupSaveRequest {
    /// The setting to save.
    pub update: GroupUpdate,
    /// The revision the edited setting was based on (`If-Match`).
    pub revision: i64,
}

/// How a save of a group's settings ended, as the form needs to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupSaveOutcome {
    /// Saved (200): the group with its new revision.
    Saved(TechnicianGroup),
    /// Someone else saved first (412); their version, read again.
    ChangedMeanwhile(TechnicianGroup),
    /// Anything else; the edited setting is kept.
    Failed(ApiError),
}
