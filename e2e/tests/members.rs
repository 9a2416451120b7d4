//! Members, their two-step verification state, "Force two-step verification reset" and the
//! audit log end to end (issue 5): a master administrator finds the members who are required
//! but have not set up two-step verification, resets two others and sees their state change and
//! the audit entries; an administrator sees and resets only the members of their groups, and
//! the API refuses anything else; the filters, the order and the page live in the address; the
//! CSV export holds the filtered members. Each scenario runs in Chromium, Firefox and WebKit
//! with its own server on a fresh database, and every screen is checked with axe-core.

#![warn(missing_docs)]

use twostep_contract::{
    EnrollmentStatus, Member, MemberPage, PrimaryMethod, Role, TechnicianGroup,
};
use twostep_e2e::demo::{INES, MAYA};
use twostep_e2e::{
    ApiSession, Browser, BrowserKind, DEMO_PASSWORD, Table, TestServer, in_every_browser,
};

const MEMBERS_PATH: &str = "/organization/members";
const AUDIT_LOG_PATH: &str = "/organization/audit-log";
const MEMBERS: &str = "Members";
const AUDIT_LOG: &str = "Audit log";
const FILTERS: &str = "Filter members";
const SEARCH: &str = "Search by name or email";
const SET_UP: &str = "Set up";
const SHORTCUT: &str = "Required but not set up";
const RESET: &str = "Force two-step verification reset";
const DIALOG: &str = "Force two-step verification reset?";
const CONFIRM: &str = "Reset two-step verification";
const NOT_SET_UP: &str = "Not set up";

/// A server, a browser signed in as one person and showing the page they asked for, and an
/// API session of that person's to check what the server holds.
struct Console {
    server: TestServer,
    browser: Browser,
    api: ApiSession,
}

impl Console {
    /// Opens `path` signed out, signs in as `email` with the keyboard on the sign-in page it
    /// leads to, and waits to be back at `path`.
    fn open(kind: BrowserKind, email: &str, path: &str) -> Self {
        let server = TestServer::start();
        let api = ApiSession::sign_in(&server, email, DEMO_PASSWORD);
        let browser = Browser::launch(kind);
        browser.sign_in_at(&server, path, email, DEMO_PASSWORD);
        Self { server, browser, api }
    }

    /// `GET /members?query` through the API, every page.
    fn members(&self, query: &str) -> Vec<Member> {
        let mut all = Vec::new();
        for page in 1.. {
            let separator = if query.is_empty() { "" } else { "&" };
            let path = format!("/api/v1/members?{query}{separator}per_page=200&page={page}");
            let answer = self.api.get(&path);
            assert_eq!(answer.status, 200, "GET {path}: {answer:?}");
            let page: MemberPage = serde_json::from_str(&answer.body).expect("a page of members");
            let done = page.items.len() < 200;
            all.extend(page.items);
            if done {
                break;
            }
        }
        all
    }

    /// The member named `name`, as the API shows them to this person.
    fn member(&self, name: &str) -> Member {
        let found = self.members(&format!("q={}", twostep_contract::encode_component(name)));
        found.into_iter().find(|member| member.name == name).unwrap_or_else(|| {
            panic!("{}: no member {name:?} through the API", self.browser.kind())
        })
    }

    /// Waits for the Members table to show exactly `expected`, in that order.
    fn wait_for_members(&self, what: &str, expected: &[Member]) -> Table {
        let names: Vec<&str> = expected.iter().map(|member| member.name.as_str()).collect();
        self.browser.wait_for_table(MEMBERS, what, |table| table.column("Name") == names)
    }

    /// The status line under the filters for `total` matching members on one page.
    fn wait_for_count(&self, total: usize) {
        let text = if total == 0 {
            "No members match these filters.".to_owned()
        } else {
            format!("Showing 1–{total} of {total} members")
        };
        self.browser.by_role_with_text("status", &text);
    }

    /// The `<select>` labelled `label` in the filters.
    fn choose(&self, label: &str, option: &str) {
        self.browser.by_role("search", FILTERS).by_role("combobox", label).select_option(option);
    }

    /// Ticks the row checkboxes of `names`, resets them through the dialog, and waits for the
    /// success message.
    fn reset_through_dialog(&self, names: &[&str]) {
        let browser = &self.browser;
        let kind = browser.kind();
        for name in names {
            browser.by_role("checkbox", &format!("Select {name}")).click();
        }
        browser.text_visible(&format!("{} selected", names.len()));
        browser.by_role("button", RESET).click();
        let dialog = browser.by_role("dialog", DIALOG);
        let count = match names.len() {
            1 => "1 member must".to_owned(),
            n => format!("{n} members must"),
        };
        browser.text_visible(&format!(
            "{count} set up two-step verification again at their next sign-in."
        ));
        let text = dialog.text();
        for name in names {
            assert!(text.contains(name), "{kind}: the dialog names {name}: {text:?}");
        }
        browser.assert_focused("button", "Cancel");
        browser.assert_axe_clean("the Force two-step verification reset dialog");
        browser.by_role("button", CONFIRM).click();
        let noun = if names.len() == 1 { "member" } else { "members" };
        browser.by_role_with_text(
            "status",
            &format!("Two-step verification was reset for {} {noun}.", names.len()),
        );
        assert_eq!(browser.count_by_role("dialog", DIALOG), 0, "{kind}: the dialog closed");
    }
}

fn names(members: &[Member]) -> Vec<&str> {
    members.iter().map(|member| member.name.as_str()).collect()
}

fn method_label(method: PrimaryMethod) -> &'static str {
    match method {
        PrimaryMethod::LastpassNotification => "LastPass Authenticator app notification",
        PrimaryMethod::AuthenticatorApp => "Authenticator app",
        PrimaryMethod::Sms => "SMS verification",
        PrimaryMethod::Email => "Email verification",
    }
}

fn master_administrator_resets_two_members(kind: BrowserKind) {
    let console = Console::open(kind, MAYA, MEMBERS_PATH);
    let browser = &console.browser;
    browser.heading(2, MEMBERS);
    let tab = browser.by_role("navigation", "Organization sections").by_role("link", MEMBERS);
    assert_eq!(tab.attribute("aria-current").as_deref(), Some("page"), "{kind}: Members tab");
    let everyone = console.members("");
    console.wait_for_members("every member by name", &everyone);
    console.wait_for_count(everyone.len());
    browser.assert_axe_clean("the organization's Members tab");

    // The shortcut finds who is required but has not set up two-step verification.
    browser.by_role("button", SHORTCUT).click();
    browser.wait_for_address(&format!("{MEMBERS_PATH}?required=true&status=not_enrolled"));
    let missing = console.members("required=true&status=not_enrolled");
    assert!(names(&missing).contains(&"Inès Duarte"), "the seed: Inès has not set it up");
    let table = console.wait_for_members("required members without a setup", &missing);
    console.wait_for_count(missing.len());
    assert_eq!(
        browser.by_role("button", SHORTCUT).attribute("aria-pressed").as_deref(),
        Some("true"),
        "{kind}: the shortcut shows it is on"
    );
    for row in &table.rows {
        assert!(
            table.cell(row, "Two-step verification").starts_with("Required"),
            "{kind}: {row:?}"
        );
        assert_eq!(table.cell(row, SET_UP), NOT_SET_UP, "{kind}: {row:?}");
        assert_eq!(table.cell(row, "Method"), "—", "{kind}: {row:?}");
    }
    let ines = table.row_where("Name", "Inès Duarte").expect("Inès is listed");
    assert_eq!(table.cell(ines, "Two-step verification"), "Required Administrator policy");
    assert_eq!(table.cell(ines, "Roles"), "Administrator");
    browser.assert_axe_clean("the Members tab filtered to required members without a setup");

    // Among the required members who have set it up, reset two technicians of Tier 2.
    console.choose(SET_UP, "Set up");
    browser.wait_for_address(&format!("{MEMBERS_PATH}?required=true&status=enrolled"));
    let enrolled = console.members("required=true&status=enrolled");
    let table = console.wait_for_members("required members with a setup", &enrolled);
    let chosen: Vec<Member> = enrolled
        .iter()
        .filter(|member| {
            member.roles == [Role::Technician]
                && member.group.as_ref().is_some_and(|group| group.name == "Tier 2")
        })
        .take(2)
        .cloned()
        .collect();
    assert_eq!(chosen.len(), 2, "the seed has enrolled technicians in Tier 2: {enrolled:?}");
    for member in &chosen {
        let row = table.row_where("Name", &member.name).expect("listed");
        assert_eq!(table.cell(row, "Two-step verification"), "Required Group Tier 2");
        assert_eq!(table.cell(row, SET_UP), "Set up");
        let method = member.method.expect("enrolled members have a method");
        assert_eq!(table.cell(row, "Method"), method_label(method), "{kind}: {row:?}");
        // The day of the setup as English writes it, in the browser's time zone.
        let at = member.enrolled_at.clone().expect("enrolled");
        let date = browser.execute(
            "return new Intl.DateTimeFormat('en', {dateStyle: 'medium'}).format(new Date(arguments[0]));",
            vec![at.into()],
        );
        assert_eq!(Some(table.cell(row, "Set up on")), date.as_str(), "{kind}: {row:?}");
    }
    let chosen_names = names(&chosen);
    console.reset_through_dialog(&chosen_names);

    // The table follows without a reload: the two are no longer among those set up...
    let remaining: Vec<Member> = enrolled
        .iter()
        .filter(|member| !chosen_names.contains(&member.name.as_str()))
        .cloned()
        .collect();
    console.wait_for_members("the members still set up", &remaining);
    for name in &chosen_names {
        let member = console.member(name);
        assert_eq!(member.status, EnrollmentStatus::NotEnrolled, "{kind}: {member:?}");
        assert_eq!(member.method, None, "{kind}: {member:?}");
    }
    // ...and are among those who must set it up again.
    console.choose(SET_UP, "Not set up");
    let missing_now = console.members("required=true&status=not_enrolled");
    assert_eq!(missing_now.len(), missing.len() + 2, "{kind}: two more without a setup");
    let table = console.wait_for_members("the two among those not set up", &missing_now);
    for name in &chosen_names {
        let row = table.row_where("Name", name).expect("listed");
        assert_eq!(table.cell(row, SET_UP), NOT_SET_UP, "{kind}: {row:?}");
    }
    browser.assert_axe_clean("the Members tab after a reset");

    // The audit log has one entry per member, newest first, with before and after.
    browser.by_role("navigation", "Organization sections").by_role("link", AUDIT_LOG).click();
    browser.wait_for_path(AUDIT_LOG_PATH);
    browser.heading(2, AUDIT_LOG);
    let log =
        browser.wait_for_table(AUDIT_LOG, "the two resets on top", |table| table.rows.len() >= 2);
    for row in log.rows.iter().take(2) {
        assert_eq!(log.cell(row, "Who"), "Maya Patel", "{kind}: {row:?}");
        assert_eq!(log.cell(row, "After"), NOT_SET_UP, "{kind}: {row:?}");
    }
    for member in &chosen {
        let what = format!("Two-step verification reset: {}", member.name);
        let row =
            log.row_where("What", &what).unwrap_or_else(|| panic!("{kind}: {what:?} in {log:#?}"));
        let method = method_label(member.method.expect("enrolled"));
        assert_eq!(log.cell(row, "Before"), format!("Set up ({method})"), "{kind}: {row:?}");
    }
    browser.assert_axe_clean("the audit log");

    browser
        .by_role("search", "Filter the audit log")
        .by_role("combobox", "Change")
        .select_option("Two-step verification resets");
    browser.wait_for_address(&format!("{AUDIT_LOG_PATH}?kind=two_step_reset"));
    let resets =
        browser.wait_for_table(AUDIT_LOG, "the two resets only", |table| table.rows.len() == 2);
    for row in &resets.rows {
        assert!(resets.cell(row, "What").starts_with("Two-step verification reset: "), "{row:?}");
    }
    let answer = console.api.get("/api/v1/audit-events?kind=two_step_reset");
    assert_eq!(answer.json()["total"], 2, "{kind}: two reset events: {answer:?}");
}

fn administrator_resets_only_members_of_their_groups(kind: BrowserKind) {
    let console = Console::open(kind, INES, MEMBERS_PATH);
    let browser = &console.browser;
    browser.heading(2, MEMBERS);
    let sections = browser.by_role("navigation", "Organization sections");
    assert_eq!(sections.count_by_role("link", AUDIT_LOG), 0, "{kind}: no audit log for Inès");
    assert_eq!(sections.count_by_role("link", "Global Settings"), 0, "{kind}: no Global Settings");

    // Inès sees the members of Tier 1 and its subgroups, no one else.
    let hers = console.members("");
    assert!(!hers.is_empty(), "the seed puts technicians in Tier 1");
    let table = console.wait_for_members("the members of Inès's groups", &hers);
    for group in table.column("Group") {
        assert!(["Tier 1", "EMEA", "Americas"].contains(&group), "{kind}: a member of {group}");
    }
    assert!(table.row_where("Name", "Maya Patel").is_none(), "{kind}: Maya is not listed");
    browser.assert_axe_clean("an administrator's Members tab");

    // She resets one member of her groups who has set it up.
    console.choose(SET_UP, "Set up");
    browser.wait_for_address(&format!("{MEMBERS_PATH}?status=enrolled"));
    let enrolled = console.members("status=enrolled");
    console.wait_for_members("Inès's members with a setup", &enrolled);
    let chosen = enrolled[0].clone();
    console.reset_through_dialog(&[chosen.name.as_str()]);
    console.wait_for_members("one fewer with a setup", &enrolled[1..]);
    assert_eq!(console.member(&chosen.name).status, EnrollmentStatus::NotEnrolled, "{kind}");

    // The API refuses a reset that names anyone outside her groups, and resets no one.
    let maya = ApiSession::sign_in(&console.server, MAYA, DEMO_PASSWORD);
    let maya_id = maya.get("/api/v1/session").json()["user"]["id"].as_i64().expect("id");
    let other = enrolled[1].clone();
    let answer = console.api.call(
        "POST",
        "/api/v1/members/two-step-reset",
        Some(serde_json::json!({ "member_ids": [other.id, maya_id] })),
    );
    assert_eq!(answer.status, 403, "{kind}: Inès cannot reset Maya: {answer:?}");
    let problem = answer.json();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|error| error["field"].as_str())
        .collect();
    assert_eq!(fields, ["member_ids[1]"], "{kind}: the answer names Maya's id: {problem}");
    assert_eq!(
        console.member(&other.name).status,
        EnrollmentStatus::Enrolled,
        "{kind}: all or nothing"
    );
    let page: MemberPage =
        serde_json::from_str(&maya.get("/api/v1/members?q=maya%40northwind.example").body)
            .expect("page");
    assert_eq!(page.items[0].status, EnrollmentStatus::Enrolled, "{kind}: Maya keeps her setup");

    // The console does not offer the audit log at its address either.
    browser.goto(&console.server.url(AUDIT_LOG_PATH));
    browser.text_visible("Only master administrators can see the audit log.");
}

fn the_filters_order_and_page_live_in_the_address(kind: BrowserKind) {
    let console = Console::open(kind, MAYA, MEMBERS_PATH);
    let browser = &console.browser;
    let groups: Vec<TechnicianGroup> = console.api.technician_groups();
    let tier1 = groups.iter().find(|group| group.name == "Tier 1").expect("Tier 1").clone();

    // A group's Members tab lists the group and its subgroups.
    let group_path = format!("/groups/{}/members", tier1.id);
    browser.goto(&console.server.url(&group_path));
    browser.heading(1, "Tier 1");
    let tab = browser.by_role("navigation", "Group sections").by_role("link", MEMBERS);
    assert_eq!(tab.attribute("aria-current").as_deref(), Some("page"), "{kind}: Members tab");
    let tier1_members = console.members(&format!("group_id={}", tier1.id));
    let table = console.wait_for_members("Tier 1 with its subgroups", &tier1_members);
    let mut shown_groups: Vec<&str> = table.column("Group");
    shown_groups.sort_unstable();
    shown_groups.dedup();
    assert_eq!(shown_groups, ["Americas", "EMEA", "Tier 1"], "{kind}");

    // Searching narrows the list and is kept in the address, also across a reload.
    browser.by_role("search", FILTERS).by_role("searchbox", SEARCH).fill("OKAFOR");
    browser.wait_for_address(&format!("{group_path}?q=OKAFOR"));
    let sam = console.members(&format!("group_id={}&q=OKAFOR", tier1.id));
    assert_eq!(names(&sam), ["Sam Okafor"], "the search ignores case");
    console.wait_for_members("Sam alone", &sam);
    browser.reload();
    console.wait_for_members("Sam alone after a reload", &sam);
    assert_eq!(
        browser.by_role("searchbox", SEARCH).property("value").as_deref(),
        Some("OKAFOR"),
        "{kind}: the search box shows the search after a reload"
    );

    // Sorting by a column header reverses the order and says so; Back restores it.
    browser.goto(&console.server.url(&group_path));
    console.wait_for_members("Tier 1 again", &tier1_members);
    let name_header = browser.by_role("columnheader", "Name");
    assert_eq!(name_header.attribute("aria-sort").as_deref(), Some("ascending"), "{kind}");
    browser.by_role("button", "Name").click();
    browser.wait_for_address(&format!("{group_path}?sort=-name"));
    let descending = console.members(&format!("group_id={}&sort=-name", tier1.id));
    console.wait_for_members("Tier 1 by name, descending", &descending);
    let name_header = browser.by_role("columnheader", "Name");
    assert_eq!(name_header.attribute("aria-sort").as_deref(), Some("descending"), "{kind}");
    browser.back();
    browser.wait_for_address(&group_path);
    console.wait_for_members("Tier 1 by name again", &tier1_members);

    // Pages: ten members a page over the whole organization.
    let everyone = console.members("");
    let pages = everyone.len().div_ceil(10);
    browser.goto(&console.server.url(&format!("{MEMBERS_PATH}?per_page=10")));
    console.wait_for_members("the first ten", &everyone[..10]);
    browser.text_visible(&format!("Page 1 of {pages}"));
    let pagination = browser.by_role("navigation", "Pages");
    pagination.by_role("link", "Next").click();
    browser.wait_for_address(&format!("{MEMBERS_PATH}?page=2&per_page=10"));
    console.wait_for_members("the next ten", &everyone[10..20]);
    browser.text_visible(&format!("Page 2 of {pages}"));
    browser.assert_axe_clean("the second page of members");

    // The export holds every member of the current filter, on every page.
    console.choose("Role", "Technicians");
    browser.wait_for_address(&format!("{MEMBERS_PATH}?role=technician&per_page=10"));
    let technicians = console.members("role=technician");
    let href = browser.by_role("link", "Export CSV").attribute("href").expect("a link");
    assert!(href.contains("role=technician"), "{kind}: the export follows the filter: {href}");
    let download = browser.fetch("GET", &href);
    assert_eq!(download.status, 200, "{kind}: {download:?}");
    let text = download.body.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    assert!(first_line.starts_with("\"Name\",\"Email\""), "{kind}: the header row: {first_line:?}");
    // The first record is the header row, which the reader takes apart from the rows.
    let mut export = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> =
        export.records().collect::<Result<_, _>>().expect("the export is well-formed CSV");
    assert_eq!(rows.len(), technicians.len(), "{kind}: a row per technician and a header");
    for member in &technicians {
        assert!(
            rows.iter().any(|row| row.get(1) == Some(member.email.as_str())),
            "{kind}: {} is exported",
            member.email
        );
    }
}

in_every_browser!(
    master_administrator_resets_two_members,
    administrator_resets_only_members_of_their_groups,
    the_filters_order_and_page_live_in_the_address,
);
