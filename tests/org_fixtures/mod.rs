//! The organization's groups and policies that the tree's tests, native and in the browser,
//! are built on.

#![allow(dead_code)]

use twostep_contract::{
    AdministratorsPolicy as A, PolicySettings, PrimaryMethod, TechnicianGroup,
    TechniciansPolicy as T,
};

/// A group of four technicians, all enrolled, not forced.
pub fn group(id: i64, parent_id: Option<i64>, name: &str) -> TechnicianGroup {
    TechnicianGroup {
        id,
        parent_id,
        name: name.into(),
        description: String::new(),
        force_two_step: false,
        technicians: 4,
        technicians_not_enrolled: 0,
        revision: 1,
    }
}

/// Northwind's groups as the server lists them (by name), with a third level under EMEA.
pub fn northwind() -> Vec<TechnicianGroup> {
    vec![
        group(3, Some(1), "Americas"),
        group(2, Some(1), "EMEA"),
        group(5, None, "Field Services"),
        group(1, None, "Tier 1"),
        TechnicianGroup {
            force_two_step: true,
            technicians_not_enrolled: 3,
            ..group(4, None, "Tier 2")
        },
        group(6, Some(2), "Équipe Lyon"),
    ]
}

/// A policy that requires `technicians` and every administrator.
pub fn policy(technicians: T) -> PolicySettings {
    PolicySettings {
        administrators: A::All,
        technicians,
        primary_method: PrimaryMethod::AuthenticatorApp,
    }
}

/// `count` groups as `twostep-server generate` makes them: ten top-level groups, each with
/// subgroups nested up to four levels deep, named "Team 0001" and so on.
pub fn large(count: i64) -> Vec<TechnicianGroup> {
    (1..=count)
        .map(|id| {
            let parent = match id {
                1..=10 => None,
                _ if id % 4 == 0 => Some(id % 10 + 1),
                _ => Some(id / 4),
            };
            group(id, parent, &format!("Team {id:04}"))
        })
        .collect()
}
