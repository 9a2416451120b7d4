//! The organization as the console holds it: the saved policy (with its revision) and the
//! technician groups the person may see, read once per sign-in and kept up to date by the
//! saves made here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_contract::{Policy, PolicySettings, TechnicianGroup, TechniciansPolicy};

use crate::api::ApiError;
use crate::session::SessionContext;
use crate::store::call;
use crate::tree::org_tree_model::OrgTreeModel;

/// What a read of the store gives: `None` while it runs, then the value or why it failed.
pub type Held<T> = Option<Result<T, ApiError>>;

/// The one copy of the saved policy and of the groups, as a context every page reads.
///
/// The groups are held as the tree's model, built once when they arrive; a saved group only
/// replaces that group's data in it. Every save of a policy or a group, and every re-read
/// after someone else's change, goes through [`OrgStore::policy_is`] or
/// [`OrgStore::group_is`].
#[derive(Clone, Copy)]
pub struct OrgStore {
    session: SessionContext,
    groups_status: RwSignal<Held<()>>,
    model: RwSignal<OrgTreeModel>,
    policy: RwSignal<Held<Policy>>,
}

impl OrgStore {
    /// Starts reading the groups and the policy for the signed-in person of `session`, and
    /// shares them with the views under the caller.
    pub fn provide(session: SessionContext) -> OrgStore {
        let store = OrgStore {
            session,
            groups_status: RwSignal::new(None),
            model: RwSignal::new(OrgTreeModel::default()),
            policy: RwSignal::new(None),
        };
        store.load_groups();
        store.load_policy();
        provide_context(store);
        store
    }

    /// The store of the Admin Center, if the caller is inside it.
    pub fn use_store() -> Option<OrgStore> {
        use_context()
    }

    /// The session the store reads for: its client, and the end of it on a 401.
    pub fn session(&self) -> SessionContext {
        self.session
    }

    /// Reads the groups (again).
    pub fn load_groups(&self) {
        let OrgStore { session, groups_status, model, .. } = *self;
        groups_status.set(None);
        spawn_local(async move {
            match call(session, |client| async move { client.list_technician_groups().await }).await
            {
                Ok(groups) => {
                    model.try_set(OrgTreeModel::build(groups));
                    groups_status.try_set(Some(Ok(())));
                }
                Err(error) => {
                    groups_status.try_set(Some(Err(error)));
                }
            }
        });
    }

    /// Reads the policy (again).
    pub fn load_policy(&self) {
        let OrgStore { session, policy, .. } = *self;
        policy.set(None);
        spawn_local(async move {
            let answer = call(session, |client| async move { client.get_policy().await }).await;
            policy.try_set(Some(answer));
        });
    }

    /// Reads the groups again in the background, after a change that alters their counts (a
    /// reset): the tree stays as it is, and takes the new data of each group when it arrives.
    /// Should the groups or their places have changed meanwhile, the tree is built anew from
    /// the answer; a failure leaves them as they were.
    pub fn refresh_groups(&self) {
        let store = *self;
        let Ok(client) = store.session.client() else { return };
        spawn_local(async move {
            let Ok(groups) = client.list_technician_groups().await else { return };
            let same_groups = store.model.try_with_untracked(|model| {
                model.len() == groups.len()
                    && groups.iter().all(|group| {
                        model
                            .index_of(group.id)
                            .is_some_and(|at| model.node(at).group.parent_id == group.parent_id)
                    })
            });
            match same_groups {
                Some(true) => {
                    store.model.try_update(|model| {
                        for group in &groups {
                            model.update_group(group);
                        }
                    });
                }
                // Rebuilt in place, without a loading state: the pages that show a group (its
                // Members tab, with the reset's message) stay as they are.
                Some(false) => {
                    store.model.try_set(OrgTreeModel::build(groups));
                }
                None => {}
            }
        });
    }

    /// `None` while the groups load, then whether they could be read (reactive).
    pub fn groups_status(&self) -> Held<()> {
        self.groups_status.get()
    }

    /// The tree of the groups (empty until they arrive).
    pub fn model(&self) -> Signal<OrgTreeModel> {
        self.model.into()
    }

    /// The groups as a list, once read (reactive).
    pub fn groups(&self) -> Signal<Held<Vec<TechnicianGroup>>> {
        let store = *self;
        Signal::derive(move || {
            let status = store.groups_status.get()?;
            Some(status.map(|()| {
                store.model.with(|model| {
                    (0..model.len() as u32).map(|at| model.node(at).group.clone()).collect()
                })
            }))
        })
    }

    /// The group `id` once the groups are read: `Ok(None)` when the person may not see it
    /// (reactive).
    pub fn group(&self, id: i64) -> Held<Option<TechnicianGroup>> {
        let status = self.groups_status.get()?;
        Some(status.map(|()| {
            self.model.with(|model| model.index_of(id).map(|at| model.node(at).group.clone()))
        }))
    }

    /// The saved policy with its revision, once read (reactive).
    pub fn policy(&self) -> Held<Policy> {
        self.policy.get()
    }

    /// The saved policy's settings, once read; `None` also when it could not be read
    /// (reactive).
    pub fn policy_settings(&self) -> Signal<Option<PolicySettings>> {
        let policy = self.policy;
        Signal::derive(move || policy.with(|policy| Some(policy.as_ref()?.as_ref().ok()?.settings)))
    }

    /// The saved policy's technicians setting, once read (reactive).
    pub fn technicians_policy(&self) -> Signal<Option<TechniciansPolicy>> {
        let settings = self.policy_settings();
        Signal::derive(move || settings.with(|settings| settings.map(|s| s.technicians)))
    }

    /// Records a group as the server now holds it (after a save, or someone else's).
    pub fn group_is(&self, group: &TechnicianGroup) {
        self.model.try_update(|model| model.update_group(group));
    }

    /// Records the policy as the server now holds it (after a save, or someone else's).
    pub fn policy_is(&self, policy: Policy) {
        self.policy.try_set(Some(Ok(policy)));
    }
}
