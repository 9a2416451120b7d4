//! `twostep-server generate`: a large organization, Globex Support, in a new database, for
//! benchmarks and for trying the console at scale.
//!
//! The data is deterministic (a fixed-seed generator, fixed timestamps); only the password
//! hash differs between runs. Everything is written in one transaction with multi-row inserts.

mod insert;
pub mod plan;

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use twostep_contract::{AdministratorsPolicy, PrimaryMethod, TechniciansPolicy, Vocabulary};

use crate::auth::password;
use crate::data::second_step::SetupSecrets;
use crate::data::seed;
use crate::db;
use crate::error::{Error, Result};
use crate::two_step::Secrets;
use insert::{Cell, insert_all};
use plan::{ADMIN_EMAIL, CREATED_AT, Kind, Plan};

/// The generated organization's name.
pub const ORGANIZATION: &str = "Globex Support";

/// The most groups `generate` accepts.
pub const MAX_GROUPS: u64 = 100_000;

/// The most members `generate` accepts.
pub const MAX_MEMBERS: u64 = 1_000_000;

const DATABASE_URL: &str = "TWOSTEP_DATABASE_URL (--database-url)";

/// What to generate, and where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The SQLite file; it must be new or hold no organization.
    pub database_path: PathBuf,
    /// How many technician groups (1 to [`MAX_GROUPS`]).
    pub groups: u64,
    /// How many members, the master administrator included (1 to [`MAX_MEMBERS`]).
    pub members: u64,
    /// The password of every generated account; generated (and reported) when `None`.
    pub password: Option<String>,
    /// The secret key (64 hex characters) that seals the authenticator keys; `None` uses the
    /// key file beside the database, as the server does.
    pub secret_key: Option<String>,
}

/// What `generate` made.
#[derive(Clone, Debug)]
pub struct Generated {
    /// Where.
    pub database_path: PathBuf,
    /// Technician groups.
    pub groups: usize,
    /// Of those, at the top of the tree.
    pub top_level_groups: usize,
    /// Levels of the tree (the top is 1).
    pub depth: u8,
    /// Groups with "Force two-step verification" ticked.
    pub forced_groups: usize,
    /// Members, the master administrator included.
    pub members: usize,
    /// Administrators (not counting the master administrator), each assigned to one group.
    pub administrators: usize,
    /// Technicians, each in one group.
    pub technicians: usize,
    /// Members who have set up two-step verification.
    pub enrolled: usize,
    /// The password when it was generated here; `None` when it was given.
    pub generated_password: Option<String>,
    /// How long it took.
    pub elapsed: Duration,
}

/// Checks the numbers, then writes the organization into the database at
/// `options.database_path` (created when missing), refusing one that already holds an
/// organization.
pub async fn generate(options: &Options) -> Result<Generated> {
    let started = Instant::now();
    let groups = count("--groups", options.groups, MAX_GROUPS)?;
    let members = count("--members", options.members, MAX_MEMBERS)?;
    let generated_password = match &options.password {
        Some(given) if !given.is_empty() => None,
        _ => Some(seed::generate_password()?),
    };
    let plain = generated_password.clone().or_else(|| options.password.clone()).unwrap_or_default();
    let plan = plan::plan(groups, members);

    let db = db::open(&options.database_path).await?;
    let organizations: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&db).await?;
    if organizations > 0 {
        db.close().await;
        return Err(Error::config(
            DATABASE_URL,
            format!(
                "{} already holds {organizations} organization(s); generate writes only into a new database, so name a file that does not exist yet",
                options.database_path.display()
            ),
        ));
    }
    let hash = tokio::task::spawn_blocking(move || password::hash(&plain))
        .await
        .map_err(|e| Error::Internal(format!("hashing task: {e}")))??;
    let secrets = Secrets::load(
        options.secret_key.as_deref(),
        &crate::config::key_file(&options.database_path),
    )?;
    let mut tx = db.begin().await?;
    write(&mut tx, &plan, &hash, &secrets).await?;
    tx.commit().await?;
    db.close().await;

    Ok(Generated {
        database_path: options.database_path.clone(),
        groups: plan.groups.len(),
        top_level_groups: plan.groups.iter().filter(|g| g.parent.is_none()).count(),
        depth: plan.groups.iter().map(|g| g.depth).max().unwrap_or_default(),
        forced_groups: plan.groups.iter().filter(|g| g.force_two_step).count(),
        members: plan.members.len(),
        administrators: plan
            .members
            .iter()
            .filter(|m| matches!(m.kind, Kind::Administrator(_)))
            .count(),
        technicians: plan.members.iter().filter(|m| matches!(m.kind, Kind::Technician(_))).count(),
        enrolled: plan.members.iter().filter(|m| m.enrollment.is_some()).count(),
        generated_password,
        elapsed: started.elapsed(),
    })
}

/// Reads a count between 1 and `max`, naming the flag when it is out of range.
fn count(flag: &'static str, value: u64, max: u64) -> Result<usize> {
    if (1..=max).contains(&value) {
        return usize::try_from(value)
            .map_err(|_| Error::config(flag, format!("{value} is too large for this machine")));
    }
    Err(Error::config(
        flag,
        format!("{value} is out of range; give a whole number from 1 to {max}"),
    ))
}

/// Writes the plan. Ids are chosen here, after the largest existing ones, so that groups can
/// name their parents and members their groups without reading anything back.
async fn write(
    tx: &mut sqlx::SqliteConnection,
    plan: &Plan,
    hash: &str,
    secrets: &Secrets,
) -> Result<()> {
    let organization: i64 = sqlx::query_scalar(
        "INSERT INTO organizations (name, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(ORGANIZATION)
    .bind(CREATED_AT)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO policies (organization_id, administrators, technicians, primary_method, revision, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5)",
    )
    .bind(organization)
    .bind(AdministratorsPolicy::All.wire_name())
    .bind(TechniciansPolicy::SelectedGroups.wire_name())
    .bind(PrimaryMethod::AuthenticatorApp.wire_name())
    .bind(CREATED_AT)
    .execute(&mut *tx)
    .await?;

    let first_group: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM technician_groups")
            .fetch_one(&mut *tx)
            .await?;
    let first_member: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM members")
        .fetch_one(&mut *tx)
        .await?;
    let group_id = |index: usize| first_group + index as i64;
    let member_id = |index: usize| first_member + index as i64;

    let groups: Vec<(usize, &plan::PlannedGroup)> = plan.groups.iter().enumerate().collect();
    insert_all(
        tx,
        "technician_groups",
        &[
            "id",
            "organization_id",
            "parent_id",
            "name",
            "description",
            "force_two_step",
            "revision",
        ],
        &groups,
        |(index, group)| {
            vec![
                Cell::Int(group_id(*index)),
                Cell::Int(organization),
                Cell::OptionalInt(group.parent.map(group_id)),
                Cell::Text(&group.name),
                Cell::Text(&group.description),
                Cell::Bool(group.force_two_step),
                Cell::Int(1),
            ]
        },
    )
    .await?;

    let members: Vec<(usize, &plan::PlannedMember)> = plan.members.iter().enumerate().collect();
    insert_all(
        tx,
        "members",
        &[
            "id",
            "organization_id",
            "name",
            "email",
            "password_hash",
            "is_master_administrator",
            "is_account_holder",
            "is_administrator",
            "is_technician",
            "technician_group_id",
            "technician_console_version",
            "created_at",
        ],
        &members,
        |(index, member)| {
            let group = match member.kind {
                Kind::Technician(group) => Some(group_id(group)),
                _ => None,
            };
            vec![
                Cell::Int(member_id(*index)),
                Cell::Int(organization),
                Cell::Text(&member.name),
                Cell::Text(&member.email),
                Cell::Text(hash),
                Cell::Bool(member.kind == Kind::MasterAdministrator),
                Cell::Bool(member.kind == Kind::MasterAdministrator),
                Cell::Bool(matches!(member.kind, Kind::Administrator(_))),
                Cell::Bool(group.is_some()),
                Cell::OptionalInt(group),
                Cell::OptionalText(member.console_version),
                Cell::Int(CREATED_AT),
            ]
        },
    )
    .await?;

    let mut phones = 0;
    let mut enrollments: Vec<(i64, &str, i64, SetupSecrets)> = Vec::new();
    for (index, m) in &members {
        if let Some((method, at)) = m.enrollment {
            let secret = SetupSecrets::demo(secrets, method, phones)?;
            if method == PrimaryMethod::Sms {
                phones += 1;
            }
            enrollments.push((member_id(*index), method.wire_name(), at, secret));
        }
    }
    insert_all(
        tx,
        "two_step_enrollments",
        // Generation 0, the new policy's (see [`super::setups`]).
        &[
            "member_id",
            "organization_id",
            "method",
            "enrolled_at",
            "totp_key_sealed",
            "phone_sealed",
        ],
        &enrollments,
        |(member, method, at, secret)| {
            vec![
                Cell::Int(*member),
                Cell::Int(organization),
                Cell::Text(method),
                Cell::Int(*at),
                Cell::OptionalText(secret.totp_key_sealed.as_deref()),
                Cell::OptionalText(secret.phone_sealed.as_deref()),
            ]
        },
    )
    .await?;

    let assignments: Vec<(i64, i64)> = members
        .iter()
        .filter_map(|(index, m)| match m.kind {
            Kind::Administrator(group) => Some((member_id(*index), group_id(group))),
            _ => None,
        })
        .collect();
    insert_all(
        tx,
        "administrator_group_assignments",
        &["organization_id", "member_id", "group_id"],
        &assignments,
        |(member, group)| vec![Cell::Int(organization), Cell::Int(*member), Cell::Int(*group)],
    )
    .await?;
    Ok(())
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Generated {ORGANIZATION} in {} in {:.1} s:",
            self.database_path.display(),
            self.elapsed.as_secs_f64()
        )?;
        writeln!(
            f,
            "  {} technician groups ({} at the top, {} levels deep, {} forcing two-step verification)",
            self.groups, self.top_level_groups, self.depth, self.forced_groups
        )?;
        writeln!(
            f,
            "  {} members: 1 master administrator, {} administrators, {} technicians; {} have set up two-step verification",
            self.members, self.administrators, self.technicians, self.enrolled
        )?;
        writeln!(
            f,
            "  policy: every administrator, and the technicians of the selected groups, authenticator app"
        )?;
        match &self.generated_password {
            Some(password) => write!(
                f,
                "Sign in as {ADMIN_EMAIL} with the generated password (every account): {password}"
            ),
            None => write!(f, "Sign in as {ADMIN_EMAIL} with the password given"),
        }
    }
}
