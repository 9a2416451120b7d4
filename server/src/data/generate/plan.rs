//! What `generate` writes, decided before anything is written: the group tree and the members,
//! drawn from a fixed-seed generator so that the same numbers always give the same organization.

use twostep_contract::PrimaryMethod;

use crate::data::seed::CONSOLE_VERSIONS;

/// The seed of the generator; changing it changes every generated database.
const SEED: u64 = 0x7275_7374_7732_7376;

/// How many groups sit at the top of the tree (fewer when fewer groups are asked for).
pub const TOP_LEVEL_GROUPS: usize = 10;

/// The deepest level of the tree; the top level is 1.
pub const MAX_DEPTH: u8 = 4;

/// When the generated organization was created: 2025-06-02T09:00:00Z. Enrollments follow it.
pub const CREATED_AT: i64 = 1_748_854_800;

/// The master administrator's email.
pub const ADMIN_EMAIL: &str = "admin@globex.example";

const FIRST_NAMES: [&str; 24] = [
    "Aiden", "Bella", "Carlos", "Dana", "Elif", "Felix", "Grace", "Hugo", "Isla", "Jonas", "Kira",
    "Liam", "Mia", "Nikolai", "Olivia", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
    "Wes", "Yusuf",
];

const LAST_NAMES: [&str; 20] = [
    "Brooks", "Nguyen", "Mendes", "Kim", "Yilmaz", "Wagner", "Osei", "Laurent", "Murray", "Berg",
    "Sato", "Walsh", "Rossi", "Petrov", "Chen", "Ortega", "Hayes", "Alvarez", "Larsen", "Singh",
];

/// A small, fast, deterministic generator (SplitMix64); not for anything secret.
#[derive(Debug)]
pub struct Prng(u64);

impl Prng {
    /// The generator at the fixed seed.
    pub fn fixed() -> Self {
        Prng(SEED)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the slight bias of the modulo does not matter here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One group to insert; groups refer to each other by their index in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedGroup {
    /// The parent's index, `None` at the top.
    pub parent: Option<usize>,
    /// 1 at the top, at most [`MAX_DEPTH`].
    pub depth: u8,
    /// `Region 3` at the top, `Team 0451` below; unique.
    pub name: String,
    /// A line for the Settings tab.
    pub description: String,
    /// "Force two-step verification".
    pub force_two_step: bool,
}

/// What a generated member is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The one master administrator, `admin@globex.example`.
    MasterAdministrator,
    /// An administrator assigned to the group with this index.
    Administrator(usize),
    /// A technician of the group with this index.
    Technician(usize),
}

/// One member to insert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedMember {
    /// Display name (not unique).
    pub name: String,
    /// Unique email.
    pub email: String,
    /// Their role, group or assignment.
    pub kind: Kind,
    /// The Technician Console they last used (technicians only, and not all of them).
    pub console_version: Option<&'static str>,
    /// Their two-step verification setup, if any: method and when (unix seconds).
    pub enrollment: Option<(PrimaryMethod, i64)>,
}

/// The whole organization to insert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Parents always come before their children.
    pub groups: Vec<PlannedGroup>,
    /// The master administrator first.
    pub members: Vec<PlannedMember>,
}

/// Plans `groups` groups and `members` members (the master administrator included); both at
/// least 1.
pub fn plan(groups: usize, members: usize) -> Plan {
    let mut prng = Prng::fixed();
    let groups = plan_groups(&mut prng, groups);
    let members = plan_members(&mut prng, &groups, members);
    Plan { groups, members }
}

fn plan_groups(prng: &mut Prng, count: usize) -> Vec<PlannedGroup> {
    let top = count.min(TOP_LEVEL_GROUPS);
    let width = (count - top).to_string().len().max(4);
    let mut groups = Vec::with_capacity(count);
    // Groups that may still receive children (depth below the maximum).
    let mut open = Vec::with_capacity(count);
    for region in 1..=top {
        open.push(groups.len());
        groups.push(PlannedGroup {
            parent: None,
            depth: 1,
            name: format!("Region {region}"),
            description: format!("Generated region {region} of Globex Support"),
            force_two_step: prng.chance(10),
        });
    }
    for team in 1..=count - top {
        let parent = open[prng.below(open.len())];
        let depth = groups[parent].depth + 1;
        if depth < MAX_DEPTH {
            open.push(groups.len());
        }
        groups.push(PlannedGroup {
            parent: Some(parent),
            depth,
            name: format!("Team {team:0width$}"),
            description: format!("Generated team at level {depth} under {}", groups[parent].name),
            force_two_step: prng.chance(10),
        });
    }
    groups
}

fn plan_members(prng: &mut Prng, groups: &[PlannedGroup], count: usize) -> Vec<PlannedMember> {
    let assignable: Vec<usize> =
        (0..groups.len()).filter(|&g| groups[g].depth < MAX_DEPTH).collect();
    let mut members = Vec::with_capacity(count);
    members.push(PlannedMember {
        name: "Gloria Bexley".into(),
        email: ADMIN_EMAIL.into(),
        kind: Kind::MasterAdministrator,
        console_version: None,
        enrollment: Some((PrimaryMethod::AuthenticatorApp, CREATED_AT + 3_600)),
    });
    for n in 1..count {
        let first = FIRST_NAMES[prng.below(FIRST_NAMES.len())];
        let last = LAST_NAMES[prng.below(LAST_NAMES.len())];
        let kind = if prng.chance(2) {
            Kind::Administrator(assignable[prng.below(assignable.len())])
        } else {
            Kind::Technician(prng.below(groups.len()))
        };
        let console_version = match kind {
            Kind::Technician(_) if !prng.chance(5) => {
                Some(CONSOLE_VERSIONS[prng.below(CONSOLE_VERSIONS.len())])
            }
            _ => None,
        };
        let enrollment = prng.chance(70).then(|| {
            let method = match prng.below(10) {
                0..=3 => PrimaryMethod::AuthenticatorApp,
                4..=6 => PrimaryMethod::LastpassNotification,
                7 | 8 => PrimaryMethod::Sms,
                _ => PrimaryMethod::Email,
            };
            (method, CREATED_AT + 86_400 + prng.below(180 * 86_400) as i64)
        });
        members.push(PlannedMember {
            name: format!("{first} {last}"),
            email: format!("{}.{}.{n}@globex.example", first.to_lowercase(), last.to_lowercase()),
            kind,
            console_version,
            enrollment,
        });
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_numbers_give_the_same_plan() {
        assert_eq!(plan(50, 500), plan(50, 500));
        assert_ne!(plan(50, 500).members, plan(51, 500).members);
    }

    #[test]
    fn the_tree_has_ten_regions_and_at_most_four_levels() {
        let plan = plan(5_000, 10);
        let groups = &plan.groups;
        assert_eq!(groups.iter().filter(|g| g.parent.is_none()).count(), 10);
        assert_eq!(groups.iter().map(|g| g.depth).max(), Some(MAX_DEPTH));
        for (i, group) in groups.iter().enumerate() {
            if let Some(parent) = group.parent {
                assert!(parent < i);
                assert_eq!(group.depth, groups[parent].depth + 1);
            }
        }
        let mut names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names[10], "Team 0001");
        assert!(names.contains(&"Team 0451"));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 5_000);
        let forced = groups.iter().filter(|g| g.force_two_step).count();
        assert!((400..600).contains(&forced), "{forced}");
    }

    #[test]
    fn few_groups_are_all_at_the_top() {
        let plan = plan(3, 5);
        let names: Vec<&str> = plan.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Region 1", "Region 2", "Region 3"]);
    }

    #[test]
    fn members_are_mostly_technicians_with_unique_emails() {
        let plan = plan(50, 10_000);
        let members = &plan.members;
        assert_eq!(members.len(), 10_000);
        assert_eq!(members[0].email, ADMIN_EMAIL);
        assert_eq!(members[0].kind, Kind::MasterAdministrator);
        let administrators =
            members.iter().filter(|m| matches!(m.kind, Kind::Administrator(_))).count();
        assert!((150..250).contains(&administrators), "{administrators}");
        for member in members {
            if let Kind::Administrator(group) = member.kind {
                assert!(plan.groups[group].depth < MAX_DEPTH);
                assert_eq!(member.console_version, None);
            }
        }
        let enrolled = members.iter().filter(|m| m.enrollment.is_some()).count();
        assert!((6_500..7_500).contains(&enrolled), "{enrolled}");
        let mut emails: Vec<&str> = members.iter().map(|m| m.email.as_str()).collect();
        emails.sort_unstable();
        emails.dedup();
        assert_eq!(emails.len(), 10_000);
    }
}
