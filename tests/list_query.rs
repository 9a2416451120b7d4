#![cfg(not(target_arch = "wasm32"))]
//! The list tabs' pure logic: their addresses, how a choice changes the query, the export
//! addresses, and how dates and counts read.

#![warn(missing_docs)]

use twostep_admin::api::ApiClient;
use twostep_admin::i18n::EN;
use twostep_admin::members::member_query::{
    has_member_filters, read_member_query, sort_by, toggle_required_not_enrolled, with_sort,
    without_member_filters,
};
use twostep_admin::routes::{
    AppRoute, audit_log_href, group_members_path, members_href, segment, with_query,
};
use twostep_admin::ui::list_query::{on_page, page_position, param, shown_range, with_param};
use twostep_contract::{
    AuditKind, AuditQuery, EnrollmentStatus, MemberQuery, MemberSort, MemberSortKey, Paging, Role,
    Vocabulary,
};

fn read(address: &str, group: Option<i64>) -> MemberQuery {
    read_member_query(
        address.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, ""))),
        group,
    )
}

#[test]
fn the_list_paths_agree_with_the_router_segments() {
    assert_eq!(
        AppRoute::Members.path(),
        format!("/{}/{}", segment::ORGANIZATION, segment::MEMBERS)
    );
    assert_eq!(
        AppRoute::AuditLog.path(),
        format!("/{}/{}", segment::ORGANIZATION, segment::AUDIT_LOG)
    );
    assert_eq!(group_members_path(4), "/groups/4/members");
}

#[test]
fn a_wrong_value_in_the_address_reads_as_its_default() {
    let query = read("role=boss&status=not_enrolled&page=0&sort=-age", None);
    assert_eq!(query.role, None);
    assert_eq!(query.status, Some(EnrollmentStatus::NotEnrolled));
    assert_eq!(query.paging, Paging::default());
    assert_eq!(query.sort, MemberSort::default());
}

#[test]
fn a_groups_tab_lists_its_group_and_never_writes_it_in_the_address() {
    let query = read("group_id=9&role=technician", Some(4));
    assert_eq!(query.group_id, Some(4));
    assert_eq!(members_href(Some(4), &query), "/groups/4/members?role=technician");
    assert!(has_member_filters(&query, true));
    assert!(!has_member_filters(&read("group_id=9", Some(4)), true), "the tab's group");
    assert!(has_member_filters(&read("group_id=9", None), false));
    let cleared = without_member_filters(&query, true);
    assert_eq!(cleared.group_id, Some(4));
    assert_eq!(cleared.role, None);
    assert_eq!(members_href(None, &read("", None)), "/organization/members");
}

#[test]
fn a_new_filter_starts_again_on_page_one_and_keeps_the_rest() {
    let query = read("q=ana&page=3&per_page=10&sort=-email", None);
    let technicians = with_param(&query, "role", "technician");
    assert_eq!(technicians.role, Some(Role::Technician));
    assert_eq!(technicians.paging, Paging { page: 1, per_page: 10 });
    assert_eq!(technicians.q.as_deref(), Some("ana"));
    assert_eq!(
        members_href(None, &technicians),
        "/organization/members?q=ana&role=technician&sort=-email&per_page=10"
    );
    assert_eq!(param(&technicians, "role"), "technician");
    assert_eq!(param(&technicians, "status"), "");
    let anyone = with_param(&technicians, "role", "");
    assert_eq!(anyone.role, None);
    assert_eq!(with_param(&query, "q", "  inès ").q.as_deref(), Some("inès"));

    let second = on_page(&technicians, 2);
    assert_eq!(second.paging, Paging { page: 2, per_page: 10 });
    assert_eq!(
        members_href(None, &second),
        "/organization/members?q=ana&role=technician&sort=-email&page=2&per_page=10"
    );
    let cleared = without_member_filters(&second, false);
    assert_eq!(members_href(None, &cleared), "/organization/members?sort=-email&per_page=10");
}

#[test]
fn an_address_holds_no_empty_pair_and_no_stray_question_mark_or_ampersand() {
    let path = AppRoute::Members.path();
    assert_eq!(with_query(path, &[]), path);
    assert_eq!(with_query(path, &[("q", String::new())]), path);
    assert_eq!(with_query(path, &[("q", "costa".into())]), format!("{path}?q=costa"));
    assert_eq!(
        with_query(path, &[("q", String::new()), ("page", "2".into()), ("role", String::new())]),
        format!("{path}?page=2")
    );
    let second = on_page(&read("q=costa", None), 2);
    assert_eq!(members_href(None, &second), format!("{path}?q=costa&page=2"));
}

#[test]
fn every_filter_value_the_tab_offers_reads_back() {
    let query = MemberQuery::default();
    for (name, value) in [
        ("role", "master_administrator"),
        ("role", "administrator"),
        ("role", "technician"),
        ("required", "true"),
        ("required", "false"),
        ("status", "enrolled"),
        ("status", "not_enrolled"),
        ("group_id", "12"),
    ] {
        assert_eq!(param(&with_param(&query, name, value), name), value, "{name}={value}");
    }
    for &kind in AuditKind::ALL {
        let audit = with_param(&AuditQuery::default(), "kind", kind.wire_name());
        assert_eq!(audit.kind, Some(kind));
    }
}

#[test]
fn the_shortcut_turns_both_filters_on_and_off() {
    let query = read("status=enrolled&page=2", None);
    let on = toggle_required_not_enrolled(&query);
    assert!(on.is_required_not_enrolled());
    assert_eq!(on.paging.page, 1);
    assert_eq!(members_href(None, &on), "/organization/members?required=true&status=not_enrolled");
    let off = toggle_required_not_enrolled(&on);
    assert_eq!(off.required, None);
    assert_eq!(off.status, None);
}

#[test]
fn a_header_sorts_by_its_column_then_reverses() {
    let by_name = MemberSort::default();
    let name_down = sort_by(by_name, MemberSortKey::Name);
    assert_eq!(name_down, MemberSort { key: MemberSortKey::Name, descending: true });
    assert_eq!(sort_by(name_down, MemberSortKey::Name), by_name);
    assert_eq!(
        sort_by(name_down, MemberSortKey::Group),
        MemberSort { key: MemberSortKey::Group, descending: false }
    );
    let sorted = with_sort(&read("page=4", None), name_down);
    assert_eq!(members_href(None, &sorted), "/organization/members?sort=-name");
}

#[test]
fn the_audit_log_address_and_the_exports_carry_the_filters_but_not_the_page() {
    let audit = AuditQuery {
        kind: Some(AuditKind::TwoStepReset),
        actor_id: Some(3),
        paging: Paging { page: 2, per_page: 20 },
    };
    assert_eq!(
        audit_log_href(&audit),
        "/organization/audit-log?kind=two_step_reset&actor_id=3&page=2&per_page=20"
    );
    let client = ApiClient::new("/api/v1/");
    assert_eq!(
        client.audit_export_url(&audit),
        "/api/v1/audit-events/export?kind=two_step_reset&actor_id=3"
    );
    let members = read("q=o'neil&group_id=5&page=3&per_page=10", None);
    assert_eq!(client.members_export_url(&members), "/api/v1/members/export?q=o%27neil&group_id=5");
    assert_eq!(client.members_export_url(&MemberQuery::default()), "/api/v1/members/export");
}

#[test]
fn status_lines_dates_and_counts_read_as_people_write_them() {
    assert_eq!(shown_range(Paging { page: 1, per_page: 50 }, 50), Some((1, 50)));
    assert_eq!(shown_range(Paging { page: 3, per_page: 50 }, 7), Some((101, 107)));
    assert_eq!(shown_range(Paging { page: 9, per_page: 50 }, 0), None);
    assert_eq!(page_position(2, 10, 43), (2, 5));
    assert_eq!(page_position(1, 50, 0), (1, 1));
    assert_eq!(EN.members_showing(1234, "1", "50"), "Showing 1–50 of 1,234 members");
    assert_eq!(EN.members_showing(1, "1", "1"), "Showing 1–1 of 1 member");
    assert_eq!(EN.page_of("2", "25"), "Page 2 of 25");
    assert_eq!(EN.selected_count(1_000_000), "1,000,000 selected");
    assert_eq!(
        EN.members_reset_text(1),
        "1 member must set up two-step verification again at their next sign-in."
    );
    assert_eq!(EN.members_reset_done(3), "Two-step verification was reset for 3 members.");
}
