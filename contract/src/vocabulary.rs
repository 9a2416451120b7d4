//! The names of the contract's enumerations on the wire, written once per value.
//!
//! Every enumeration is declared with `vocabulary!`, which writes each
//! value's name in one place and derives from it the JSON form (serde), the OpenAPI schema and
//! [`Vocabulary`]: the list of values and their names for query strings, radio inputs, field
//! checks and the database.

/// An enumeration of the contract: a fixed list of values, each with one name on the wire.
pub trait Vocabulary: Copy + Eq + 'static {
    /// Every value, in the order the console lists them.
    const ALL: &'static [Self];

    /// The value's name on the wire (JSON, query strings, the database, radio input values).
    fn wire_name(self) -> &'static str;

    /// The value named `name`; `None` when no value has that name.
    fn from_wire_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.wire_name() == name)
    }

    /// Every value's name, in the order of [`Vocabulary::ALL`].
    fn wire_names() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|value| value.wire_name())
    }
}

/// Declares an enumeration of the contract with the wire name of each value
/// (`Variant = "name"`), deriving `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq`, `Hash`, serde
/// and (with the `openapi` feature) the OpenAPI schema, and implementing [`Vocabulary`].
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:tt,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $wire)]
                $variant,
            )+
        }

        impl $crate::Vocabulary for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn wire_name(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Vocabulary;
    use crate::{
        AdministratorsPolicy, AuditKind, EnrollmentStatus, MemberSortKey, PrimaryMethod,
        RequirementReason, Role, SecondStepKind, SecondStepPurpose, TechniciansPolicy,
    };

    /// Each value's JSON form is its wire name, and the name reads back as the value.
    fn round_trips<T>(expected: &[&str])
    where
        T: Vocabulary + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
    {
        assert_eq!(T::wire_names().collect::<Vec<_>>(), expected);
        for value in T::ALL {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, serde_json::Value::from(value.wire_name()), "{value:?}");
            assert_eq!(serde_json::from_value::<T>(json).unwrap(), *value);
            assert_eq!(T::from_wire_name(value.wire_name()), Some(*value));
        }
        assert_eq!(T::from_wire_name(""), None);
        assert_eq!(T::from_wire_name("carrier_pigeon"), None);
    }

    #[test]
    fn every_enumeration_has_one_name_per_value_in_json_and_everywhere_else() {
        round_trips::<AdministratorsPolicy>(&["none", "all"]);
        round_trips::<TechniciansPolicy>(&["none", "all", "selected_groups"]);
        round_trips::<PrimaryMethod>(&[
            "lastpass_notification",
            "authenticator_app",
            "sms",
            "email",
        ]);
        round_trips::<Role>(&["master_administrator", "administrator", "technician"]);
        round_trips::<RequirementReason>(&["administrator_policy", "all_technicians", "group"]);
        round_trips::<EnrollmentStatus>(&["enrolled", "not_enrolled"]);
        round_trips::<MemberSortKey>(&["name", "email", "group", "status", "enrolled_at"]);
        round_trips::<AuditKind>(&[
            "policy_updated",
            "group_force_two_step_changed",
            "two_step_reset",
            "two_step_set_up",
            "recovery_codes_regenerated",
            "password_changed",
        ]);
        round_trips::<SecondStepKind>(&["set_up", "verify"]);
        round_trips::<SecondStepPurpose>(&["sign_in", "password_change"]);
    }
}
