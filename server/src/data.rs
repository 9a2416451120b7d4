//! The data layer: every SQL statement of the server, one module per resource. Handlers call
//! these functions and never write SQL themselves.
//!
//! Reads take the pool; writes that belong together take a connection inside one transaction,
//! and the writes to versioned rows go through [`versioned::update`] (conditional update, audit
//! event, commit or roll back).

pub mod account;
pub mod audit;
pub mod generate;
pub mod groups;
pub mod members;
pub mod policy;
pub mod second_step;
pub mod seed;
pub mod sessions;
pub mod setups;
pub mod versioned;
pub mod visibility;

use crate::db::Db;
use crate::error::Result;

/// Runs a trivial query: whether the database answers.
pub async fn ping(db: &Db) -> Result<()> {
    sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(db).await?;
    Ok(())
}
