//! Members and their two-step verification state: `GET /members`, `GET /members/export` and
//! `POST /members/two-step-reset`.

use serde::{Deserialize, Serialize};

use crate::query::{Paging, Parsed, parse_pairs};
use crate::{PrimaryMethod, RequirementReason, Role, Vocabulary};

vocabulary! {
    /// Whether a member has set up two-step verification.
    pub enum EnrollmentStatus {
        /// They have a two-step verification setup.
        Enrolled = "enrolled",
        /// They have none (never set up, or it was reset).
        NotEnrolled = "not_enrolled",
    }
}

/// The technician group a member works in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberGroup {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    /// The group's id.
    pub id: i64,
    /// The group's name.
    pub name: String,
}

/// A member of the organization with their two-step verification state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    /// The member's id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Every role the member holds.
    pub roles: Vec<Role>,
    /// Their technician group, if they work in one.
    pub group: Option<MemberGroup>,
    /// Whether the policy requires them to use two-step verification.
    pub required: bool,
    /// Why it does (empty when not required); [`RequirementReason::Group`] means `group`.
    pub reasons: Vec<RequirementReason>,
    /// Whether they have set it up.
    pub status: EnrollmentStatus,
    /// The method they set up, when they have.
    pub method: Option<PrimaryMethod>,
    /// When they set it up (RFC 3339, UTC), when they have.
    pub enrolled_at: Option<String>,
    /// The Technician Console version they last used, if any.
    pub console_version: Option<String>,
}

/// One page of `GET /members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberPage {
    /// The members of this page, in the order asked for.
    pub items: Vec<Member>,
    /// How many members match the filters, over all pages.
    pub total: u64,
    /// This page, from 1.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub page: u32,
    /// The page size.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 200))]
    pub per_page: u32,
}

vocabulary! {
    /// What a member list can be sorted by; its wire name is the value of `sort`.
    #[derive(Default)]
    pub enum MemberSortKey {
        /// Name (the default).
        #[default]
        Name = "name",
        /// Email address.
        Email = "email",
        /// Technician group name; members without a group last.
        Group = "group",
        /// Not set up before set up.
        Status = "status",
        /// When they set up two-step verification; members without a setup last.
        EnrolledAt = "enrolled_at",
    }
}

/// The order of a member list: `sort=name` ascending, `sort=-name` descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct MemberSort {
    /// What to sort by.
    pub key: MemberSortKey,
    /// Largest first.
    pub descending: bool,
}

/// The filters, order and page of `GET /members` (and of the console's Members tab address).
///
/// Parameters: `q` (name or email contains, case-insensitive), `group_id` (the group and its
/// subgroups), `role` (`master_administrator`, `administrator`, `technician`), `required`
/// (`true`, `false`), `status` (`enrolled`, `not_enrolled`), `sort` (`name`, `email`, `group`,
/// `status`, `enrolled_at`, each with a leading `-` for descending), `page`, `per_page`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct MemberQuery {
    /// Name or email contains this text.
    pub q: Option<String>,
    /// Members of this group or of its subgroups.
    pub group_id: Option<i64>,
    /// Members holding this role.
    pub role: Option<Role>,
    /// Members the policy requires (`true`) or does not require (`false`) to use 2SV.
    pub required: Option<bool>,
    /// Members who have or have not set it up.
    pub status: Option<EnrollmentStatus>,
    /// The order.
    pub sort: MemberSort,
    /// The page.
    pub paging: Paging,
}

/// The names of the parameters of [`MemberQuery`].
const MEMBER_PARAMS: [&str; 8] =
    ["q", "group_id", "role", "required", "status", "sort", "page", "per_page"];

impl MemberQuery {
    /// Reads decoded query pairs. Unknown names, repeated names and wrong values are listed in
    /// the errors; an empty value means the parameter is not set.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Parsed<MemberQuery> {
        parse_pairs(
            pairs,
            &MEMBER_PARAMS,
            |query: &mut MemberQuery| &mut query.paging,
            |query, name, value, errors| {
                match name {
                    "q" => query.q = errors.search(name, value),
                    "group_id" => query.group_id = errors.number(name, value, 1, i64::MAX),
                    "role" => query.role = errors.one_of(name, value),
                    "required" => query.required = errors.boolean(name, value),
                    "status" => query.status = errors.one_of(name, value),
                    "sort" => {
                        let (descending, key) = match value.strip_prefix('-') {
                            Some(key) => (true, key),
                            None => (false, value),
                        };
                        if let Some(key) = errors.one_of(name, key) {
                            query.sort = MemberSort { key, descending };
                        }
                    }
                    _ => return false,
                }
                true
            },
        )
    }

    /// The parameters that differ from the defaults, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if let Some(group_id) = self.group_id {
            pairs.push(("group_id", group_id.to_string()));
        }
        if let Some(role) = self.role {
            pairs.push(("role", role.wire_name().to_owned()));
        }
        if let Some(required) = self.required {
            pairs.push(("required", required.to_string()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.wire_name().to_owned()));
        }
        if self.sort != MemberSort::default() {
            let sign = if self.sort.descending { "-" } else { "" };
            pairs.push(("sort", format!("{sign}{}", self.sort.key.wire_name())));
        }
        self.paging.write(&mut pairs);
        pairs
    }

    /// Whether the query shows required members who have not set up 2SV.
    pub fn is_required_not_enrolled(&self) -> bool {
        self.required == Some(true) && self.status == Some(EnrollmentStatus::NotEnrolled)
    }
}

/// The most members one reset may name.
pub const MAX_RESET_MEMBERS: usize = 1_000;

/// The body of `POST /members/two-step-reset`. Unknown fields are refused (422).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MembersResetRequest {
    /// The members whose two-step verification setups to delete: 1 to 1,000 distinct ids, each
    /// a whole number from 1. A wrong, repeated or refused id is named by its position from 0,
    /// as `member_ids[3]`; a wrong count or type names `member_ids`.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 1000))]
    pub member_ids: Vec<i64>,
}

/// The answer of `POST /members/two-step-reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MembersReset {
    /// How many members must set up two-step verification again (every id named).
    pub reset: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Parsed<MemberQuery> {
        MemberQuery::parse(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| pair.split_once('=').unwrap_or((pair, ""))),
        )
    }

    #[test]
    fn every_parameter_round_trips() {
        let query = MemberQuery {
            q: Some("inès".into()),
            group_id: Some(7),
            role: Some(Role::Technician),
            required: Some(true),
            status: Some(EnrollmentStatus::NotEnrolled),
            sort: MemberSort { key: MemberSortKey::EnrolledAt, descending: true },
            paging: Paging { page: 3, per_page: 25 },
        };
        let pairs = query.to_pairs();
        let parsed = MemberQuery::parse(pairs.iter().map(|(n, v)| (*n, v.as_str())));
        assert_eq!(parsed, Parsed { query: query.clone(), errors: vec![] });
        assert!(query.is_required_not_enrolled());
        assert_eq!(
            crate::query_string(&pairs),
            "q=in%C3%A8s&group_id=7&role=technician&required=true&status=not_enrolled&sort=-enrolled_at&page=3&per_page=25"
        );
    }

    #[test]
    fn the_default_query_writes_nothing_and_empty_values_are_unset() {
        assert!(MemberQuery::default().to_pairs().is_empty());
        assert_eq!(
            parse("q=&role=&page="),
            Parsed { query: MemberQuery::default(), errors: vec![] }
        );
        assert_eq!(parse("q=   ").query.q, None);
    }

    #[test]
    fn every_wrong_parameter_is_named_and_the_rest_is_kept() {
        let parsed =
            parse("role=boss&page=0&per_page=500&sort=-age&required=yes&colour=red&q=ana&q=bo");
        let named: Vec<&str> = parsed.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["role", "page", "per_page", "sort", "required", "q"]);
        assert_eq!(parsed.query.q.as_deref(), Some("ana"));
        assert_eq!(parsed.query.paging, Paging::default());
        assert!(
            parsed.errors[0].message.contains("master_administrator, administrator, technician")
        );
        assert!(parsed.errors[2].message.contains("from 1 to 200"));
    }

    #[test]
    fn paging_counts_pages_and_offsets() {
        let paging = Paging { page: 3, per_page: 50 };
        assert_eq!(paging.offset(), 100);
        assert_eq!(paging.page_count(0), 1);
        assert_eq!(paging.page_count(50), 1);
        assert_eq!(paging.page_count(51), 2);
    }

    #[test]
    fn a_member_serializes_with_the_contract_names() {
        let member = Member {
            id: 4,
            name: "Sam Okafor".into(),
            email: "sam@northwind.example".into(),
            roles: vec![Role::Technician],
            group: Some(MemberGroup { id: 2, name: "EMEA".into() }),
            required: false,
            reasons: vec![],
            status: EnrollmentStatus::NotEnrolled,
            method: None,
            enrolled_at: None,
            console_version: Some("7.50.3572".into()),
        };
        let json = serde_json::to_value(&member).unwrap();
        assert_eq!(json["status"], "not_enrolled");
        assert_eq!(json["group"]["name"], "EMEA");
        assert_eq!(json["method"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<Member>(json).unwrap(), member);
    }
}
