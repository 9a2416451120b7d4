//! The Members tab's query: how its address is read and how the person's filters and sorts
//! change it.

use twostep_contract::{EnrollmentStatus, MemberQuery, MemberSort, MemberSortKey, Paging};

use crate::ui::list_query::ListQuery;

/// Reads a Members tab's address. On a group's tab (`group` is set) the list is the group's,
/// whatever the address says.
pub fn read_member_query<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    group: Option<i64>,
) -> MemberQuery {
    let mut query = MemberQuery::read(pairs);
    if group.is_some() {
        query.group_id = group;
    }
    query
}

/// Whether `query` filters the members. On a group's tab (`group_tab`), the group is the tab's,
/// not a filter.
pub fn has_member_filters(query: &MemberQuery, group_tab: bool) -> bool {
    query.q.is_some()
        || (query.group_id.is_some() && !group_tab)
        || query.role.is_some()
        || query.required.is_some()
        || query.status.is_some()
}

/// `query` without its filters, keeping its order, its page size and a group tab's group, on
/// the first page.
pub fn without_member_filters(query: &MemberQuery, group_tab: bool) -> MemberQuery {
    MemberQuery {
        group_id: if group_tab { query.group_id } else { None },
        sort: query.sort,
        paging: Paging { page: 1, per_page: query.paging.per_page },
        ..MemberQuery::default()
    }
}

/// The "Required but not set up" shortcut: turns on both filters, or off when both are on.
pub fn toggle_required_not_enrolled(query: &MemberQuery) -> MemberQuery {
    let on = !query.is_required_not_enrolled();
    MemberQuery {
        required: on.then_some(true),
        status: on.then_some(EnrollmentStatus::NotEnrolled),
        paging: Paging { page: 1, ..query.paging },
        ..query.clone()
    }
}

/// The order a click on the header of column `key` asks for: by that column, ascending, or
/// reversed when the list is already sorted by it.
pub fn sort_by(current: MemberSort, key: MemberSortKey) -> MemberSort {
    MemberSort { key, descending: current.key == key && !current.descending }
}

/// `query` sorted by `sort`, on its first page.
pub fn with_sort(query: &MemberQuery, sort: MemberSort) -> MemberQuery {
    MemberQuery { sort, paging: Paging { page: 1, ..query.paging }, ..query.clone() }
}
