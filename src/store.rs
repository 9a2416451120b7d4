//! The console's one copy of the server resources that several pages show (the saved policy
//! and the technician groups the person may see), and the one way every call for the signed-in person is made.
//!
//! It may use `api/`, the session, the contract and the tree's model of the groups; no view.
//! Pages read the policy and the groups here and never fetch them again; a save records the
//! server's answer here with [`OrgStore::policy_is`] or [`OrgStore::group_is`].

mod org_store;
mod save_flow;

pub use org_store::{Held, OrgStore};
pub use save_flow::{Written, call, save};
