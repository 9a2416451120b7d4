//! Which members of the page the person has selected for a reset, and which they may select.

use leptos::prelude::*;
use twostep_contract::{Member, MemberPage, MemberQuery, Role};

/// Whether a person who may (or may not) reset administrators may reset `member`: only master
/// administrators may reset someone holding an administrator licence.
pub fn may_reset(member: &Member, administrators_too: bool) -> bool {
    administrators_too
        || !member
            .roles
            .iter()
            .any(|role| matches!(role, Role::MasterAdministrator | Role::Administrator))
}

/// The selected members of a page: always of members the page shows and the person may
/// reset, and emptied whenever other members are asked for.
#[derive(Clone, Copy)]
pub struct Selection {
    /// The ids of the selected members, in the order they were selected.
    pub selected: RwSignal<Vec<i64>>,
    /// The ids of the members of the page the person may select.
    pub selectable: Memo<Vec<i64>>,
}

impl Selection {
    /// The selection of `page`. A change of `query` (after the first) runs `on_new_query`
    /// after clearing it; a page that no longer shows a selected member drops it.
    pub fn new(
        page: Signal<Option<MemberPage>>,
        query: Signal<MemberQuery>,
        may_reset_administrators: Signal<bool>,
        on_new_query: impl Fn() + 'static,
    ) -> Selection {
        let selected = RwSignal::new(Vec::<i64>::new());
        let selectable = Memo::new(move |_| {
            let administrators_too = may_reset_administrators.get();
            page.with(|page| {
                page.iter()
                    .flat_map(|page| &page.items)
                    .filter(|member| may_reset(member, administrators_too))
                    .map(|member| member.id)
                    .collect::<Vec<_>>()
            })
        });
        Effect::new(move |seen: Option<()>| {
            query.track();
            if seen.is_none() {
                return;
            }
            // Other members are asked for: nothing selected among the old ones stays.
            selected.set(Vec::new());
            on_new_query();
        });
        Effect::new(move |_| {
            // Whatever the page now holds, the selection is only of members it shows.
            selectable.with(|selectable| {
                selected.maybe_update(|selected| {
                    let before = selected.len();
                    selected.retain(|id| selectable.contains(id));
                    selected.len() != before
                });
            });
        });
        Selection { selected, selectable }
    }

    /// How many members are selected (reactive).
    pub fn count(&self) -> usize {
        self.selected.with(Vec::len)
    }

    /// Whether every member the person may select is selected, and there is one (reactive).
    pub fn all(&self) -> bool {
        let count = self.count();
        count > 0 && count == self.selectable.with(Vec::len)
    }

    /// Selects every member the person may select, or none when they all are.
    pub fn toggle_all(&self) {
        let everyone = if self.all() { Vec::new() } else { self.selectable.get() };
        self.selected.set(everyone);
    }
}
