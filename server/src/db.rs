//! Opening the database, bringing its schema up to date, and the conversions between stored
//! values and contract values (enumerations are stored as their wire names).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use twostep_contract::Vocabulary;

use crate::error::{Error, Result};

/// The connection pool every handler shares.
pub type Db = sqlx::SqlitePool;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long a write waits for the write lock held by another by default: SQLite's busy
/// timeout. Past it the write fails as [`Error::Busy`] (503 with Retry-After).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating when missing) the SQLite file at `path` and runs the pending migrations.
pub async fn open(path: &Path) -> Result<Db> {
    open_with(path, BUSY_TIMEOUT).await
}

/// [`open`], with writes waiting up to `busy_timeout` for another write's lock.
pub async fn open_with(path: &Path, busy_timeout: Duration) -> Result<Db> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Error::io(format!("cannot create the database directory {}", parent.display()), e)
        })?;
    }
    check_is_sqlite(path)?;
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(busy_timeout)
        // Read the file through memory mapping (up to 256 MiB): the member list walks indexes
        // of several MiB at 100,000 members, and copying their pages from the operating
        // system's cache into each connection's small page cache at every request doubles its
        // time. Mapped pages are shared by every connection.
        .pragma("mmap_size", "268435456");
    // A request waits for a free connection no longer than a write waits for the lock: when
    // every connection is held by writes waiting on a busy database, the next request answers
    // 503 after the same time instead of sqlx's default 30 s.
    let db = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(busy_timeout)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&db).await?;
    Ok(db)
}

/// Refuses an existing, non-empty file that is not a SQLite database, before SQLite touches it.
fn check_is_sqlite(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(format!("cannot open the database {}", path.display()), e)),
    };
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|e| Error::io(format!("cannot read the database {}", path.display()), e))?;
    if header.is_empty() || header.as_slice() == SQLITE_HEADER {
        return Ok(());
    }
    Err(Error::config(
        "TWOSTEP_DATABASE_URL (--database-url)",
        format!(
            "{} is not a SQLite database; point the URL at another file or move this one away",
            path.display()
        ),
    ))
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Formats unix seconds as RFC 3339 in UTC, such as `2026-01-01T00:00:00Z`.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Reads back a contract enumeration stored as its wire name ([`Vocabulary::wire_name`]); any
/// other text is a server fault.
pub fn decode<T: Vocabulary>(stored: &str) -> Result<T> {
    T::from_wire_name(stored).ok_or_else(|| {
        let accepted = T::wire_names().collect::<Vec<_>>().join(", ");
        Error::Internal(format!("unexpected stored value {stored:?}; expected one of {accepted}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_contract::{PrimaryMethod, TechniciansPolicy};

    #[test]
    fn rfc3339_formats_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_825_599), "2000-02-29T11:59:59Z");
    }

    #[test]
    fn enumerations_round_trip_as_contract_values() {
        assert_eq!(TechniciansPolicy::SelectedGroups.wire_name(), "selected_groups");
        assert_eq!(decode::<PrimaryMethod>("sms").unwrap(), PrimaryMethod::Sms);
        assert!(decode::<PrimaryMethod>("fax").is_err());
    }
}
