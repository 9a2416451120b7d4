//! `GET /members`: who sees which members, every filter alone and together, the order, the
//! pages, the problems, and the `required` filter against the contract's rule.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{CONTOSO, Client, MEMBERS, NORTHWIND, TestServer, start};
use serde_json::Value;
use twostep_contract::{
    AdministratorsPolicy, EnrollmentStatus, Member, MemberFacts, MemberPage, PolicySettings,
    PrimaryMethod, RequirementReason, Role, TechniciansPolicy, problem_types, requirement,
};

/// Every member `client` sees for `query` (`per_page=200`, every page), checking each page.
async fn all(server: &TestServer, client: &Client, query: &str) -> Vec<Member> {
    let mut members = Vec::new();
    for page in 1.. {
        let separator = if query.is_empty() { "" } else { "&" };
        let uri = format!("{MEMBERS}?{query}{separator}per_page=200&page={page}");
        let answer: MemberPage = serde_json::from_value(server.get_json(&uri, client).await)
            .unwrap_or_else(|e| panic!("{uri}: {e}"));
        assert_eq!((answer.page, answer.per_page), (page, 200), "{uri}");
        let last = answer.items.len() < 200;
        members.extend(answer.items);
        if last {
            assert_eq!(answer.total, members.len() as u64, "{uri}");
            break;
        }
    }
    members
}

fn names(members: &[Member]) -> Vec<&str> {
    members.iter().map(|m| m.name.as_str()).collect()
}

fn group_name(member: &Member) -> Option<&str> {
    member.group.as_ref().map(|g| g.name.as_str())
}

fn find<'a>(members: &'a [Member], name: &str) -> &'a Member {
    members.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name} is not listed"))
}

/// The number of members of the organization `organization` (a subquery).
async fn members_of(server: &TestServer, organization: &str) -> usize {
    server
        .scalar(&format!("SELECT COUNT(*) FROM members WHERE organization_id = {organization}"))
        .await as usize
}

#[tokio::test]
async fn master_administrators_see_every_member_with_their_two_step_state() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let answer = server.call(Method::GET, MEMBERS, Some(&maya), None).await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.text());
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    let first: MemberPage = serde_json::from_value(answer.json()).unwrap();
    let total = members_of(&server, NORTHWIND).await;
    assert_eq!((first.total, first.page, first.per_page), (total as u64, 1, 50));
    assert_eq!(first.items.len(), total.min(50));

    let everyone = all(&server, &maya, "").await;
    assert_eq!(everyone.len(), total);
    assert_eq!(first.items, everyone[..first.items.len()]);

    let maya_row = find(&everyone, "Maya Patel");
    assert_eq!(maya_row.email, "maya@northwind.example");
    assert_eq!(maya_row.roles, [Role::MasterAdministrator]);
    assert_eq!(maya_row.group, None);
    assert!(maya_row.required);
    assert_eq!(maya_row.reasons, [RequirementReason::AdministratorPolicy]);
    assert_eq!(maya_row.status, EnrollmentStatus::Enrolled);
    assert_eq!(maya_row.method, Some(PrimaryMethod::AuthenticatorApp));
    assert_eq!(maya_row.enrolled_at.as_deref(), Some("2025-09-01T09:00:00Z"));
    assert_eq!(maya_row.console_version, None);

    let leo = find(&everyone, "Leo Martin");
    assert_eq!(leo.roles, [Role::MasterAdministrator, Role::Technician]);
    assert_eq!(group_name(leo), Some("Tier 2"));
    assert_eq!(leo.reasons, [RequirementReason::AdministratorPolicy, RequirementReason::Group]);
    assert_eq!(leo.console_version.as_deref(), Some("7.60.3800"));

    let sam = find(&everyone, "Sam Okafor");
    assert_eq!(
        (sam.roles.as_slice(), group_name(sam)),
        ([Role::Technician].as_slice(), Some("EMEA"))
    );
    assert!(!sam.required);
    assert!(sam.reasons.is_empty());
    assert_eq!(
        (sam.status, sam.method, sam.enrolled_at.as_deref()),
        (EnrollmentStatus::NotEnrolled, None, None)
    );

    let ines = find(&everyone, "Inès Duarte");
    assert_eq!(ines.roles, [Role::Administrator]);
    assert!(ines.required && ines.status == EnrollmentStatus::NotEnrolled);
    let priya = find(&everyone, "Priya Raman");
    assert_eq!(priya.method, Some(PrimaryMethod::Sms));
}

/// A member as each filter sees them, to check the server's filters against.
fn matches(member: &Member, filter: &str) -> bool {
    filter.split('&').all(|pair| {
        let (name, value) = pair.split_once('=').unwrap();
        match name {
            "role" => {
                let role = match value {
                    "master_administrator" => Role::MasterAdministrator,
                    "administrator" => Role::Administrator,
                    _ => Role::Technician,
                };
                member.roles.contains(&role)
            }
            "required" => member.required == (value == "true"),
            "status" => (member.status == EnrollmentStatus::Enrolled) == (value == "enrolled"),
            "q" => {
                let q = value.to_ascii_lowercase();
                member.name.to_ascii_lowercase().contains(&q)
                    || member.email.to_ascii_lowercase().contains(&q)
            }
            other => panic!("{other}"),
        }
    })
}

#[tokio::test]
async fn each_filter_alone_and_together_keeps_exactly_the_matching_members() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let everyone = all(&server, &maya, "").await;
    let singles = [
        "role=master_administrator",
        "role=administrator",
        "role=technician",
        "required=true",
        "required=false",
        "status=enrolled",
        "status=not_enrolled",
        "q=an",
    ];
    let mut filters: Vec<String> = singles.iter().map(|s| s.to_string()).collect();
    for (i, a) in singles.iter().enumerate() {
        for b in &singles[i + 1..] {
            if a.split('=').next() != b.split('=').next() {
                filters.push(format!("{a}&{b}"));
            }
        }
    }
    filters.push("role=technician&required=true&status=not_enrolled&q=e".into());
    for filter in &filters {
        let expected: Vec<&Member> = everyone.iter().filter(|m| matches(m, filter)).collect();
        let listed = all(&server, &maya, filter).await;
        let listed: Vec<&Member> = listed.iter().collect();
        assert_eq!(listed, expected, "{filter}");
    }

    let masters = all(&server, &maya, "role=master_administrator").await;
    assert_eq!(names(&masters), ["Leo Martin", "Maya Patel"]);
    let administrators = all(&server, &maya, "role=administrator").await;
    assert_eq!(names(&administrators), ["Inès Duarte", "Priya Raman"]);
    let missing = all(&server, &maya, "required=true&status=not_enrolled").await;
    // The seed: Inès and three technicians of Tier 2, the group that forces it.
    assert_eq!(names(&missing), ["Dana Kim", "Hana Suzuki", "Inès Duarte", "Nikolai Petrov"]);
    for member in &missing {
        assert!(member.required && member.method.is_none(), "{member:?}");
        assert!(
            member.roles.contains(&Role::Administrator) || group_name(member) == Some("Tier 2"),
            "{member:?}"
        );
    }
}

#[tokio::test]
async fn the_search_ignores_ascii_case_keeps_accents_and_takes_wildcards_literally() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    for (q, expected) in [
        ("in%C3%A8s", vec!["Inès Duarte"]),
        ("DUARTE", vec!["Inès Duarte"]),
        ("OKAFOR", vec!["Sam Okafor"]),
        ("sam%40northwind", vec!["Sam Okafor"]),
        ("+okafor+", vec!["Sam Okafor"]),
        ("a_a", vec![]),
        ("a%25a", vec![]),
        ("%25", vec![]),
        ("_", vec![]),
        ("%5C", vec![]),
        ("contoso", vec![]),
    ] {
        let found = all(&server, &maya, &format!("q={q}")).await;
        assert_eq!(names(&found), expected, "q={q}");
    }
    let percent =
        server.add_technician("Percy 100% Sure_Thing", "percy\\x@northwind.example", "EMEA").await;
    for q in ["100%25", "e_t", "y%5Cx", "%5Cx%40", "SURE_THING"] {
        let found = all(&server, &maya, &format!("q={q}")).await;
        let ids: Vec<i64> = found.iter().map(|m| m.id).collect();
        assert_eq!(ids, [percent], "q={q}");
    }
    // An empty or blank search is no search.
    let everyone = all(&server, &maya, "").await;
    assert_eq!(all(&server, &maya, "q=").await, everyone);
    assert_eq!(all(&server, &maya, "q=+++").await, everyone);
}

#[tokio::test]
async fn a_group_includes_its_subgroups_and_an_invisible_group_is_not_found() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let everyone = all(&server, &maya, "").await;
    for (group, groups) in [
        ("Tier 1", vec!["Tier 1", "EMEA", "Americas"]),
        ("EMEA", vec!["EMEA"]),
        ("Tier 2", vec!["Tier 2"]),
    ] {
        let id = server.group_id(group).await;
        let expected: Vec<&Member> = everyone
            .iter()
            .filter(|m| group_name(m).is_some_and(|name| groups.contains(&name)))
            .collect();
        assert!(!expected.is_empty());
        let listed = all(&server, &maya, &format!("group_id={id}")).await;
        assert_eq!(listed.iter().collect::<Vec<_>>(), expected, "{group}");
        let combined = all(&server, &maya, &format!("group_id={id}&status=not_enrolled")).await;
        let expected: Vec<&Member> =
            expected.into_iter().filter(|m| m.status == EnrollmentStatus::NotEnrolled).collect();
        assert_eq!(combined.iter().collect::<Vec<_>>(), expected, "{group}, not set up");
    }

    let ines = server.sign_in("ines@northwind.example").await;
    let ana = server.sign_in("ana@contoso.example").await;
    let tier2 = server.group_id("Tier 2").await;
    let helpdesk = server.group_id("Helpdesk").await;
    for (client, id) in [(&ines, tier2), (&maya, helpdesk), (&maya, 999_999), (&ana, tier2)] {
        let uri = format!("{MEMBERS}?group_id={id}");
        let body = server
            .call(Method::GET, &uri, Some(client), None)
            .await
            .problem(404, problem_types::NOT_FOUND);
        assert!(body["detail"].as_str().unwrap().contains(&id.to_string()), "{body}");
    }
}

#[tokio::test]
async fn administrators_see_the_members_of_their_groups_and_subgroups_only() {
    let server = start().await;
    let ines = server.sign_in("ines@northwind.example").await;
    let hers = all(&server, &ines, "").await;
    let expected = server
        .scalar(&format!(
            "SELECT COUNT(*) FROM members m JOIN technician_groups g ON g.id = m.technician_group_id
             WHERE m.organization_id = {NORTHWIND} AND g.name IN ('Tier 1', 'EMEA', 'Americas')"
        ))
        .await;
    assert_eq!(hers.len() as i64, expected);
    let mut groups: Vec<&str> = hers.iter().filter_map(group_name).collect();
    groups.sort_unstable();
    groups.dedup();
    assert_eq!(groups, ["Americas", "EMEA", "Tier 1"]);
    for absent in ["Maya Patel", "Leo Martin", "Inès Duarte", "Priya Raman"] {
        assert!(!names(&hers).contains(&absent), "{absent}");
    }
    // Filters apply within what she sees.
    let emea = server.group_id("EMEA").await;
    let in_emea = all(&server, &ines, &format!("group_id={emea}&q=okafor")).await;
    assert_eq!(names(&in_emea), ["Sam Okafor"]);
    assert!(all(&server, &ines, "role=master_administrator").await.is_empty());

    let priya = server.sign_in("priya@northwind.example").await;
    let field = all(&server, &priya, "").await;
    assert!(!field.is_empty());
    assert!(field.iter().all(|m| group_name(m) == Some("Field Services")));
}

/// Whether `a` may come before `b` in `sort`.
fn in_order(a: &Member, b: &Member, key: &str, descending: bool) -> bool {
    use std::cmp::Ordering;
    let by_name = (a.name.as_str(), a.id).cmp(&(b.name.as_str(), b.id));
    let last_if_none = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(_), None) => Some(Ordering::Less),
        (None, Some(_)) => Some(Ordering::Greater),
        _ => None,
    };
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    let ordering = match key {
        "name" => flip(by_name),
        "email" => flip((a.email.as_str(), a.id).cmp(&(b.email.as_str(), b.id))),
        "group" => last_if_none(group_name(a), group_name(b))
            .unwrap_or_else(|| flip(group_name(a).cmp(&group_name(b))).then(by_name)),
        "status" => {
            let enrolled = |m: &Member| m.status == EnrollmentStatus::Enrolled;
            flip(enrolled(a).cmp(&enrolled(b))).then(by_name)
        }
        "enrolled_at" => last_if_none(a.enrolled_at.as_deref(), b.enrolled_at.as_deref())
            .unwrap_or_else(|| flip(a.enrolled_at.cmp(&b.enrolled_at)).then(by_name)),
        other => panic!("{other}"),
    };
    ordering != Ordering::Greater
}

#[tokio::test]
async fn every_sort_key_orders_both_ways_with_blanks_last_and_ties_by_name() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let everyone = all(&server, &maya, "").await;
    let mut by_name = everyone.clone();
    by_name.sort_by(|a, b| (a.name.as_str(), a.id).cmp(&(b.name.as_str(), b.id)));
    assert_eq!(everyone, by_name, "name is the default order");
    for key in ["name", "email", "group", "status", "enrolled_at"] {
        for descending in [false, true] {
            let sort = if descending { format!("-{key}") } else { key.to_owned() };
            let sorted = all(&server, &maya, &format!("sort={sort}")).await;
            assert_eq!(sorted.len(), everyone.len(), "{sort}");
            for pair in sorted.windows(2) {
                assert!(
                    in_order(&pair[0], &pair[1], key, descending),
                    "sort={sort}: {} before {}",
                    pair[0].name,
                    pair[1].name
                );
            }
        }
    }
    let newest = server.get_json(&format!("{MEMBERS}?sort=-enrolled_at&per_page=1"), &maya).await;
    let latest = everyone.iter().filter_map(|m| m.enrolled_at.as_deref()).max().unwrap();
    assert_eq!(newest["items"][0]["enrolled_at"], latest);
    let by_group = all(&server, &maya, "sort=group").await;
    assert_eq!(group_name(&by_group[0]), Some("Americas"));
    assert_eq!(group_name(by_group.last().unwrap()), None);
    let by_status = all(&server, &maya, "sort=status").await;
    assert_eq!(by_status[0].status, EnrollmentStatus::NotEnrolled);
}

#[tokio::test]
async fn pages_by_setup_state_and_time_follow_the_order_of_the_whole_list() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let ines = server.sign_in("ines@northwind.example").await;
    // Setups at the same second, so that ties are ordered by name.
    sqlx::query(
        "UPDATE two_step_enrollments SET enrolled_at = 1756717200 WHERE member_id IN
             (SELECT m.id FROM members m JOIN technician_groups g ON g.id = m.technician_group_id
              WHERE g.name IN ('EMEA', 'Tier 2'))",
    )
    .execute(&server.app.db)
    .await
    .unwrap();
    for filter in ["", "&status=enrolled", "&status=not_enrolled", "&required=true&q=a"] {
        for sort in ["status", "-status", "enrolled_at", "-enrolled_at"] {
            for client in [&maya, &ines] {
                let query = format!("sort={sort}{filter}");
                let whole = all(&server, client, &query).await;
                // The export reads every member in one query, sorted by SQLite.
                let export = server
                    .call(Method::GET, &format!("{MEMBERS}/export?{query}"), Some(client), None)
                    .await;
                let exported: Vec<String> = common::parse_csv(&export.text())[1..]
                    .iter()
                    .map(|row| row[1].clone())
                    .collect();
                let emails: Vec<String> = whole.iter().map(|m| m.email.clone()).collect();
                assert_eq!(emails, exported, "{query}");
                let mut paged = Vec::new();
                for page in 1..=whole.len().div_ceil(7) + 1 {
                    let uri = format!("{MEMBERS}?{query}&per_page=7&page={page}");
                    let answer: MemberPage =
                        serde_json::from_value(server.get_json(&uri, client).await).unwrap();
                    assert_eq!(answer.total, whole.len() as u64, "{uri}");
                    paged.extend(answer.items);
                }
                assert_eq!(paged, whole, "{query}");
            }
        }
    }
}

#[tokio::test]
async fn pages_cover_the_list_once_and_a_page_past_the_end_is_empty() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let everyone = all(&server, &maya, "").await;
    let total = everyone.len();
    let mut paged = Vec::new();
    for page in 1..=total.div_ceil(10) {
        let uri = format!("{MEMBERS}?per_page=10&page={page}&sort=name");
        let answer: MemberPage =
            serde_json::from_value(server.get_json(&uri, &maya).await).unwrap();
        assert_eq!((answer.total, answer.page, answer.per_page), (total as u64, page as u32, 10));
        assert!(!answer.items.is_empty() && answer.items.len() <= 10);
        paged.extend(answer.items);
    }
    assert_eq!(paged, everyone);
    let past = server.get_json(&format!("{MEMBERS}?per_page=10&page=1000000"), &maya).await;
    assert_eq!(past["items"], Value::Array(vec![]));
    assert_eq!(past["total"], total);
    assert_eq!(past["page"], 1_000_000);
    let filtered = server.get_json(&format!("{MEMBERS}?role=administrator&page=2"), &maya).await;
    assert_eq!(
        (filtered["items"].as_array().unwrap().len(), filtered["total"].as_u64()),
        (0, Some(2))
    );
}

#[tokio::test]
async fn empty_values_empty_pairs_and_unknown_parameters_change_nothing() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let plain = server.get_json(&format!("{MEMBERS}?page=2&per_page=5"), &maya).await;
    for query in [
        "page=2&per_page=5&",
        "&&page=2&&per_page=5&&",
        "page=2&per_page=5&q=&role=&required=&status=&sort=&group_id=",
        "page=2&per_page=5&colour=red&include=everything",
        "page=2&per_page=5&q=%20%20",
    ] {
        let answer = server.get_json(&format!("{MEMBERS}?{query}"), &maya).await;
        assert_eq!(answer, plain, "{query}");
    }
    // `page=` is the default page, like no `page` at all.
    let first = server.get_json(&format!("{MEMBERS}?page=&per_page=5"), &maya).await;
    assert_eq!(first["page"], 1);
    // The search text is measured as sent: 200 characters pass, 201 do not, spaces included.
    let spaced = format!("{}ana{}", "%20".repeat(100), "%20".repeat(97));
    assert_eq!(server.get_json(&format!("{MEMBERS}?q={spaced}"), &maya).await["page"], 1);
    let problem = server
        .call(Method::GET, &format!("{MEMBERS}?q={spaced}%20"), Some(&maya), None)
        .await
        .problem(422, problem_types::VALIDATION);
    assert_eq!(problem["errors"][0]["field"], "q");
    // Ids and pages start at 1.
    for query in ["group_id=0", "group_id=-3", "page=0", "per_page=0", "per_page=201"] {
        server
            .call(Method::GET, &format!("{MEMBERS}?{query}"), Some(&maya), None)
            .await
            .problem(422, problem_types::VALIDATION);
    }
}

#[tokio::test]
async fn wrong_parameters_answer_422_naming_every_one() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let uri = format!(
        "{MEMBERS}?role=boss&page=0&per_page=500&sort=-age&required=yes&status=maybe&group_id=x\
         &colour=red&q=a&q=b&group_id=-1"
    );
    let body = server
        .call(Method::GET, &uri, Some(&maya), None)
        .await
        .problem(422, problem_types::VALIDATION);
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["role", "page", "per_page", "sort", "required", "status", "group_id", "q", "group_id"]
    );
    for error in body["errors"].as_array().unwrap() {
        assert!(!error["message"].as_str().unwrap().is_empty(), "{error}");
    }
    let long = "a".repeat(201);
    for uri in [
        format!("{MEMBERS}?q=%FF"),
        format!("{MEMBERS}?q={long}"),
        format!("{MEMBERS}?page=99999999999999999999"),
        format!("{MEMBERS}?group_id=1.5"),
        format!("{MEMBERS}?sort=name&sort=email"),
        format!("{MEMBERS}?%FF=1"),
    ] {
        server
            .call(Method::GET, &uri, Some(&maya), None)
            .await
            .problem(422, problem_types::VALIDATION);
    }
    // The role is checked before the query.
    let sam = server.sign_in("sam@northwind.example").await;
    server
        .call(Method::GET, &format!("{MEMBERS}?role=boss"), Some(&sam), None)
        .await
        .problem(403, problem_types::FORBIDDEN);
}

#[tokio::test]
async fn technicians_get_403_and_strangers_401() {
    let server = start().await;
    let sam = server.sign_in("sam@northwind.example").await;
    let body = server
        .call(Method::GET, MEMBERS, Some(&sam), None)
        .await
        .problem(403, problem_types::FORBIDDEN);
    assert!(body["detail"].as_str().unwrap().starts_with("Only administrators"), "{body}");
    server
        .call(Method::GET, MEMBERS, None, None)
        .await
        .problem(401, problem_types::UNAUTHENTICATED);
    server
        .call(Method::POST, MEMBERS, Some(&sam), None)
        .await
        .problem(405, "/problems/method-not-allowed");
}

#[tokio::test]
async fn each_organization_sees_only_its_own_members() {
    let server = start().await;
    let ana = server.sign_in("ana@contoso.example").await;
    let contoso = all(&server, &ana, "").await;
    assert_eq!(contoso.len(), members_of(&server, CONTOSO).await);
    assert!(contoso.iter().all(|m| m.email.ends_with("@contoso.example")), "{:?}", names(&contoso));
    assert!(all(&server, &ana, "q=northwind").await.is_empty());
    // Contoso's policy: every technician, administrators not.
    let bruno = find(&contoso, "Bruno Costa");
    assert_eq!(bruno.reasons, [RequirementReason::AllTechnicians]);
    assert!(!find(&contoso, "Ana Lima").required);

    let maya = server.sign_in("maya@northwind.example").await;
    let northwind = all(&server, &maya, "").await;
    assert!(northwind.iter().all(|m| m.email.ends_with("@northwind.example")));
}

/// Sets Northwind's policy straight in the database (the method stays).
async fn set_policy(server: &TestServer, administrators: &str, technicians: &str) {
    sqlx::query(&format!(
        "UPDATE policies SET administrators = $1, technicians = $2 WHERE organization_id = {NORTHWIND}"
    ))
    .bind(administrators)
    .bind(technicians)
    .execute(&server.app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_required_filter_agrees_with_the_rule_for_every_member_and_policy() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    // A technician whose group was deleted: a technician without a group.
    let orphan = server.add_technician("Orla Phan", "orla.phan@northwind.example", "EMEA").await;
    sqlx::query("UPDATE members SET technician_group_id = NULL WHERE id = $1")
        .bind(orphan)
        .execute(&server.app.db)
        .await
        .unwrap();
    let mut checked = 0;
    for flip_forced in [false, true] {
        if flip_forced {
            sqlx::query("UPDATE technician_groups SET force_two_step = 1 - force_two_step")
                .execute(&server.app.db)
                .await
                .unwrap();
        }
        let facts: Vec<(i64, bool, bool, bool)> = sqlx::query_as(&format!(
            "SELECT m.id, m.is_master_administrator OR m.is_administrator, m.is_technician,
                    COALESCE(g.force_two_step, 0)
             FROM members m LEFT JOIN technician_groups g ON g.id = m.technician_group_id
             WHERE m.organization_id = {NORTHWIND} ORDER BY m.id"
        ))
        .fetch_all(&server.app.db)
        .await
        .unwrap();
        for (administrators, a) in
            [("none", AdministratorsPolicy::None), ("all", AdministratorsPolicy::All)]
        {
            for (technicians, t) in [
                ("none", TechniciansPolicy::None),
                ("all", TechniciansPolicy::All),
                ("selected_groups", TechniciansPolicy::SelectedGroups),
            ] {
                set_policy(&server, administrators, technicians).await;
                let policy = PolicySettings {
                    administrators: a,
                    technicians: t,
                    primary_method: PrimaryMethod::AuthenticatorApp,
                };
                let mut required: Vec<i64> =
                    all(&server, &maya, "required=true").await.iter().map(|m| m.id).collect();
                let mut not_required: Vec<i64> =
                    all(&server, &maya, "required=false").await.iter().map(|m| m.id).collect();
                required.sort_unstable();
                not_required.sort_unstable();
                let rule = |want: bool| -> Vec<i64> {
                    facts
                        .iter()
                        .filter(|(_, admin, tech, forced)| {
                            let member = MemberFacts {
                                is_administrator: *admin,
                                is_technician: *tech,
                                group_forces_two_step: *forced,
                            };
                            requirement(&policy, &member).is_empty() != want
                        })
                        .map(|(id, ..)| *id)
                        .collect()
                };
                let case = format!("{administrators}/{technicians}, forced flipped: {flip_forced}");
                assert_eq!(required, rule(true), "{case}");
                assert_eq!(not_required, rule(false), "{case}");
                for member in all(&server, &maya, "").await {
                    assert_eq!(
                        member.required,
                        required.contains(&member.id),
                        "{case}: {member:?}"
                    );
                    assert_eq!(member.required, !member.reasons.is_empty(), "{case}: {member:?}");
                }
                checked += facts.len();
            }
        }
    }
    assert_eq!(checked, 2 * 6 * (members_of(&server, NORTHWIND).await));
}
