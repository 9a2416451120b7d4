//! What every handler shares: the database and the built console.

use std::sync::Arc;

use crate::db::Db;
use crate::spa::Spa;

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The built console.
    pub spa: Arc<Spa>,
}
