//! The demo data written on first start: Northwind Support and Contoso Helpdesk.
//!
//! The data is fixed (no randomness), so every fresh database holds the same members, groups,
//! enrollments and console versions; only the password may differ.

use std::path::{Path, PathBuf};

use twostep_contract::{AdministratorsPolicy, PrimaryMethod, TechniciansPolicy, Vocabulary};

use super::second_step::{self, SetupSecrets};
use crate::auth::password;
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::two_step::Secrets;

/// The account the start-up message invites people to sign in with.
pub const SIGN_IN_EMAIL: &str = "maya@northwind.example";

/// The name of the file, beside the database, that receives a generated demo password.
pub const CREDENTIALS_FILE: &str = "demo-credentials.txt";

/// What seeding did.
#[derive(Clone, Debug)]
pub struct Seeded {
    /// The password when the server generated it (it has been written to `credentials_file`).
    pub generated_password: Option<String>,
    /// Where a generated password was written.
    pub credentials_file: PathBuf,
}

/// When the seeded enrollments happened: 2025-09-01T09:00:00Z and the days after.
const ENROLLED_FROM: i64 = 1_756_717_200;

/// Technician Console versions handed out in turn; 7.50.3572 and earlier cannot use email.
pub(crate) const CONSOLE_VERSIONS: [&str; 7] =
    ["7.60.3800", "7.50.3572", "7.51.3610", "7.12.3301", "7.60.3800", "7.51.3610", "7.45.3480"];

/// Northwind's other technicians (Sam and Leo are added by name).
const NORTHWIND_TECHNICIANS: [&str; 38] = [
    "Aiden Brooks",
    "Bella Nguyen",
    "Carlos Mendes",
    "Dana Kim",
    "Elif Yilmaz",
    "Felix Wagner",
    "Grace Osei",
    "Hugo Laurent",
    "Isla Murray",
    "Jonas Berg",
    "Kira Sato",
    "Liam Walsh",
    "Mia Rossi",
    "Nikolai Petrov",
    "Olivia Chen",
    "Pablo Ortega",
    "Quinn Hayes",
    "Rosa Alvarez",
    "Sven Larsen",
    "Tara Singh",
    "Umar Farouk",
    "Vera Novak",
    "Wes Turner",
    "Ximena Cruz",
    "Yusuf Demir",
    "Zoe Clarke",
    "Amara Diallo",
    "Ben Carter",
    "Chloe Dubois",
    "Dev Sharma",
    "Emma Schulz",
    "Finn Gallagher",
    "Gina Moretti",
    "Hana Suzuki",
    "Ivan Horvat",
    "Julia Costa",
    "Kofi Mensah",
    "Lena Fischer",
];

const CONTOSO_TECHNICIANS: [&str; 4] = ["Bruno Costa", "Carla Souza", "Diego Alves", "Elena Rossi"];

/// Seeds the demo when the database has no organization yet; returns `None` otherwise.
///
/// `password` is the configured demo password; when `None`, one is generated and written to
/// [`CREDENTIALS_FILE`] in `credentials_dir` with mode 0600.
pub async fn seed_if_empty(
    db: &Db,
    password: Option<&str>,
    credentials_dir: &Path,
    secrets: &Secrets,
) -> Result<Option<Seeded>> {
    let organizations: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(db).await?;
    if organizations > 0 {
        return Ok(None);
    }
    let generated_password = match password {
        Some(_) => None,
        None => Some(generate_password()?),
    };
    let plain =
        password.map(str::to_owned).or_else(|| generated_password.clone()).unwrap_or_default();
    let hash = tokio::task::spawn_blocking(move || password::hash(&plain))
        .await
        .map_err(|e| Error::Internal(format!("hashing task: {e}")))??;

    let mut tx = db.begin().await?;
    let mut seeder = Seeder { tx: &mut tx, hash: &hash, now: db::now(), secrets, phones: 0 };
    seeder.northwind().await?;
    seeder.contoso().await?;
    tx.commit().await?;

    let credentials_file = credentials_dir.join(CREDENTIALS_FILE);
    if let Some(generated) = &generated_password {
        write_credentials(&credentials_file, generated)?;
    }
    tracing::info!("seeded the demo organizations Northwind Support and Contoso Helpdesk");
    Ok(Some(Seeded { generated_password, credentials_file }))
}

/// A random password of 20 letters and digits.
pub(crate) fn generate_password() -> Result<String> {
    const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut password = String::with_capacity(20);
    while password.len() < 20 {
        for byte in crate::auth::random_bytes::<32>()? {
            // 248 = 4 * 62: dropping larger bytes keeps every character equally likely.
            if byte < 248 && password.len() < 20 {
                password.push(char::from(ALPHABET[usize::from(byte % 62)]));
            }
        }
    }
    Ok(password)
}

fn write_credentials(path: &Path, password: &str) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file =
        options.open(path).map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(format!("cannot protect {}", path.display()), e))?;
    }
    writeln!(
        file,
        "# Password of every Twostep Admin demo account (maya@northwind.example, leo@northwind.example,\n\
         # ines@northwind.example, sam@northwind.example, ana@contoso.example and the other members).\n\
         TWOSTEP_DEMO_PASSWORD={password}"
    )
    .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// A member to insert.
#[derive(Default)]
struct NewMember<'a> {
    name: &'a str,
    email: String,
    master_administrator: bool,
    account_holder: bool,
    administrator: bool,
    group: Option<i64>,
    console_version: Option<&'a str>,
    enrolled: Option<(PrimaryMethod, i64)>,
}

struct Seeder<'t, 'c> {
    tx: &'t mut sqlx::Transaction<'c, sqlx::Sqlite>,
    hash: &'t str,
    now: i64,
    secrets: &'t Secrets,
    /// How many SMS setups have a phone number so far (each gets the next one).
    phones: u32,
}

impl Seeder<'_, '_> {
    async fn northwind(&mut self) -> Result<()> {
        let org = self.organization("Northwind Support").await?;
        self.policy(
            org,
            AdministratorsPolicy::All,
            TechniciansPolicy::SelectedGroups,
            PrimaryMethod::AuthenticatorApp,
        )
        .await?;
        let tier1 =
            self.group(org, None, "Tier 1", "First-line support for every customer", false).await?;
        let emea = self
            .group(org, Some(tier1), "EMEA", "Tier 1 for Europe, the Middle East and Africa", false)
            .await?;
        let americas = self
            .group(org, Some(tier1), "Americas", "Tier 1 for North and South America", false)
            .await?;
        let tier2 = self.group(org, None, "Tier 2", "Escalations and remote repairs", true).await?;
        let field = self.group(org, None, "Field Services", "On-site technicians", false).await?;

        self.member(
            org,
            NewMember {
                name: "Maya Patel",
                email: "maya@northwind.example".into(),
                master_administrator: true,
                account_holder: true,
                enrolled: Some((PrimaryMethod::AuthenticatorApp, ENROLLED_FROM)),
                ..NewMember::default()
            },
        )
        .await?;
        self.member(
            org,
            NewMember {
                name: "Leo Martin",
                email: "leo@northwind.example".into(),
                master_administrator: true,
                group: Some(tier2),
                console_version: Some("7.60.3800"),
                enrolled: Some((PrimaryMethod::AuthenticatorApp, ENROLLED_FROM + 3_600)),
                ..NewMember::default()
            },
        )
        .await?;
        let ines = self
            .member(
                org,
                NewMember {
                    name: "Inès Duarte",
                    email: "ines@northwind.example".into(),
                    administrator: true,
                    ..NewMember::default()
                },
            )
            .await?;
        self.assign(org, ines, tier1).await?;
        let priya = self
            .member(
                org,
                NewMember {
                    name: "Priya Raman",
                    email: "priya@northwind.example".into(),
                    administrator: true,
                    enrolled: Some((PrimaryMethod::Sms, ENROLLED_FROM + 7_200)),
                    ..NewMember::default()
                },
            )
            .await?;
        self.assign(org, priya, field).await?;
        self.member(
            org,
            NewMember {
                name: "Sam Okafor",
                email: "sam@northwind.example".into(),
                group: Some(emea),
                console_version: Some("7.50.3572"),
                ..NewMember::default()
            },
        )
        .await?;

        let groups = [tier1, emea, americas, tier2, field];
        for (i, name) in NORTHWIND_TECHNICIANS.iter().enumerate() {
            let enrolled = !(i % 4 == 1 || i % 7 == 3);
            let method = match i % 6 {
                5 => PrimaryMethod::Email,
                0 | 3 => PrimaryMethod::AuthenticatorApp,
                1 => PrimaryMethod::Sms,
                _ => PrimaryMethod::LastpassNotification,
            };
            let at = ENROLLED_FROM + 86_400 * (i as i64 + 1) + 1_800 * (i as i64 % 9);
            self.member(
                org,
                NewMember {
                    name,
                    email: email_of(name, "northwind.example"),
                    group: Some(groups[i % groups.len()]),
                    console_version: Some(CONSOLE_VERSIONS[i % CONSOLE_VERSIONS.len()]),
                    enrolled: enrolled.then_some((method, at)),
                    ..NewMember::default()
                },
            )
            .await?;
        }
        Ok(())
    }

    async fn contoso(&mut self) -> Result<()> {
        let org = self.organization("Contoso Helpdesk").await?;
        self.policy(org, AdministratorsPolicy::None, TechniciansPolicy::All, PrimaryMethod::Sms)
            .await?;
        let helpdesk = self.group(org, None, "Helpdesk", "Contoso's support desk", false).await?;
        self.member(
            org,
            NewMember {
                name: "Ana Lima",
                email: "ana@contoso.example".into(),
                master_administrator: true,
                account_holder: true,
                ..NewMember::default()
            },
        )
        .await?;
        for (i, name) in CONTOSO_TECHNICIANS.iter().enumerate() {
            self.member(
                org,
                NewMember {
                    name,
                    email: email_of(name, "contoso.example"),
                    group: Some(helpdesk),
                    console_version: Some(CONSOLE_VERSIONS[(i + 2) % CONSOLE_VERSIONS.len()]),
                    enrolled: (i % 2 == 0)
                        .then_some((PrimaryMethod::Sms, ENROLLED_FROM + 86_400 * i as i64)),
                    ..NewMember::default()
                },
            )
            .await?;
        }
        Ok(())
    }

    async fn organization(&mut self, name: &str) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO organizations (name, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(name)
        .bind(self.now)
        .fetch_one(&mut **self.tx)
        .await?)
    }

    async fn policy(
        &mut self,
        org: i64,
        administrators: AdministratorsPolicy,
        technicians: TechniciansPolicy,
        method: PrimaryMethod,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO policies (organization_id, administrators, technicians, primary_method, revision, updated_at)
             VALUES ($1, $2, $3, $4, 1, $5)",
        )
        .bind(org)
        .bind(administrators.wire_name())
        .bind(technicians.wire_name())
        .bind(method.wire_name())
        .bind(self.now)
        .execute(&mut **self.tx)
        .await?;
        Ok(())
    }

    async fn group(
        &mut self,
        org: i64,
        parent: Option<i64>,
        name: &str,
        description: &str,
        force_two_step: bool,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO technician_groups (organization_id, parent_id, name, description, force_two_step, revision)
             VALUES ($1, $2, $3, $4, $5, 1) RETURNING id",
        )
        .bind(org)
        .bind(parent)
        .bind(name)
        .bind(description)
        .bind(force_two_step)
        .fetch_one(&mut **self.tx)
        .await?)
    }

    async fn member(&mut self, org: i64, m: NewMember<'_>) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO members (organization_id, name, email, password_hash, is_master_administrator,
                 is_account_holder, is_administrator, is_technician, technician_group_id,
                 technician_console_version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(org)
        .bind(m.name)
        .bind(&m.email)
        .bind(self.hash)
        .bind(m.master_administrator)
        .bind(m.account_holder)
        .bind(m.administrator)
        .bind(m.group.is_some())
        .bind(m.group)
        .bind(m.console_version)
        .bind(self.now)
        .fetch_one(&mut **self.tx)
        .await?;
        if let Some((method, at)) = m.enrolled {
            let secret = SetupSecrets::demo(self.secrets, method, self.phones)?;
            if method == PrimaryMethod::Sms {
                self.phones += 1;
            }
            second_step::insert_demo_setup(self.tx, id, method, at, &secret).await?;
        }
        Ok(id)
    }

    async fn assign(&mut self, org: i64, member: i64, group: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO administrator_group_assignments (organization_id, member_id, group_id) VALUES ($1, $2, $3)",
        )
        .bind(org)
        .bind(member)
        .bind(group)
        .execute(&mut **self.tx)
        .await?;
        Ok(())
    }
}

/// `first.last@domain` in lower case.
fn email_of(name: &str, domain: &str) -> String {
    let local: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    format!("{}@{domain}", local.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_20_letters_and_digits() {
        let a = generate_password().unwrap();
        assert_eq!(a.len(), 20);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, generate_password().unwrap());
    }

    #[test]
    fn emails_are_first_dot_last() {
        assert_eq!(email_of("Liam Walsh", "northwind.example"), "liam.walsh@northwind.example");
    }
}
