//! Signing in and the signed-in session.
//!
//! `POST /session` signs in ([`SignIn`]) and sets the session cookie: HttpOnly,
//! SameSite=Strict, named `twostep_session`, or `__Host-twostep_session` with `Secure` on a
//! backend reached over https. A request carrying that cookie twice is refused (`401`), never
//! served as either session. `GET /session` answers the [`Session`]; `DELETE /session` signs
//! out; `DELETE /sessions` signs out everywhere: every session of the member ends, this one
//! included, with their pending second steps (`204`, the cookie expired). A password change
//! ends the member's other sessions and keeps this one.

use serde::{Deserialize, Serialize};

vocabulary! {
    /// A role a member of an organization holds. A person may hold several.
    #[derive(PartialOrd, Ord)]
    pub enum Role {
        /// Runs the organization's account: Global Settings, every group, every member.
        MasterAdministrator = "master_administrator",
        /// Manages the technician groups assigned to them and their subgroups.
        Administrator = "administrator",
        /// Works in a technician group.
        Technician = "technician",
    }
}

/// The body of `POST /session`. Unknown fields are refused (422).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The member's email address, compared without case and without the white space around
    /// it. Empty, or only white space, is refused (422), and so is one longer than 254
    /// characters as sent; an address no member has answers 401 like a wrong password.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254, pattern = r"\S"))]
    pub email: String,
    /// The member's password, exactly as typed (white space included). Empty is refused (422).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub password: String,
}

/// The longest email address a sign-in accepts, in characters (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionUser {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    /// The member's id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Email address, also the sign-in name.
    pub email: String,
    /// Every role the member holds.
    pub roles: Vec<Role>,
}

impl SessionUser {
    /// Whether the person may use Global Settings.
    pub fn is_master_administrator(&self) -> bool {
        self.roles.contains(&Role::MasterAdministrator)
    }
}

/// The organization a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    /// The organization's id.
    pub id: i64,
    /// Its display name.
    pub name: String,
}

/// The answer of `POST /session` and `GET /session`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Who is signed in.
    pub user: SessionUser,
    /// Their organization; every request of the session is scoped to it.
    pub organization: Organization,
    /// To send in the `X-CSRF-Token` header of every write.
    pub csrf_token: String,
}

/// The answer of `GET /health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the server can reach its database.
    pub status: String,
    /// The server's version.
    pub version: String,
}
