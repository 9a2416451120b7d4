//! `twostep-server generate`: what it writes into a new database, that it writes the same every
//! time, and that it refuses a database that already holds an organization or bad numbers.

#![warn(missing_docs)]

mod common;

use std::path::Path;

use axum::http::Method;
use twostep_server::data::generate::{Generated, Options, generate};
use twostep_server::{Config, Error};

const PASSWORD: &str = "generated-horse-battery";

fn options(path: &Path, groups: u64, members: u64) -> Options {
    Options {
        database_path: path.to_path_buf(),
        groups,
        members,
        password: Some(PASSWORD.into()),
        secret_key: None,
    }
}

async fn open(path: &Path) -> sqlx::SqlitePool {
    twostep_server::db::open(path).await.unwrap()
}

async fn scalar(db: &sqlx::SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

/// Every generated row but the password hashes (salted at random), as text.
async fn contents(db: &sqlx::SqlitePool) -> Vec<String> {
    let queries = [
        "SELECT id || '|' || name || '|' || created_at FROM organizations ORDER BY id",
        "SELECT organization_id || '|' || administrators || '|' || technicians || '|' || primary_method || '|' || revision || '|' || updated_at FROM policies",
        "SELECT id || '|' || COALESCE(parent_id, '-') || '|' || name || '|' || description || '|' || force_two_step FROM technician_groups ORDER BY id",
        "SELECT id || '|' || name || '|' || email || '|' || is_master_administrator || is_account_holder || is_administrator || is_technician || '|' || COALESCE(technician_group_id, '-') || '|' || COALESCE(technician_console_version, '-') || '|' || created_at FROM members ORDER BY id",
        "SELECT member_id || '|' || method || '|' || enrolled_at FROM two_step_enrollments ORDER BY member_id",
        "SELECT member_id || '|' || group_id FROM administrator_group_assignments ORDER BY member_id, group_id",
    ];
    let mut rows = Vec::new();
    for sql in queries {
        rows.extend(sqlx::query_scalar::<_, String>(sql).fetch_all(db).await.unwrap());
    }
    rows
}

#[tokio::test]
async fn it_writes_a_tree_of_groups_and_their_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/globex.db");
    let generated: Generated = generate(&options(&path, 50, 500)).await.unwrap();
    assert_eq!(generated.groups, 50);
    assert_eq!(generated.top_level_groups, 10);
    assert_eq!(generated.members, 500);
    assert_eq!(generated.generated_password, None);
    assert_eq!(generated.administrators + generated.technicians + 1, 500);
    let summary = generated.to_string();
    assert!(summary.contains("50 technician groups"), "{summary}");
    assert!(summary.contains("500 members"), "{summary}");
    assert!(summary.contains("admin@globex.example"), "{summary}");

    let db = open(&path).await;
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM organizations WHERE name = 'Globex Support'").await,
        1
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM technician_groups").await, 50);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM technician_groups WHERE parent_id IS NULL").await,
        10
    );
    assert_eq!(scalar(&db, "SELECT COUNT(DISTINCT name) FROM technician_groups").await, 50);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM technician_groups WHERE force_two_step = 1").await,
        generated.forced_groups as i64
    );
    let depth = scalar(
        &db,
        "WITH RECURSIVE tree (id, depth) AS (
             SELECT id, 1 FROM technician_groups WHERE parent_id IS NULL
             UNION ALL
             SELECT g.id, t.depth + 1 FROM technician_groups g JOIN tree t ON g.parent_id = t.id
         )
         SELECT MAX(depth) FROM tree",
    )
    .await;
    assert!((2..=4).contains(&depth), "{depth}");
    assert_eq!(depth, i64::from(generated.depth));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM members").await, 500);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM members WHERE is_technician = 1 AND technician_group_id IS NOT NULL").await,
        generated.technicians as i64
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM administrator_group_assignments").await,
        generated.administrators as i64
    );
    assert!(generated.administrators > 0);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM two_step_enrollments").await,
        generated.enrolled as i64
    );
    let (technicians, policy): (String, String) =
        sqlx::query_as("SELECT technicians, primary_method FROM policies")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((technicians.as_str(), policy.as_str()), ("selected_groups", "authenticator_app"));
    db.close().await;

    // The server serves it, and the master administrator signs in with the password given.
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_path: path.clone(),
        demo_password: None,
        dist_dir: dir.path().join("dist"),
        secret_key: None,
        outbox_dir: dir.path().join("outbox"),
        public_url: None,
        limits: Default::default(),
    };
    let server = common::TestServer { app: twostep_server::app(&config).await.unwrap(), dir };
    assert!(server.app.seeded.is_none());
    // The administrators must use two-step verification: the master administrator verifies
    // with the code `twostep-server code` prints for the authenticator key generate sealed.
    let answer = server.sign_in_with("admin@globex.example", PASSWORD).await;
    let pending = common::Pending::of(&answer);
    assert_eq!(answer.json()["step"], "verify", "{}", answer.text());
    assert_eq!(answer.json()["methods"][0], "authenticator_app");
    let code = server.authenticator_code("admin@globex.example").await;
    let done = server.complete(&pending, serde_json::json!({"code": code})).await;
    assert_eq!(done.status.as_u16(), 200, "{}", done.text());
    let client = common::session_client(&done);
    let groups = server.call(Method::GET, "/api/v1/technician-groups", Some(&client), None).await;
    assert_eq!(groups.json().as_array().unwrap().len(), 50);
}

#[tokio::test]
async fn the_same_numbers_write_the_same_organization() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    generate(&options(&a, 50, 500)).await.unwrap();
    generate(&options(&b, 50, 500)).await.unwrap();
    let (a, b) = (open(&a).await, open(&b).await);
    let first = contents(&a).await;
    assert!(first.len() > 550, "{}", first.len());
    assert_eq!(first, contents(&b).await);
}

#[tokio::test]
async fn a_database_that_holds_an_organization_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("globex.db");
    generate(&options(&path, 5, 20)).await.unwrap();
    let error = generate(&options(&path, 5, 20)).await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert_eq!(error.exit_code(), 2);
    let message = error.to_string();
    assert!(message.starts_with("TWOSTEP_DATABASE_URL (--database-url):"), "{message}");
    assert!(message.contains("already holds 1 organization"), "{message}");
    let db = open(&path).await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM members").await, 20);

    // The demo database too.
    let server = common::start().await;
    let error =
        generate(&options(&server.dir.path().join("data/twostep.db"), 5, 20)).await.unwrap_err();
    assert!(error.to_string().contains("already holds 2 organization(s)"), "{error}");
}

#[tokio::test]
async fn numbers_out_of_range_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("globex.db");
    for (groups, members, flag) in [
        (0, 10, "--groups"),
        (100_001, 10, "--groups"),
        (10, 0, "--members"),
        (10, 1_000_001, "--members"),
    ] {
        let error = generate(&options(&path, groups, members)).await.unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with(&format!("{flag}: ")), "{message}");
        assert!(message.contains("from 1 to"), "{message}");
        assert_eq!(error.exit_code(), 2);
    }
    assert!(!path.exists());
}

#[tokio::test]
async fn without_a_password_one_is_generated_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = options(&dir.path().join("globex.db"), 3, 3);
    options.password = None;
    let generated = generate(&options).await.unwrap();
    let password = generated.generated_password.clone().unwrap();
    assert_eq!(password.len(), 20);
    assert!(generated.to_string().contains(&password));
}
