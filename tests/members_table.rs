#![cfg(target_arch = "wasm32")]
//! The members table of a Members tab, mounted with stand-ins for the server: the cells of
//! each row, the selection, the sortable headers, the reset dialog and what the reset says.

mod support;

use leptos::prelude::*;
use support::{Mounted, fire, mount_in, settle, sleep};
use twostep_admin::api::ApiError;
use twostep_admin::components::MembersTable;
use twostep_admin::i18n::Locale;
use twostep_contract::{
    EnrollmentStatus, FieldError, Member, MemberGroup, MemberPage, MemberSort, MemberSortKey,
    MembersReset, PrimaryMethod, RequirementReason, Role,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlDialogElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn member(id: i64, name: &str, roles: Vec<Role>, group: Option<&str>) -> Member {
    let email = format!("{}@northwind.example", name.split(' ').next().unwrap().to_lowercase());
    Member {
        id,
        name: name.into(),
        email,
        roles,
        group: group.map(|name| MemberGroup { id: 20 + id, name: name.into() }),
        required: false,
        reasons: vec![],
        status: EnrollmentStatus::NotEnrolled,
        method: None,
        enrolled_at: None,
        console_version: None,
    }
}

/// Four members: an administrator required by the policy, a technician of a forced group who
/// set up SMS, a technician who is not required, and a master administrator who is also a
/// technician, required twice over.
fn four() -> Vec<Member> {
    let ines = Member {
        required: true,
        reasons: vec![RequirementReason::AdministratorPolicy],
        ..member(1, "Inès Duarte", vec![Role::Administrator], None)
    };
    let sam = Member {
        required: true,
        reasons: vec![RequirementReason::Group],
        status: EnrollmentStatus::Enrolled,
        method: Some(PrimaryMethod::Sms),
        enrolled_at: Some("2026-03-04T10:20:00Z".into()),
        console_version: Some("7.50.3572".into()),
        ..member(2, "Sam Okafor", vec![Role::Technician], Some("Tier 2"))
    };
    let ana = member(3, "Ana Lima", vec![Role::Technician], Some("Tier 1"));
    let maya = Member {
        required: true,
        reasons: vec![RequirementReason::AdministratorPolicy, RequirementReason::AllTechnicians],
        status: EnrollmentStatus::Enrolled,
        method: Some(PrimaryMethod::AuthenticatorApp),
        enrolled_at: Some("2025-12-31T23:59:59Z".into()),
        ..member(4, "Maya Patel", vec![Role::MasterAdministrator, Role::Technician], Some("Tier 1"))
    };
    vec![ines, sam, ana, maya]
}

fn page_of(items: Vec<Member>) -> MemberPage {
    let total = items.len() as u64;
    MemberPage { items, total, page: 1, per_page: 50 }
}

struct Table {
    page: Mounted,
    shown: RwSignal<Option<MemberPage>>,
    busy: RwSignal<bool>,
    sort: RwSignal<MemberSort>,
    sorts: RwSignal<Vec<MemberSort>>,
    sent: RwSignal<Vec<Vec<i64>>>,
    /// The next reset's answer; `None` answers like a server that resets everyone named.
    reply: RwSignal<Option<Result<MembersReset, ApiError>>>,
}

async fn mount_table(locale: Locale, members: Vec<Member>) -> Table {
    let shown = RwSignal::new(Some(page_of(members)));
    let busy = RwSignal::new(false);
    let sort = RwSignal::new(MemberSort::default());
    let sorts = RwSignal::new(Vec::new());
    let sent = RwSignal::new(Vec::new());
    let reply = RwSignal::new(None::<Result<MembersReset, ApiError>>);
    let page = mount_in(locale, move || {
        let reset = Action::new_local(move |ids: &Vec<i64>| {
            sent.update(|sent| sent.push(ids.clone()));
            let answer =
                reply.get_untracked().unwrap_or(Ok(MembersReset { reset: ids.len() as u64 }));
            async move {
                // Long enough to see the dialog while the reset runs.
                sleep(200).await;
                answer
            }
        });
        view! {
            <MembersTable
                page=shown
                busy
                sort
                on_sort=move |asked| sorts.update(|sorts| sorts.push(asked))
                reset
                export_href=Signal::derive(|| "/api/v1/members/export?role=technician".to_owned())
            />
        }
    });
    settle().await;
    Table { page, shown, busy, sort, sorts, sent, reply }
}

impl Table {
    fn button(&self, name: &str) -> HtmlButtonElement {
        self.page.button(name).unwrap_or_else(|| panic!("no button {name:?}")).unchecked_into()
    }

    fn checkbox(&self, name: &str) -> HtmlInputElement {
        self.page.find(&format!("input[type=checkbox][aria-label=\"{name}\"]")).unchecked_into()
    }

    fn dialog(&self) -> HtmlDialogElement {
        self.page.find("dialog").unchecked_into()
    }

    /// The text of every cell of every body row.
    fn rows(&self) -> Vec<Vec<String>> {
        let rows = self.page.root.query_selector_all("tbody tr").unwrap();
        (0..rows.length())
            .filter_map(|index| rows.item(index))
            .map(|row| {
                let row: HtmlElement = row.unchecked_into();
                let cells = row.query_selector_all("th, td").unwrap();
                (0..cells.length())
                    .filter_map(|index| cells.item(index))
                    .map(|cell| cell.text_content().unwrap_or_default().trim().to_owned())
                    .collect()
            })
            .collect()
    }

    fn header(&self, name: &str) -> HtmlElement {
        let headers = self.page.root.query_selector_all("thead th").unwrap();
        (0..headers.length())
            .filter_map(|index| headers.item(index))
            .map(JsCast::unchecked_into::<HtmlElement>)
            .find(|header| header.text_content().unwrap_or_default().trim() == name)
            .unwrap_or_else(|| panic!("no column {name:?}"))
    }

    async fn click(&self, element: &HtmlElement) {
        element.click();
        sleep(20).await;
    }

    async fn tick(&self, name: &str) {
        self.checkbox(name).click();
        settle().await;
    }
}

/// Waits (up to two seconds) until `done` holds: a dialog's `close` event comes in a task of
/// its own, later on a busy machine.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        sleep(20).await;
    }
    panic!("never happened: {what}");
}

fn focused_text() -> String {
    let focused = document().active_element().expect("something has the focus");
    focused.text_content().unwrap_or_default().trim().to_owned()
}

#[wasm_bindgen_test]
async fn each_row_shows_the_members_cells() {
    let table = mount_table(Locale::En, four()).await;
    assert_eq!(table.page.text("[role=status]"), "Showing 1–4 of 4 members");
    assert_eq!(table.page.text("caption"), "Members");
    let headers: Vec<String> = table.page.texts("thead th").into_iter().skip(1).collect();
    assert_eq!(
        headers,
        [
            "Name",
            "Email",
            "Roles",
            "Group",
            "Two-step verification",
            "Set up",
            "Method",
            "Set up on",
            "Technician Console"
        ]
    );
    let rows = table.rows();
    assert_eq!(
        rows[0][1..],
        [
            "Inès Duarte",
            "inès@northwind.example",
            "Administrator",
            "—",
            "Required Administrator policy",
            "Not set up",
            "—",
            "—",
            "—"
        ]
    );
    assert_eq!(
        rows[1][1..],
        [
            "Sam Okafor",
            "sam@northwind.example",
            "Technician",
            "Tier 2",
            "Required Group Tier 2",
            "Set up",
            "SMS verification",
            "2026-03-04",
            "7.50.3572"
        ]
    );
    assert_eq!(rows[2][5], "Not required");
    assert_eq!(rows[3][3], "Master administrator, Technician");
    assert_eq!(rows[3][5], "Required Administrator policy, All technicians");
    let dates: Vec<String> = {
        let times = table.page.root.query_selector_all("tbody time").unwrap();
        (0..times.length())
            .filter_map(|index| times.item(index))
            .map(|time| time.unchecked_into::<HtmlElement>().get_attribute("datetime").unwrap())
            .collect()
    };
    assert_eq!(dates, ["2026-03-04T10:20:00Z", "2025-12-31T23:59:59Z"]);
    let export = table.page.find("a[download]");
    assert_eq!(export.text_content().unwrap(), "Export CSV");
    assert_eq!(export.get_attribute("href").unwrap(), "/api/v1/members/export?role=technician");
}

#[wasm_bindgen_test]
async fn the_table_speaks_french() {
    let table = mount_table(Locale::Fr, four()).await;
    assert_eq!(table.page.text("[role=status]"), "Membres 1–4 sur 4");
    assert_eq!(table.page.text("caption"), "Membres");
    let rows = table.rows();
    assert_eq!(rows[1][5], "Obligatoire Groupe Tier 2");
    assert_eq!(rows[1][6], "Configurée");
    assert_eq!(rows[0][3], "Administrateur");
    assert!(table.checkbox("Sélectionner Sam Okafor").is_connected());
}

#[wasm_bindgen_test]
async fn a_busy_table_keeps_its_rows_and_an_empty_page_says_nothing_matches() {
    let table = mount_table(Locale::En, four()).await;
    table.busy.set(true);
    settle().await;
    assert_eq!(table.page.text("[role=status]"), "Loading…");
    assert_eq!(table.page.find("table").get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(table.rows().len(), 4);

    table.shown.set(Some(page_of(vec![])));
    table.busy.set(false);
    settle().await;
    assert_eq!(table.page.text("[role=status]"), "No members match these filters.");
    assert_eq!(table.page.find("table").get_attribute("aria-busy").as_deref(), Some("false"));
    assert!(table.rows().is_empty());
}

#[wasm_bindgen_test]
async fn rows_are_selected_one_by_one_or_all_on_the_page() {
    let table = mount_table(Locale::En, four()).await;
    let reset = table.button("Force two-step verification reset");
    let all = table.checkbox("Select all members on this page");
    assert!(reset.disabled(), "nothing selected");
    assert!(!all.checked() && !all.indeterminate());
    assert_eq!(table.page.text(".selected-count"), "0 selected");

    table.tick("Select Sam Okafor").await;
    assert!(table.checkbox("Select Sam Okafor").checked());
    assert!(!reset.disabled());
    assert!(!all.checked() && all.indeterminate(), "some selected");
    assert_eq!(table.page.text(".selected-count"), "1 selected");

    all.click();
    settle().await;
    assert!(all.checked() && !all.indeterminate());
    assert_eq!(table.page.text(".selected-count"), "4 selected");
    assert!(table.checkbox("Select Inès Duarte").checked());

    table.tick("Select Ana Lima").await;
    assert!(!all.checked() && all.indeterminate());
    assert_eq!(table.page.text(".selected-count"), "3 selected");

    all.click();
    settle().await;
    assert!(all.checked(), "a partial selection becomes all of the page");
    all.click();
    settle().await;
    assert!(!all.checked() && !all.indeterminate());
    assert!(reset.disabled());

    table.tick("Select Maya Patel").await;
    table.shown.set(Some(page_of(four()[..2].to_vec())));
    sleep(10).await;
    assert_eq!(table.page.text(".selected-count"), "0 selected", "a new page clears the selection");
    assert!(reset.disabled());
}

#[wasm_bindgen_test]
async fn sortable_headers_say_their_order_and_ask_for_another() {
    let table = mount_table(Locale::En, four()).await;
    assert_eq!(table.header("Name").get_attribute("aria-sort").as_deref(), Some("ascending"));
    for sortable in ["Email", "Group", "Set up", "Set up on"] {
        assert_eq!(table.header(sortable).get_attribute("aria-sort").as_deref(), Some("none"));
    }
    for fixed in ["Roles", "Two-step verification", "Method", "Technician Console"] {
        assert_eq!(table.header(fixed).get_attribute("aria-sort"), None, "{fixed}");
    }
    assert!(table.page.button("Roles").is_none());

    table.click(&table.button("Name")).await;
    table.click(&table.button("Set up on")).await;
    assert_eq!(
        table.sorts.get_untracked(),
        [
            MemberSort { key: MemberSortKey::Name, descending: true },
            MemberSort { key: MemberSortKey::EnrolledAt, descending: false },
        ]
    );

    table.sort.set(MemberSort { key: MemberSortKey::Email, descending: true });
    settle().await;
    assert_eq!(table.header("Email").get_attribute("aria-sort").as_deref(), Some("descending"));
    assert_eq!(table.header("Name").get_attribute("aria-sort").as_deref(), Some("none"));
    table.click(&table.button("Email")).await;
    assert_eq!(
        table.sorts.get_untracked()[2],
        MemberSort { key: MemberSortKey::Email, descending: false }
    );
}

#[wasm_bindgen_test]
async fn the_dialog_names_who_is_reset_and_cancel_sends_nothing() {
    let table = mount_table(Locale::En, four()).await;
    table.tick("Select Sam Okafor").await;
    table.tick("Select Inès Duarte").await;
    let reset = table.button("Force two-step verification reset");
    table.click(&reset).await;

    let dialog = table.dialog();
    assert!(dialog.open());
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(table.page.text(&format!("#{title_id}")), "Force two-step verification reset?");
    assert_eq!(
        table.page.texts("dialog p"),
        [
            "2 members must set up two-step verification again at their next sign-in.",
            "Their current setups are deleted. This cannot be undone."
        ]
    );
    assert_eq!(
        table.page.texts("dialog li"),
        ["Inès Duarte (inès@northwind.example)", "Sam Okafor (sam@northwind.example)"],
        "in the order of the page"
    );
    assert_eq!(focused_text(), "Cancel");

    table.click(&table.button("Cancel")).await;
    assert!(!dialog.open());
    until("focus back on the button", || focused_text() == "Force two-step verification reset")
        .await;
    assert_eq!(table.page.text(".selected-count"), "2 selected", "the selection stays");

    table.click(&reset).await;
    assert!(dialog.open());
    // Escape closes a modal dialog the way `close()` does.
    dialog.close();
    until("focus back on the button", || focused_text() == "Force two-step verification reset")
        .await;
    assert!(!dialog.open());
    assert!(table.sent.get_untracked().is_empty());
}

#[wasm_bindgen_test]
async fn more_than_five_members_are_counted_not_listed() {
    let mut members = four();
    members.extend((5..=7).map(|id| {
        member(id, &format!("Tech{id} Example"), vec![Role::Technician], Some("Tier 1"))
    }));
    let table = mount_table(Locale::En, members).await;
    table.checkbox("Select all members on this page").click();
    settle().await;
    table.click(&table.button("Force two-step verification reset")).await;
    assert_eq!(
        table.page.text("dialog p"),
        "7 members must set up two-step verification again at their next sign-in."
    );
    assert!(table.page.try_find("dialog ul").is_none());

    table.click(&table.button("Cancel")).await;
    table.checkbox("Select all members on this page").click();
    settle().await;
    table.tick("Select Ana Lima").await;
    table.click(&table.button("Force two-step verification reset")).await;
    assert_eq!(
        table.page.text("dialog p"),
        "1 member must set up two-step verification again at their next sign-in."
    );
    assert_eq!(table.page.texts("dialog li"), ["Ana Lima (ana@northwind.example)"]);
}

#[wasm_bindgen_test]
async fn confirming_resets_the_selection_and_says_so() {
    let table = mount_table(Locale::En, four()).await;
    table.tick("Select Maya Patel").await;
    table.tick("Select Sam Okafor").await;
    table.click(&table.button("Force two-step verification reset")).await;
    table.button("Reset two-step verification").click();
    sleep(10).await;

    // While the reset runs, the dialog stays open and says so.
    assert!(table.dialog().open());
    let confirm = table.button("Resetting…");
    assert!(confirm.disabled());
    assert!(table.button("Cancel").disabled());
    assert_eq!(table.sent.get_untracked(), [vec![4, 2]]);

    until("the reset answers", || !table.dialog().open()).await;
    until("the message takes the focus", || {
        document().active_element().is_some_and(|e| e.class_list().contains("reset-outcome"))
    })
    .await;
    assert_eq!(
        table.page.text("[role=status].success"),
        "Two-step verification was reset for 2 members."
    );
    assert_eq!(table.page.text(".selected-count"), "0 selected");
    assert!(table.button("Force two-step verification reset").disabled());
    assert_eq!(table.sent.get_untracked().len(), 1);
}

#[wasm_bindgen_test]
async fn a_refused_reset_lists_every_reason() {
    let table = mount_table(Locale::En, four()).await;
    table.reply.set(Some(Err(ApiError::Forbidden {
        detail: Some(
            "You can reset two-step verification only for members of your technician groups."
                .into(),
        ),
        errors: vec![FieldError {
            field: "member_ids[1]".into(),
            message: "You do not manage Maya Patel (maya@northwind.example).".into(),
        }],
    })));
    table.tick("Select Sam Okafor").await;
    table.tick("Select Maya Patel").await;
    table.click(&table.button("Force two-step verification reset")).await;
    table.button("Reset two-step verification").click();
    until("the reset answers", || !table.dialog().open()).await;
    until("the alert takes the focus", || {
        document().active_element().is_some_and(|e| e.class_list().contains("reset-outcome"))
    })
    .await;
    assert!(table.page.try_find(".success").is_none());
    assert_eq!(
        table.page.text("[role=alert] p"),
        "You can reset two-step verification only for members of your technician groups."
    );
    assert_eq!(
        table.page.texts("[role=alert] li"),
        ["You do not manage Maya Patel (maya@northwind.example)."]
    );
    assert_eq!(table.page.text(".selected-count"), "2 selected", "nothing was reset");
}

#[wasm_bindgen_test]
async fn a_refused_id_is_named_and_a_single_reset_is_counted_in_the_singular() {
    let table = mount_table(Locale::En, four()).await;
    table.reply.set(Some(Err(ApiError::Validation(vec![FieldError {
        field: "member_ids[0]".into(),
        message: "There is no member 3 in your organization.".into(),
    }]))));
    table.tick("Select Ana Lima").await;
    table.click(&table.button("Force two-step verification reset")).await;
    table.button("Reset two-step verification").click();
    until("the reset answers", || !table.dialog().open()).await;
    assert!(table.page.text("[role=alert] p").starts_with("Some values were not accepted."));
    assert_eq!(table.page.texts("[role=alert] li"), ["There is no member 3 in your organization."]);

    table.reply.set(None);
    table.click(&table.button("Force two-step verification reset")).await;
    assert!(table.page.try_find("[role=alert]").is_none(), "a new try clears the old answer");
    fire(&table.button("Reset two-step verification").unchecked_into(), "click");
    until("the reset answers", || table.page.try_find(".success").is_some()).await;
    assert_eq!(
        table.page.text("[role=status].success"),
        "Two-step verification was reset for 1 member."
    );
}
