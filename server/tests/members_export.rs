//! `GET /members/export`: the CSV file a spreadsheet opens safely, with every member of the
//! filter on every page, in the list's order.

#![warn(missing_docs)]

mod common;

use axum::http::Method;
use common::{Client, MEMBERS, TestServer, parse_csv, start};
use twostep_contract::{Member, MemberPage, problem_types};

const EXPORT: &str = "/api/v1/members/export";

const HEADER: [&str; 10] = [
    "Name",
    "Email",
    "Roles",
    "Group",
    "Required",
    "Reasons",
    "Set up",
    "Method",
    "Set up on",
    "Technician Console",
];

/// The export for `query`, checked as a download, as rows (the header first).
async fn export(server: &TestServer, client: &Client, query: &str) -> Vec<Vec<String>> {
    let answer = server.call(Method::GET, &format!("{EXPORT}?{query}"), Some(client), None).await;
    assert_eq!(answer.status.as_u16(), 200, "{query}: {}", answer.text());
    assert_eq!(answer.header("content-type").as_deref(), Some("text/csv; charset=utf-8"));
    assert_eq!(
        answer.header("content-disposition").as_deref(),
        Some("attachment; filename=\"members.csv\"")
    );
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    let rows = parse_csv(&answer.text());
    assert_eq!(rows[0], HEADER);
    rows
}

/// The members of `query` through the list, every page.
async fn listed(server: &TestServer, client: &Client, query: &str) -> Vec<Member> {
    let uri = format!("{MEMBERS}?{query}&per_page=200");
    let page: MemberPage = serde_json::from_value(server.get_json(&uri, client).await).unwrap();
    assert!(page.total <= 200, "the demo fits one page");
    page.items
}

fn emails(rows: &[Vec<String>]) -> Vec<&str> {
    rows[1..].iter().map(|row| row[1].as_str()).collect()
}

#[tokio::test]
async fn the_file_holds_every_member_of_every_page_in_words() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let everyone = listed(&server, &maya, "").await;
    assert!(everyone.len() > 10);
    // Paging parameters are accepted and ignored: the file holds every page.
    let rows = export(&server, &maya, "per_page=10&page=2").await;
    assert_eq!(rows.len(), everyone.len() + 1);
    let expected: Vec<&str> = everyone.iter().map(|m| m.email.as_str()).collect();
    assert_eq!(emails(&rows), expected);
    assert!(rows.iter().all(|row| row.len() == HEADER.len()), "{rows:?}");

    let row = |email: &str| rows.iter().find(|row| row[1] == email).unwrap().clone();
    assert_eq!(
        row("leo@northwind.example"),
        [
            "Leo Martin",
            "leo@northwind.example",
            "Master administrator; Technician",
            "Tier 2",
            "Yes",
            "Administrator policy; Group Tier 2",
            "Yes",
            "Authenticator app",
            "2025-09-01T10:00:00Z",
            "7.60.3800"
        ]
    );
    assert_eq!(
        row("ines@northwind.example"),
        [
            "Inès Duarte",
            "ines@northwind.example",
            "Administrator",
            "",
            "Yes",
            "Administrator policy",
            "No",
            "",
            "",
            ""
        ]
    );
    assert_eq!(row("priya@northwind.example")[7], "SMS verification");
    let sam = row("sam@northwind.example");
    assert_eq!((sam[4].as_str(), sam[5].as_str(), sam[9].as_str()), ("No", "", "7.50.3572"));
}

#[tokio::test]
async fn the_filters_and_the_order_of_the_list_apply() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let tier1 = server.group_id("Tier 1").await;
    for query in [
        "required=true&status=not_enrolled".to_owned(),
        "role=technician&sort=-enrolled_at".to_owned(),
        format!("group_id={tier1}&sort=group"),
        "q=an&sort=-email".to_owned(),
        "required=false&status=enrolled&sort=status".to_owned(),
    ] {
        let members = listed(&server, &maya, &query).await;
        let rows = export(&server, &maya, &query).await;
        let expected: Vec<&str> = members.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(emails(&rows), expected, "{query}");
    }
    let missing = export(&server, &maya, "required=true&status=not_enrolled").await;
    assert!(missing[1..].iter().all(|row| row[4] == "Yes" && row[6] == "No"), "{missing:?}");

    let ines = server.sign_in("ines@northwind.example").await;
    let hers = export(&server, &ines, "").await;
    assert_eq!(
        emails(&hers),
        listed(&server, &ines, "").await.iter().map(|m| m.email.as_str()).collect::<Vec<_>>()
    );
    assert!(!emails(&hers).contains(&"maya@northwind.example"));

    let ana = server.sign_in("ana@contoso.example").await;
    let contoso = export(&server, &ana, "").await;
    assert!(emails(&contoso).iter().all(|email| email.ends_with("@contoso.example")));
}

#[tokio::test]
async fn quotes_commas_line_breaks_and_formulas_come_out_safe() {
    let server = start().await;
    let maya = server.sign_in("maya@northwind.example").await;
    let awkward = [
        ("Dana \"DK\" Kim, Jr.", "dana.dk@northwind.example"),
        ("Two\r\nLines", "two.lines@northwind.example"),
        ("=HYPERLINK(\"https://evil.example\")", "formula.eq@northwind.example"),
        ("+1 555", "formula.plus@northwind.example"),
        ("-2+3", "formula.minus@northwind.example"),
        ("@SUM(A1:A2)", "formula.at@northwind.example"),
        ("\tTabbed", "formula.tab@northwind.example"),
        ("\rReturned", "formula.cr@northwind.example"),
        ("Zoë = fine", "zoe.fine@northwind.example"),
    ];
    for (name, email) in awkward {
        server.add_technician(name, email, "EMEA").await;
    }
    let answer = server.call(Method::GET, EXPORT, Some(&maya), None).await;
    let text = answer.text();
    assert!(text.starts_with("\u{feff}\"Name\",\"Email\","), "{:?}", &text[..40]);
    assert!(text.contains("\r\n\"Dana \"\"DK\"\" Kim, Jr.\",\"dana.dk@northwind.example\","));
    let rows = parse_csv(&text);
    let name_of = |email: &str| rows.iter().find(|row| row[1] == email).unwrap()[0].clone();
    assert_eq!(name_of("dana.dk@northwind.example"), "Dana \"DK\" Kim, Jr.");
    assert_eq!(name_of("two.lines@northwind.example"), "Two\r\nLines");
    assert_eq!(name_of("formula.eq@northwind.example"), "'=HYPERLINK(\"https://evil.example\")");
    assert_eq!(name_of("formula.plus@northwind.example"), "'+1 555");
    assert_eq!(name_of("formula.minus@northwind.example"), "'-2+3");
    assert_eq!(name_of("formula.at@northwind.example"), "'@SUM(A1:A2)");
    assert_eq!(name_of("formula.tab@northwind.example"), "'\tTabbed");
    assert_eq!(name_of("formula.cr@northwind.example"), "'\rReturned");
    assert_eq!(name_of("zoe.fine@northwind.example"), "Zoë = fine");
}

#[tokio::test]
async fn the_export_is_refused_as_the_list_is() {
    let server = start().await;
    server.call(Method::GET, EXPORT, None, None).await.problem(401, problem_types::UNAUTHENTICATED);
    let sam = server.sign_in("sam@northwind.example").await;
    server.call(Method::GET, EXPORT, Some(&sam), None).await.problem(403, problem_types::FORBIDDEN);
    let ines = server.sign_in("ines@northwind.example").await;
    let tier2 = server.group_id("Tier 2").await;
    server
        .call(Method::GET, &format!("{EXPORT}?group_id={tier2}"), Some(&ines), None)
        .await
        .problem(404, problem_types::NOT_FOUND);
    let body = server
        .call(Method::GET, &format!("{EXPORT}?status=all&format=xlsx&page=0"), Some(&ines), None)
        .await
        .problem(422, problem_types::VALIDATION);
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    // `page` is checked even though the file holds every match; the unknown `format` is ignored.
    assert_eq!(fields, ["status", "page"]);
}
