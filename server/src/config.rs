//! The server's settings: command-line flags, each also an environment variable.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::data::generate;
use crate::error::{Error, Result};

const LISTEN: &str = "TWOSTEP_LISTEN (--listen)";
const DATABASE_URL: &str = "TWOSTEP_DATABASE_URL (--database-url)";
const DIST_DIR: &str = "TWOSTEP_DIST_DIR (--dist-dir)";
const SECRET_KEY: &str = "TWOSTEP_SECRET_KEY (--secret-key)";
const OUTBOX_DIR: &str = "TWOSTEP_OUTBOX_DIR (--outbox-dir)";
const PUBLIC_URL: &str = "TWOSTEP_PUBLIC_URL (--public-url)";
const MAX_CONNECTIONS: &str = "TWOSTEP_MAX_CONNECTIONS (--max-connections)";
const MAX_CONNECTIONS_PER_ADDRESS: &str =
    "TWOSTEP_MAX_CONNECTIONS_PER_ADDRESS (--max-connections-per-address)";
const HEADER_TIMEOUT: &str = "TWOSTEP_HEADER_TIMEOUT (--header-timeout)";
const BODY_TIMEOUT: &str = "TWOSTEP_BODY_TIMEOUT (--body-timeout)";
const IDLE_TIMEOUT: &str = "TWOSTEP_IDLE_TIMEOUT (--idle-timeout)";
const PASSWORD_CHECKS: &str = "TWOSTEP_PASSWORD_CHECKS (--password-checks)";
const MAX_EXPORTS: &str = "TWOSTEP_MAX_EXPORTS (--max-exports)";
const TRUSTED_PROXIES: &str = "TWOSTEP_TRUSTED_PROXIES (--trusted-proxies)";
const BUSY_TIMEOUT: &str = "TWOSTEP_BUSY_TIMEOUT (--busy-timeout)";

/// The settings as given on the command line or in the environment, not yet checked. Without a
/// subcommand the server serves.
#[derive(Clone, Debug, Parser)]
#[command(name = "twostep-server", version, about = "The Twostep Admin reference backend")]
pub struct Cli {
    /// Something to do instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "TWOSTEP_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The database, a sqlite:// URL; a relative path is relative to the working directory.
    #[arg(long, env = "TWOSTEP_DATABASE_URL", default_value = "sqlite://data/twostep.db")]
    pub database_url: String,
    /// Password of every demo account, used when seeding; generated when absent.
    #[arg(long, env = "TWOSTEP_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<String>,
    /// The built single-page app to serve.
    #[arg(long, env = "TWOSTEP_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,
    /// The key that seals authenticator keys and phone numbers and keys the digests of codes:
    /// 64 hex characters; when absent, the key file beside the database (created on first
    /// start, readable by the owner only).
    #[arg(long, env = "TWOSTEP_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Where the default sender writes each SMS, email and approval link as a file.
    #[arg(long, env = "TWOSTEP_OUTBOX_DIR", default_value = "data/outbox")]
    pub outbox_dir: PathBuf,
    /// The address people reach the server at, for the approval links it sends, such as
    /// https://twostep.example; default http://<the address listened on>. With https, the
    /// cookies are __Host- and Secure, and every answer carries Strict-Transport-Security.
    #[arg(long, env = "TWOSTEP_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Open connections served at once; more wait until one closes.
    #[arg(long, env = "TWOSTEP_MAX_CONNECTIONS", default_value_t = Limits::default().max_connections.to_string())]
    pub max_connections: String,
    /// Open connections served at once from one client address (an IPv6 address counts by its
    /// /64); more are closed at once. The trusted proxies are exempt.
    #[arg(long, env = "TWOSTEP_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = Limits::default().max_connections_per_address.to_string())]
    pub max_connections_per_address: String,
    /// Seconds a client has to send a request's headers.
    #[arg(long, env = "TWOSTEP_HEADER_TIMEOUT", default_value_t = Limits::default().header_timeout.as_secs().to_string())]
    pub header_timeout: String,
    /// Seconds a client has to send a request's body.
    #[arg(long, env = "TWOSTEP_BODY_TIMEOUT", default_value_t = Limits::default().body_timeout.as_secs().to_string())]
    pub body_timeout: String,
    /// Seconds a kept-alive connection may wait for its next request.
    #[arg(long, env = "TWOSTEP_IDLE_TIMEOUT", default_value_t = Limits::default().idle_timeout.as_secs().to_string())]
    pub idle_timeout: String,
    /// Password checks (Argon2, about 19 MiB each) run at once; more answer 503 (default: twice
    /// the processor cores).
    #[arg(long, env = "TWOSTEP_PASSWORD_CHECKS", default_value_t = Limits::default().password_checks.to_string())]
    pub password_checks: String,
    /// Member list exports (CSV) streamed at once; more answer 503.
    #[arg(long, env = "TWOSTEP_MAX_EXPORTS", default_value_t = Limits::default().max_exports.to_string())]
    pub max_exports: String,
    /// Comma-separated IP addresses of reverse proxies whose X-Forwarded-For names the client;
    /// empty: every client is its connection's address.
    #[arg(long, env = "TWOSTEP_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
    /// Seconds a write waits for the database's write lock held by another write; beyond it
    /// the request answers 503 with Retry-After and changes nothing.
    #[arg(long, env = "TWOSTEP_BUSY_TIMEOUT", default_value_t = Limits::default().busy_timeout.as_secs().to_string())]
    pub busy_timeout: String,
}

/// The bounds that keep strangers from exhausting the server, each a setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Open connections served at once.
    pub max_connections: usize,
    /// Open connections served at once from one client address (IPv6 by /64); the trusted
    /// proxies are exempt.
    pub max_connections_per_address: usize,
    /// Time to send a request's headers.
    pub header_timeout: std::time::Duration,
    /// Time to send a request's body.
    pub body_timeout: std::time::Duration,
    /// Time a kept-alive connection may wait for its next request.
    pub idle_timeout: std::time::Duration,
    /// Password checks run at once.
    pub password_checks: usize,
    /// CSV exports streamed at once.
    pub max_exports: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Time a write waits for the database's write lock (SQLite's busy timeout).
    pub busy_timeout: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Limits {
            max_connections: 512,
            max_connections_per_address: 64,
            header_timeout: std::time::Duration::from_secs(10),
            body_timeout: std::time::Duration::from_secs(10),
            idle_timeout: std::time::Duration::from_secs(30),
            password_checks: 2 * cores,
            max_exports: 2,
            trusted_proxies: Vec::new(),
            busy_timeout: crate::db::BUSY_TIMEOUT,
        }
    }
}

impl Limits {
    /// Checks the limit settings of `cli`, naming the first wrong one and how to fix it.
    fn parse(cli: &Cli) -> Result<Limits> {
        Ok(Limits {
            max_connections: parse_count(MAX_CONNECTIONS, &cli.max_connections, 1, 100_000)?,
            max_connections_per_address: parse_count(
                MAX_CONNECTIONS_PER_ADDRESS,
                &cli.max_connections_per_address,
                1,
                100_000,
            )?,
            header_timeout: parse_seconds(HEADER_TIMEOUT, &cli.header_timeout)?,
            body_timeout: parse_seconds(BODY_TIMEOUT, &cli.body_timeout)?,
            idle_timeout: parse_seconds(IDLE_TIMEOUT, &cli.idle_timeout)?,
            password_checks: parse_count(PASSWORD_CHECKS, &cli.password_checks, 1, 256)?,
            max_exports: parse_count(MAX_EXPORTS, &cli.max_exports, 1, 64)?,
            trusted_proxies: parse_proxies(&cli.trusted_proxies)?,
            busy_timeout: parse_seconds(BUSY_TIMEOUT, &cli.busy_timeout)?,
        })
    }
}

/// A whole number between `min` and `max`.
fn parse_count(setting: &'static str, value: &str, min: usize, max: usize) -> Result<usize> {
    match value.trim().parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Error::config(
            setting,
            format!("\"{}\" is not a whole number from {min} to {max}", value.trim()),
        )),
    }
}

/// A whole number of seconds from 1 to 3600.
fn parse_seconds(setting: &'static str, value: &str) -> Result<std::time::Duration> {
    match value.trim().parse::<u64>() {
        Ok(n) if (1..=3600).contains(&n) => Ok(std::time::Duration::from_secs(n)),
        _ => Err(Error::config(
            setting,
            format!(
                "\"{}\" is not a whole number of seconds from 1 to 3600, such as 10",
                value.trim()
            ),
        )),
    }
}

/// Comma-separated IP addresses; empty for none.
fn parse_proxies(value: &str) -> Result<Vec<std::net::IpAddr>> {
    value
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse().map_err(|_| {
                Error::config(
                    TRUSTED_PROXIES,
                    format!(
                        "\"{part}\" is not an IP address; list the proxies' addresses separated by commas, such as 127.0.0.1,10.0.0.2"
                    ),
                )
            })
        })
        .collect()
}

/// What the server binary can do besides serving.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Creates a large organization, Globex Support, in a new database (for benchmarks).
    Generate(GenerateArgs),
    /// Prints the authenticator app code the server accepts next for a member (for the demo).
    Code(CodeArgs),
}

/// The settings of `twostep-server code`.
#[derive(Clone, Debug, clap::Args)]
pub struct CodeArgs {
    /// The database, a sqlite:// URL.
    #[arg(long, env = "TWOSTEP_DATABASE_URL", default_value = "sqlite://data/twostep.db")]
    pub database_url: String,
    /// The key the server uses (TWOSTEP_SECRET_KEY); when absent, the key file beside the
    /// database.
    #[arg(long, env = "TWOSTEP_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// The member's email address.
    #[arg(value_name = "EMAIL")]
    pub email: String,
}

/// Checked settings of `twostep-server code`.
#[derive(Clone, Debug)]
pub struct CodeOptions {
    /// The SQLite database file.
    pub database_path: PathBuf,
    /// The hex secret key, if given.
    pub secret_key: Option<String>,
    /// The member's email address, trimmed and lowercase.
    pub email: String,
}

impl CodeArgs {
    /// Checks the database URL, the key and the email.
    pub fn into_options(self) -> Result<CodeOptions> {
        let email = self.email.trim().to_lowercase();
        if email.is_empty() || !email.contains('@') {
            return Err(Error::config(
                "EMAIL",
                format!(
                    "\"{}\" is not an email address; give the member's, such as maya@northwind.example",
                    self.email
                ),
            ));
        }
        Ok(CodeOptions {
            database_path: parse_database_url(&self.database_url)?,
            secret_key: parse_secret_key(self.secret_key)?,
            email,
        })
    }
}

/// The key file beside the database `database_path`: `<db dir>/secret.key`.
pub fn key_file(database_path: &std::path::Path) -> PathBuf {
    data_dir(database_path).join("secret.key")
}

/// The directory of the database file (`.` for a bare file name).
pub fn data_dir(database_path: &std::path::Path) -> PathBuf {
    database_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The settings of `twostep-server generate`.
#[derive(Clone, Debug, clap::Args)]
pub struct GenerateArgs {
    /// The new database, a sqlite:// URL; it must not hold an organization yet.
    #[arg(long, env = "TWOSTEP_DATABASE_URL")]
    pub database_url: String,
    /// How many technician groups, in a tree about 10 wide at the top and 4 levels deep.
    #[arg(long, value_name = "N")]
    pub groups: u64,
    /// How many members, the master administrator admin@globex.example included.
    #[arg(long, value_name = "M")]
    pub members: u64,
    /// Password of every generated account; generated and printed when absent.
    #[arg(long, env = "TWOSTEP_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<String>,
    /// The key that seals the authenticator keys (64 hex characters); when absent, the key file
    /// beside the database, created when missing.
    #[arg(long, env = "TWOSTEP_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
}

impl GenerateArgs {
    /// Checks the database URL; [`generate::generate`] checks the numbers.
    pub fn into_options(self) -> Result<generate::Options> {
        Ok(generate::Options {
            database_path: parse_database_url(&self.database_url)?,
            groups: self.groups,
            members: self.members,
            password: self.demo_password.filter(|p| !p.is_empty()),
            secret_key: parse_secret_key(self.secret_key)?,
        })
    }
}

/// Checked settings, ready for [`crate::app`] and [`crate::run`].
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The SQLite database file (created with its directory when missing).
    pub database_path: PathBuf,
    /// Password of every demo account when seeding; `None` generates one.
    pub demo_password: Option<String>,
    /// The directory holding the built single-page app.
    pub dist_dir: PathBuf,
    /// The secret key as 64 hex characters; `None` uses the key file beside the database.
    pub secret_key: Option<String>,
    /// Where the default sender writes messages.
    pub outbox_dir: PathBuf,
    /// The origin of the links the server sends, without a trailing slash; `None` means
    /// `http://<the address listened on>`.
    pub public_url: Option<String>,
    /// Connection, timeout and concurrency bounds.
    pub limits: Limits,
}

impl Cli {
    /// Checks every setting, naming the first wrong one and how to fix it.
    pub fn into_config(self) -> Result<Config> {
        if self.dist_dir.as_os_str().is_empty() {
            return Err(Error::config(
                DIST_DIR,
                "is empty; give the directory of the built console, such as dist",
            ));
        }
        if self.outbox_dir.as_os_str().is_empty() {
            return Err(Error::config(
                OUTBOX_DIR,
                "is empty; give the directory for the messages, such as data/outbox",
            ));
        }
        let limits = Limits::parse(&self)?;
        Ok(Config {
            limits,
            listen: parse_listen(&self.listen)?,
            database_path: parse_database_url(&self.database_url)?,
            demo_password: self.demo_password.filter(|p| !p.is_empty()),
            dist_dir: self.dist_dir,
            secret_key: parse_secret_key(self.secret_key)?,
            outbox_dir: self.outbox_dir,
            public_url: self.public_url.map(|url| parse_public_url(&url)).transpose()?,
        })
    }
}

/// Checks a secret key: 64 hex characters (32 bytes). An empty value means "use the key file".
/// The value itself never appears in an error.
pub fn parse_secret_key(value: Option<String>) -> Result<Option<String>> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.len() != 64 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::config(
            SECRET_KEY,
            format!(
                "is not 64 hex characters (it has {} characters); make one with `openssl rand -hex 32`, or leave it unset to use the key file beside the database",
                value.chars().count()
            ),
        ));
    }
    Ok(Some(value))
}

/// Checks a public URL: `http://` or `https://` and a host, with no path, query or fragment;
/// answers it without a trailing slash.
pub fn parse_public_url(value: &str) -> Result<String> {
    let value = value.trim().trim_end_matches('/');
    let rest = value
        .strip_prefix("http://")
        .or_else(|| value.strip_prefix("https://"))
        .filter(|rest| !rest.is_empty() && !rest.contains(['/', '?', '#', ' ']));
    match rest {
        Some(_) => Ok(value.to_owned()),
        None => Err(Error::config(
            PUBLIC_URL,
            format!(
                "\"{value}\" is not an origin; use the address people reach the server at, such as https://twostep.example or http://127.0.0.1:8080"
            ),
        )),
    }
}

/// Reads a listening address such as `127.0.0.1:8080`, `[::1]:8080` or `localhost:0`.
pub fn parse_listen(value: &str) -> Result<SocketAddr> {
    let value = value.trim();
    if let Ok(addr) = value.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Some(port) = value.strip_prefix("localhost:")
        && let Ok(port) = port.parse::<u16>()
    {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    Err(Error::config(
        LISTEN,
        format!(
            "\"{value}\" is not an IP address and port; use the form 127.0.0.1:8080 (port 0 picks a free port)"
        ),
    ))
}

/// Reads the database URL and returns the SQLite file it names.
///
/// Accepts `sqlite://relative/path.db`, `sqlite:///absolute/path.db` and `sqlite:path.db`;
/// a query string (`?mode=rwc`) is ignored, since the server always creates the file.
pub fn parse_database_url(value: &str) -> Result<PathBuf> {
    let value = value.trim();
    let scheme = value.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("postgres" | "postgresql") => {
            return Err(Error::config(
                DATABASE_URL,
                "postgres:// is not supported yet; use a sqlite:// URL such as sqlite://data/twostep.db",
            ));
        }
        Some("sqlite") => {}
        _ => {
            return Err(Error::config(
                DATABASE_URL,
                format!(
                    "\"{value}\" is not a sqlite:// URL; use one such as sqlite://data/twostep.db"
                ),
            ));
        }
    }
    let rest = &value["sqlite:".len()..];
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err(Error::config(
            DATABASE_URL,
            format!("\"{value}\" names no database file; use one such as sqlite://data/twostep.db"),
        ));
    }
    Ok(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(listen: &str, url: &str) -> Cli {
        Cli {
            command: None,
            listen: listen.into(),
            database_url: url.into(),
            demo_password: None,
            dist_dir: "dist".into(),
            secret_key: None,
            outbox_dir: "data/outbox".into(),
            public_url: None,
            max_connections: "512".into(),
            max_connections_per_address: "64".into(),
            header_timeout: "10".into(),
            body_timeout: "10".into(),
            idle_timeout: "30".into(),
            password_checks: "4".into(),
            max_exports: "2".into(),
            trusted_proxies: String::new(),
            busy_timeout: "5".into(),
        }
    }

    #[test]
    fn limits_have_defaults_and_bad_values_name_the_setting() {
        let config = Cli::try_parse_from(["twostep-server"]).unwrap().into_config().unwrap();
        assert_eq!(config.limits, Limits::default());
        let mut c = cli("127.0.0.1:0", "sqlite://x.db");
        c.trusted_proxies = "127.0.0.1, ::1".into();
        c.header_timeout = "5".into();
        let limits = c.into_config().unwrap().limits;
        assert_eq!(limits.trusted_proxies.len(), 2);
        assert_eq!(limits.header_timeout, std::time::Duration::from_secs(5));
        for (set, setting) in [
            (&mut |c: &mut Cli| c.max_connections = "0".into()) as &mut dyn FnMut(&mut Cli),
            &mut |c: &mut Cli| c.max_connections_per_address = "many".into(),
            &mut |c: &mut Cli| c.idle_timeout = "forever".into(),
            &mut |c: &mut Cli| c.password_checks = "-1".into(),
            &mut |c: &mut Cli| c.trusted_proxies = "proxy.example".into(),
            &mut |c: &mut Cli| c.busy_timeout = "0".into(),
        ]
        .into_iter()
        .zip([
            "TWOSTEP_MAX_CONNECTIONS",
            "TWOSTEP_MAX_CONNECTIONS_PER_ADDRESS",
            "TWOSTEP_IDLE_TIMEOUT",
            "TWOSTEP_PASSWORD_CHECKS",
            "TWOSTEP_TRUSTED_PROXIES",
            "TWOSTEP_BUSY_TIMEOUT",
        ]) {
            let mut c = cli("127.0.0.1:0", "sqlite://x.db");
            set(&mut c);
            let message = c.into_config().unwrap_err().to_string();
            assert!(message.starts_with(setting), "{message}");
        }
    }

    #[test]
    fn defaults_are_accepted() {
        let config = Cli::try_parse_from(["twostep-server"]).unwrap().into_config().unwrap();
        assert_eq!(config.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.database_path, PathBuf::from("data/twostep.db"));
        assert_eq!(config.dist_dir, PathBuf::from("dist"));
        assert_eq!(config.outbox_dir, PathBuf::from("data/outbox"));
        assert_eq!((config.secret_key, config.public_url), (None, None));
        assert_eq!(key_file(&config.database_path), PathBuf::from("data/secret.key"));
    }

    #[test]
    fn a_bad_secret_key_is_refused_without_showing_it() {
        let mut c = cli("127.0.0.1:0", "sqlite://x.db");
        c.secret_key = Some("abc123secret".into());
        let message = c.into_config().unwrap_err().to_string();
        assert!(message.starts_with("TWOSTEP_SECRET_KEY (--secret-key):"), "{message}");
        assert!(!message.contains("abc123secret"), "{message}");
        let good = "0f".repeat(32);
        assert_eq!(parse_secret_key(Some(good.clone())).unwrap(), Some(good));
        assert_eq!(parse_secret_key(Some(" ".into())).unwrap(), None);
    }

    #[test]
    fn the_public_url_is_an_origin() {
        assert_eq!(
            parse_public_url("https://twostep.example/").unwrap(),
            "https://twostep.example"
        );
        assert_eq!(parse_public_url("http://127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080");
        for bad in ["twostep.example", "ftp://x", "https://", "https://x/app", ""] {
            let message = parse_public_url(bad).unwrap_err().to_string();
            assert!(message.starts_with("TWOSTEP_PUBLIC_URL (--public-url):"), "{message}");
        }
    }

    #[test]
    fn code_takes_an_email_and_the_default_database() {
        let cli =
            Cli::try_parse_from(["twostep-server", "code", "Maya@Northwind.example"]).unwrap();
        let Some(Command::Code(args)) = cli.command else { panic!("no subcommand") };
        let options = args.into_options().unwrap();
        assert_eq!(options.email, "maya@northwind.example");
        assert_eq!(options.database_path, PathBuf::from("data/twostep.db"));
        assert!(Cli::try_parse_from(["twostep-server", "code"]).is_err());
    }

    #[test]
    fn listen_accepts_ip_and_port_and_localhost() {
        assert_eq!(parse_listen("127.0.0.1:0").unwrap().port(), 0);
        assert!(parse_listen("[::1]:8080").unwrap().is_ipv6());
        assert_eq!(parse_listen("localhost:9000").unwrap(), "127.0.0.1:9000".parse().unwrap());
    }

    #[test]
    fn a_bad_listen_address_names_the_setting_and_the_fix() {
        for bad in ["abc", "127.0.0.1", "127.0.0.1:99999", ""] {
            let message = cli(bad, "sqlite://x.db").into_config().unwrap_err().to_string();
            assert!(message.starts_with("TWOSTEP_LISTEN (--listen):"), "{message}");
            assert!(message.contains("127.0.0.1:8080"), "{message}");
            assert!(!message.contains('\n'));
        }
        assert_eq!(parse_listen("abc").unwrap_err().exit_code(), 2);
    }

    #[test]
    fn database_urls_give_the_file() {
        assert_eq!(
            parse_database_url("sqlite://data/twostep.db").unwrap(),
            PathBuf::from("data/twostep.db")
        );
        assert_eq!(parse_database_url("sqlite:///tmp/x.db").unwrap(), PathBuf::from("/tmp/x.db"));
        assert_eq!(parse_database_url("sqlite:x.db?mode=rwc").unwrap(), PathBuf::from("x.db"));
    }

    #[test]
    fn postgres_is_refused_clearly() {
        let message = parse_database_url("postgres://u@h/db").unwrap_err().to_string();
        assert_eq!(
            message,
            "TWOSTEP_DATABASE_URL (--database-url): postgres:// is not supported yet; use a sqlite:// URL such as sqlite://data/twostep.db"
        );
    }

    #[test]
    fn other_bad_database_urls_are_refused() {
        for bad in ["mysql://h/db", "data/twostep.db", "sqlite://", "sqlite::memory:", ""] {
            let err = cli("127.0.0.1:0", bad).into_config().unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().starts_with("TWOSTEP_DATABASE_URL (--database-url):"), "{err}");
        }
    }

    #[test]
    fn generate_is_a_subcommand_and_serving_stays_the_default() {
        let cli = Cli::try_parse_from([
            "twostep-server",
            "generate",
            "--database-url",
            "sqlite://big.db",
            "--groups",
            "50",
            "--members",
            "500",
        ])
        .unwrap();
        let Some(Command::Generate(args)) = cli.command else { panic!("no subcommand") };
        let options = args.into_options().unwrap();
        assert_eq!(options.database_path, PathBuf::from("big.db"));
        assert_eq!((options.groups, options.members), (50, 500));
        assert!(
            Cli::try_parse_from(["twostep-server", "--listen", "127.0.0.1:0"])
                .unwrap()
                .command
                .is_none()
        );
        let bad = [
            "twostep-server",
            "generate",
            "--database-url",
            "sqlite://x.db",
            "--groups",
            "many",
            "--members",
            "1",
        ];
        let message = Cli::try_parse_from(bad).unwrap_err().to_string();
        assert!(message.contains("--groups"), "{message}");
    }

    #[test]
    fn an_empty_demo_password_means_generate_one() {
        let mut c = cli("127.0.0.1:0", "sqlite://x.db");
        c.demo_password = Some(String::new());
        assert_eq!(c.into_config().unwrap().demo_password, None);
    }
}
