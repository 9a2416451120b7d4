//! The console's one copy of the server resources that several pages show: the saved policy
//! and the technician groups the person may see.
//!
//! It may use `api/`, the contract and the tree's model of the groups; no view.

mod org_data;

pub use org_data::OrgData;
