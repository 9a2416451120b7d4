//! What the Admin Center knows about the organization, shared by the tree and the tabs: the
//! technician groups the person may see, as a tree, and the saved policy.

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_contract::{PolicySettings, TechnicianGroup, TechniciansPolicy};

use crate::api::{ApiClient, ApiError};
use crate::tree::org_tree_model::OrgTreeModel;

/// The groups (read once per sign-in and kept up to date by the saves made in this tab) and
/// the saved policy, as a context.
///
/// The tree model is built once when the groups arrive; a saved group only replaces that
/// group's data in it.
#[derive(Clone, Copy, Debug)]
pub struct OrgData {
    client: StoredValue<ApiClient>,
    status: RwSignal<Option<Result<(), ApiError>>>,
    model: RwSignal<OrgTreeModel>,
    policy: RwSignal<Option<PolicySettings>>,
}

impl OrgData {
    /// Starts reading the groups and the policy, and shares them with the views under the
    /// caller.
    pub fn provide(client: ApiClient) -> OrgData {
        let data = OrgData {
            client: StoredValue::new(client),
            status: RwSignal::new(None),
            model: RwSignal::new(OrgTreeModel::default()),
            policy: RwSignal::new(None),
        };
        data.load();
        provide_context(data);
        data
    }

    /// Reads the groups and the policy (again).
    pub fn load(&self) {
        let OrgData { client, status, model, policy } = *self;
        let Some(client) = client.try_get_value() else { return };
        status.set(None);
        let groups_client = client.clone();
        spawn_local(async move {
            match groups_client.list_technician_groups().await {
                Ok(groups) => {
                    model.try_set(OrgTreeModel::build(groups));
                    status.try_set(Some(Ok(())));
                }
                Err(error) => {
                    status.try_set(Some(Err(error)));
                }
            }
        });
        spawn_local(async move {
            // Without the policy the tree only lacks its badges, so a failure is not shown.
            if let Ok(saved) = client.get_policy().await {
                policy.try_set(Some(saved.settings));
            }
        });
    }

    /// Reads the groups again in the background, after a change that alters their counts (a
    /// reset): the tree stays as it is, and takes the new data of each group when it arrives.
    /// Should the groups or their places have changed meanwhile, they are loaded anew ([`load`]);
    /// a failure leaves the tree as it was.
    ///
    /// [`load`]: OrgData::load
    pub fn refresh(&self) {
        let data = *self;
        let Some(client) = data.client.try_get_value() else { return };
        spawn_local(async move {
            let Ok(groups) = client.list_technician_groups().await else { return };
            let same_groups = data.model.try_with_untracked(|model| {
                model.len() == groups.len()
                    && groups.iter().all(|group| {
                        model
                            .index_of(group.id)
                            .is_some_and(|at| model.node(at).group.parent_id == group.parent_id)
                    })
            });
            match same_groups {
                Some(true) => {
                    data.model.try_update(|model| {
                        for group in &groups {
                            model.update_group(group);
                        }
                    });
                }
                Some(false) => data.load(),
                None => {}
            }
        });
    }

    /// `None` while the groups load, then whether they could be read (reactive).
    pub fn status(&self) -> Option<Result<(), ApiError>> {
        self.status.get()
    }

    /// The tree of the groups (empty until they arrive).
    pub fn model(&self) -> Signal<OrgTreeModel> {
        self.model.into()
    }

    /// The saved policy's settings, once read (reactive).
    pub fn policy(&self) -> Signal<Option<PolicySettings>> {
        self.policy.into()
    }

    /// The saved policy's technicians setting, once read (reactive).
    pub fn technicians_policy(&self) -> Signal<Option<TechniciansPolicy>> {
        let policy = self.policy;
        Signal::derive(move || policy.with(|policy| policy.map(|policy| policy.technicians)))
    }

    /// Records a group as the server now holds it (after a save, or someone else's).
    pub fn group_saved(&self, group: &TechnicianGroup) {
        self.model.try_update(|model| model.update_group(group));
    }

    /// Records the policy's settings as the server now holds them.
    pub fn policy_saved(&self, settings: PolicySettings) {
        self.policy.try_set(Some(settings));
    }
}
