//! The frame of a technician group's tabs.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use twostep_contract::TechnicianGroup;

use crate::groups::GroupTabs;
use crate::i18n::tr;
use crate::routes::segment;
use crate::store::OrgStore;
use crate::ui::read_view::{not_ready, read_state};

/// Shows the group named in the address, as the store holds it, with its name, its tabs and
/// the open tab; or the groups' loading status, why they could not be read, or that there is
/// no such group the person may see.
///
/// The tab is built once per group: a save recorded in the store does not rebuild it.
#[component]
pub fn GroupFrame(
    /// The open tab, for the group as read.
    tab: fn(TechnicianGroup) -> AnyView,
) -> impl IntoView {
    let store = expect_context::<OrgStore>();
    let params = use_params_map();
    let group_id = Memo::new(move |_| {
        params.with(|params| params.get(segment::GROUP_ID)).and_then(|id| id.parse::<i64>().ok())
    });
    let model = store.model();
    // The group's id once the groups are read, `None` when the person may not see it.
    let state = Memo::new(move |_| {
        let shown = |id: &i64| model.with(|model| model.index_of(*id).is_some());
        read_state(&store.groups_status())
            .map(|answer| answer.map(|()| group_id.get().filter(shown)))
    });
    let retry = Callback::new(move |()| store.load_groups());
    move || match state.get() {
        Some(Ok(Some(id))) => {
            let Some(Ok(Some(group))) = untrack(|| store.group(id)) else { return ().into_any() };
            view! {
                <h1>{group.name.clone()}</h1>
                <GroupTabs group_id=group.id />
                <div class="tab-panel">{tab(group)}</div>
            }
            .into_any()
        }
        Some(Ok(None)) => view! {
            <h1>{tr(|t| t.technician_group)}</h1>
            <p role="alert" class="alert">
                {tr(|t| t.group_not_found)}
            </p>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <h1>{tr(|t| t.technician_group)}</h1>
            {not_ready(Some(error), retry)}
        }
        .into_any(),
        None => not_ready(None, retry),
    }
}
