#![cfg(target_arch = "wasm32")]
//! The members table of a Members tab, mounted with stand-ins for the server: the cells of
//! each row, the selection, the sortable headers, the reset dialog and what the reset says;
//! the search's steps in the history; and the page links under a list.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{Mounted, fire, mount_in, settle, sleep, wait_until};
use twostep_admin::api::ApiError;
use twostep_admin::i18n::intl::TimeStyle;
use twostep_admin::i18n::{EN, Locale};
use twostep_admin::members::{MemberFilters, MembersTable};
use twostep_admin::ui::Pagination;
use twostep_contract::{
    EnrollmentStatus, FieldError, Member, MemberGroup, MemberPage, MemberQuery, MemberSort,
    MemberSortKey, MembersReset, Paging, PrimaryMethod, RequirementReason, Role,
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
    /// The filters, order and page asked for.
    query: RwSignal<MemberQuery>,
    sorts: RwSignal<Vec<MemberSort>>,
    sent: RwSignal<Vec<Vec<i64>>>,
    /// The next reset's answer; `None` answers like a server that resets everyone named.
    reply: RwSignal<Option<Result<MembersReset, ApiError>>>,
}

/// The table as a master administrator sees it.
async fn mount_table(locale: Locale, members: Vec<Member>) -> Table {
    mount_table_for(true, locale, members).await
}

/// The table as a master administrator (`master`) or an administrator sees it.
async fn mount_table_for(master: bool, locale: Locale, members: Vec<Member>) -> Table {
    let shown = RwSignal::new(Some(page_of(members)));
    let busy = RwSignal::new(false);
    let query = RwSignal::new(MemberQuery::default());
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
                query
                on_sort=move |asked| sorts.update(|sorts| sorts.push(asked))
                may_reset_administrators=Signal::derive(move || master)
                reset
                export_href=Signal::derive(|| "/api/v1/members/export?role=technician".to_owned())
            />
        }
    });
    settle().await;
    Table { page, shown, busy, query, sorts, sent, reply }
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

    /// Clicks, then lets the handlers and the stand-in answer (tasks of their own) run: the
    /// callers check what a click may do, including nothing, so there is no one thing to wait for.
    async fn click(&self, element: &HtmlElement) {
        element.click();
        sleep(20).await;
    }

    async fn tick(&self, name: &str) {
        self.checkbox(name).click();
        settle().await;
    }
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
            &EN.time("2026-03-04T10:20:00Z", TimeStyle::Date),
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
    let status = table.page.find("[role=status]");
    table.busy.set(true);
    settle().await;
    // The status keeps saying what is shown until the new page is known; the table is busy.
    assert_eq!(table.page.text("[role=status]"), "Showing 1–4 of 4 members");
    assert_eq!(table.page.find("table").get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(table.rows().len(), 4);

    table.shown.set(Some(page_of(vec![])));
    table.busy.set(false);
    settle().await;
    assert_eq!(table.page.text("[role=status]"), "No members match these filters.");
    assert!(
        table.page.find("[role=status]").is_same_node(Some(&status)),
        "one live region whose text changes"
    );
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
    wait_until(
        "the new page clears the selection",
        || table.page.text(".selected-count"),
        |count| count == "0 selected",
    )
    .await;
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

    table.query.update(|query| {
        query.sort = MemberSort { key: MemberSortKey::Email, descending: true };
    });
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
    wait_until("focus back on the button", focused_text, |focused| {
        focused == "Force two-step verification reset"
    })
    .await;
    assert_eq!(table.page.text(".selected-count"), "2 selected", "the selection stays");

    table.click(&reset).await;
    assert!(dialog.open());
    // Escape closes a modal dialog the way `close()` does.
    dialog.close();
    wait_until("focus back on the button", focused_text, |focused| {
        focused == "Force two-step verification reset"
    })
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
    let said = table.page.find(".reset-outcome [role=status]");
    assert_eq!(said.text_content().unwrap_or_default(), "", "an empty live region at first");
    table.tick("Select Maya Patel").await;
    table.tick("Select Sam Okafor").await;
    table.click(&table.button("Force two-step verification reset")).await;
    table.button("Reset two-step verification").click();
    wait_until(
        "the reset to start",
        || table.page.button("Resetting…").is_some(),
        |started| *started,
    )
    .await;

    // While the reset runs, the dialog stays open and says so.
    assert!(table.dialog().open());
    let confirm = table.button("Resetting…");
    assert!(confirm.disabled());
    assert!(table.button("Cancel").disabled());
    assert_eq!(table.sent.get_untracked(), [vec![4, 2]]);

    // A browser that closes it anyway (a second Escape) finds it open again.
    table.dialog().close();
    wait_until("the dialog opens again", || table.dialog().open(), |done| *done).await;
    assert!(table.button("Resetting…").disabled());

    wait_until("the reset answers", || !table.dialog().open(), |done| *done).await;
    wait_until(
        "the message takes the focus",
        || document().active_element().map(|e| e.class_name()),
        |focused| {
            focused.as_deref().is_some_and(|class| class.split(' ').any(|c| c == "reset-outcome"))
        },
    )
    .await;
    assert_eq!(
        table.page.text("[role=status].success"),
        "Two-step verification was reset for 2 members."
    );
    assert!(
        table.page.find("[role=status].success").is_same_node(Some(&said)),
        "the live region's text changed, it was not inserted"
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
            "You can reset two-step verification only for the technicians of your groups who are not administrators."
                .into(),
        ),
        errors: vec![FieldError {
            field: "member_ids[1]".into(),
            message: "You cannot reset member 1: they are not a technician of your groups.".into(),
        }],
    })));
    table.tick("Select Sam Okafor").await;
    table.tick("Select Maya Patel").await;
    table.click(&table.button("Force two-step verification reset")).await;
    table.button("Reset two-step verification").click();
    wait_until("the reset answers", || !table.dialog().open(), |done| *done).await;
    wait_until(
        "the alert takes the focus",
        || document().active_element().map(|e| e.class_name()),
        |focused| {
            focused.as_deref().is_some_and(|class| class.split(' ').any(|c| c == "reset-outcome"))
        },
    )
    .await;
    assert!(table.page.try_find(".success").is_none());
    assert_eq!(
        table.page.text("[role=alert] p"),
        "You are not allowed to do this. Ask a master administrator if you need access.",
        "the console's own message comes first"
    );
    assert_eq!(
        table.page.text("[role=alert] .problem-detail"),
        "You can reset two-step verification only for the technicians of your groups who are not administrators."
    );
    assert_eq!(
        table.page.texts("[role=alert] li"),
        ["You cannot reset member 1: they are not a technician of your groups."]
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
    wait_until("the reset answers", || !table.dialog().open(), |done| *done).await;
    assert!(table.page.text("[role=alert] p").starts_with("Some values were not accepted."));
    assert_eq!(table.page.texts("[role=alert] li"), ["There is no member 3 in your organization."]);

    table.reply.set(None);
    table.click(&table.button("Force two-step verification reset")).await;
    assert!(table.page.try_find("[role=alert]").is_none(), "a new try clears the old answer");
    fire(&table.button("Reset two-step verification").unchecked_into(), "click");
    wait_until("the reset answers", || table.page.try_find(".success").is_some(), |done| *done)
        .await;
    assert_eq!(
        table.page.text("[role=status].success"),
        "Two-step verification was reset for 1 member."
    );
}

/// The page number of a query: another page of the same list.
fn on_page(number: u32) -> impl Fn(&mut MemberQuery) {
    move |query| query.paging = Paging { page: number, ..query.paging }
}

#[wasm_bindgen_test]
async fn a_new_query_clears_the_selection_and_the_message_before_its_page_arrives() {
    let table = mount_table(Locale::En, four()).await;
    table.tick("Select Ana Lima").await;
    table.click(&table.button("Force two-step verification reset")).await;
    table.button("Reset two-step verification").click();
    wait_until("the reset answers", || table.page.try_find(".success").is_some(), |done| *done)
        .await;

    table.tick("Select Sam Okafor").await;
    table.tick("Select Inès Duarte").await;
    assert_eq!(table.page.text(".selected-count"), "2 selected");
    // The next page is asked for; its rows have not come yet.
    table.query.update(on_page(2));
    table.busy.set(true);
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "0 selected", "cleared at once");
    assert!(!table.checkbox("Select Sam Okafor").checked());
    assert!(!table.checkbox("Select Inès Duarte").checked());
    assert!(table.page.try_find(".success").is_none(), "the old message is gone");
    assert_eq!(table.page.text(".reset-outcome [role=status]"), "");
    assert_eq!(table.rows().len(), 4, "the old rows stay while the page is read");

    table.busy.set(false);
    settle().await;
    table.tick("Select Maya Patel").await;
    table.query.update(|query| query.role = Some(Role::Technician));
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "0 selected", "a filter clears it too");
    table.tick("Select Maya Patel").await;
    table.query.update(|query| {
        query.sort = MemberSort { key: MemberSortKey::Name, descending: true };
    });
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "0 selected", "and so does an order");
    assert!(table.button("Force two-step verification reset").disabled());
}

#[wasm_bindgen_test]
async fn nothing_can_be_selected_or_reset_while_a_page_is_read() {
    let table = mount_table(Locale::En, four()).await;
    table.tick("Select Sam Okafor").await;
    let reset = table.button("Force two-step verification reset");
    let all = table.checkbox("Select all members on this page");
    assert!(!reset.disabled() && !all.disabled());

    table.busy.set(true);
    settle().await;
    assert!(reset.disabled(), "no reset of a page being replaced");
    assert!(all.disabled());
    for name in ["Inès Duarte", "Sam Okafor", "Ana Lima", "Maya Patel"] {
        assert!(table.checkbox(&format!("Select {name}")).disabled(), "{name}");
    }
    table.checkbox("Select Ana Lima").click();
    all.click();
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "1 selected", "clicks change nothing");

    // The same list read again (after a reset elsewhere, a retry) keeps the selection.
    table.shown.set(Some(page_of(four())));
    table.busy.set(false);
    settle().await;
    assert!(!reset.disabled() && !all.disabled());
    assert!(!table.checkbox("Select Ana Lima").disabled());
    assert!(table.checkbox("Select Sam Okafor").checked());
}

#[wasm_bindgen_test]
async fn the_dialog_resets_the_members_it_named_whatever_the_page_does_meanwhile() {
    let table = mount_table(Locale::En, four()).await;
    table.tick("Select Sam Okafor").await;
    table.tick("Select Inès Duarte").await;
    table.click(&table.button("Force two-step verification reset")).await;
    assert!(table.dialog().open());

    // A new read of the list brings other members while the dialog asks.
    let others = vec![
        member(8, "Lea Roux", vec![Role::Technician], Some("Tier 1")),
        member(9, "Tom Berg", vec![Role::Technician], Some("Tier 2")),
    ];
    table.shown.set(Some(page_of(others)));
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "0 selected", "no one shown is selected");
    assert!(table.dialog().open());
    assert_eq!(
        table.page.texts("dialog li"),
        ["Inès Duarte (inès@northwind.example)", "Sam Okafor (sam@northwind.example)"],
        "the dialog still names whom it asked about"
    );
    assert_eq!(
        table.page.text("dialog p"),
        "2 members must set up two-step verification again at their next sign-in."
    );
    table.button("Reset two-step verification").click();
    wait_until("the reset answers", || table.page.try_find(".success").is_some(), |done| *done)
        .await;
    assert_eq!(table.sent.get_untracked(), [vec![2, 1]], "exactly the members named");
}

#[wasm_bindgen_test]
async fn a_new_query_closes_the_dialog_as_cancel_does() {
    let table = mount_table(Locale::En, four()).await;
    table.tick("Select Sam Okafor").await;
    table.click(&table.button("Force two-step verification reset")).await;
    assert!(table.dialog().open());

    // Back, for instance: the address asks for another page.
    table.query.update(on_page(2));
    wait_until("the dialog closes", || !table.dialog().open(), |done| *done).await;
    // Deliberately a fixed wait: long enough for a reset to have been sent, had one been.
    sleep(20).await;
    assert!(table.sent.get_untracked().is_empty(), "nothing was reset");
    assert_eq!(table.page.text(".selected-count"), "0 selected");
    assert!(table.page.try_find(".success").is_none());
    assert!(table.page.try_find("[role=alert]").is_none());
}

#[wasm_bindgen_test]
async fn an_administrator_cannot_select_anyone_holding_an_administrator_licence() {
    let table = mount_table_for(false, Locale::En, four()).await;
    let why = "Only master administrators can reset an administrator's two-step verification.";
    for name in ["Inès Duarte", "Maya Patel"] {
        let checkbox = table.checkbox(&format!("Select {name}"));
        assert!(checkbox.disabled(), "{name}: an administrator");
        assert_eq!(checkbox.get_attribute("title").as_deref(), Some(why), "{name}");
    }
    for name in ["Sam Okafor", "Ana Lima"] {
        let checkbox = table.checkbox(&format!("Select {name}"));
        assert!(!checkbox.disabled(), "{name}: a technician");
        assert_eq!(checkbox.get_attribute("title"), None, "{name}");
    }
    table.checkbox("Select Inès Duarte").click();
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "0 selected");

    let all = table.checkbox("Select all members on this page");
    all.click();
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "2 selected", "all those she may reset");
    assert!(all.checked() && !all.indeterminate());
    assert!(table.checkbox("Select Sam Okafor").checked());
    assert!(table.checkbox("Select Ana Lima").checked());
    assert!(!table.checkbox("Select Inès Duarte").checked());
    assert!(!table.checkbox("Select Maya Patel").checked());

    table.click(&table.button("Force two-step verification reset")).await;
    assert_eq!(
        table.page.texts("dialog li"),
        ["Sam Okafor (sam@northwind.example)", "Ana Lima (ana@northwind.example)"]
    );
    table.button("Reset two-step verification").click();
    wait_until("the reset answers", || table.page.try_find(".success").is_some(), |done| *done)
        .await;
    assert_eq!(table.sent.get_untracked(), [vec![2, 3]]);

    // A page of administrators only: nothing to select.
    table.shown.set(Some(page_of(vec![four()[0].clone(), four()[3].clone()])));
    settle().await;
    assert!(table.checkbox("Select all members on this page").disabled());
}

#[wasm_bindgen_test]
async fn a_master_administrator_may_select_everyone() {
    let table = mount_table_for(true, Locale::En, four()).await;
    for name in ["Inès Duarte", "Sam Okafor", "Ana Lima", "Maya Patel"] {
        let checkbox = table.checkbox(&format!("Select {name}"));
        assert!(!checkbox.disabled(), "{name}");
        assert_eq!(checkbox.get_attribute("title"), None, "{name}");
    }
    table.checkbox("Select all members on this page").click();
    settle().await;
    assert_eq!(table.page.text(".selected-count"), "4 selected");
}

#[wasm_bindgen_test]
async fn the_ends_of_the_pagination_are_text_not_links() {
    let pages = RwSignal::new(Some((1_u32, 3_u32)));
    let page = mount_in(Locale::En, move || {
        view! { <Pagination pages href=|number: u32| format!("/organization/members?page={number}") /> }
    });
    settle().await;
    let nav = page.find("nav");
    assert_eq!(nav.get_attribute("aria-label").as_deref(), Some("Pages"));
    let links = || {
        let links = page.root.query_selector_all("nav a").unwrap();
        (0..links.length())
            .filter_map(|index| links.item(index))
            .map(|link| {
                let link: HtmlElement = link.unchecked_into();
                (link.text_content().unwrap_or_default(), link.get_attribute("href"))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(page.text("nav"), "PreviousPage 1 of 3Next");
    assert_eq!(links(), [("Next".to_owned(), Some("/organization/members?page=2".to_owned()))]);
    assert!(page.try_find("[aria-disabled]").is_none(), "no link that says it is disabled");

    pages.set(Some((2, 3)));
    settle().await;
    assert_eq!(
        links(),
        [
            ("Previous".to_owned(), Some("/organization/members?page=1".to_owned())),
            ("Next".to_owned(), Some("/organization/members?page=3".to_owned())),
        ]
    );

    pages.set(Some((3, 3)));
    settle().await;
    assert_eq!(links(), [("Previous".to_owned(), Some("/organization/members?page=2".to_owned()))]);
    assert_eq!(page.text("nav .page-end"), "Next");
    assert!(page.try_find("[aria-disabled], [role=link]").is_none());

    pages.set(None);
    settle().await;
    assert!(nav.hidden(), "no page, no pagination");
}

#[wasm_bindgen_test]
async fn a_search_adds_one_step_to_the_history_per_burst_of_typing() {
    // The filters write to an address that gives the query back, as the tab's does.
    let query = RwSignal::new(MemberQuery::default());
    let changes = RwSignal::new(Vec::<(Option<String>, bool)>::new());
    let page = mount_in(Locale::En, move || {
        view! {
            <MemberFilters
                query
                group_tab=false
                on_change=move |(next, replace): (MemberQuery, bool)| {
                    changes.update(|changes| changes.push((next.q.clone(), replace)));
                    query.set(next);
                }
            />
        }
    });
    settle().await;
    let search: HtmlInputElement = page.labelled("Search by name or email").unchecked_into();
    assert_eq!(search.max_length(), 200, "a longer search could not be read");
    let type_in = |text: &str| {
        search.set_value(text);
        fire(search.unchecked_ref(), "input");
    };
    let last = || changes.with_untracked(|changes| changes.last().cloned());
    // The search is applied once the debounce has passed: one more change.
    let applied = |count: usize| {
        wait_until(
            "the debounced search",
            move || changes.with_untracked(Vec::len),
            move |n| *n == count,
        )
    };

    type_in("sa");
    applied(1).await;
    assert_eq!(last(), Some((Some("sa".into()), false)), "the first search adds a step");
    type_in("sam");
    applied(2).await;
    assert_eq!(last(), Some((Some("sam".into()), true)), "the next keystrokes replace it");
    type_in("");
    applied(3).await;
    assert_eq!(last(), Some((None, true)));
    type_in("ana");
    applied(4).await;
    assert_eq!(last(), Some((Some("ana".into()), false)), "no search before: a new step");

    // Another filter in between: the next search is a step of its own.
    let role = page.labelled("Role");
    role.unchecked_ref::<web_sys::HtmlSelectElement>().set_value("technician");
    fire(&role, "change");
    settle().await;
    assert_eq!(last(), Some((Some("ana".into()), false)));
    type_in("ana l");
    applied(6).await;
    assert_eq!(last(), Some((Some("ana l".into()), false)));

    // Back to an earlier search, then typing: a new step again.
    query.set(MemberQuery { q: Some("sam".into()), ..MemberQuery::default() });
    settle().await;
    assert_eq!(search.value(), "sam");
    type_in("samu");
    applied(7).await;
    assert_eq!(last(), Some((Some("samu".into()), false)));
    assert_eq!(changes.with_untracked(Vec::len), 7);
}
