#![cfg(not(target_arch = "wasm32"))]
//! The English words of the CSV exports (the contract's `labels`) are the console's English
//! words for the same values, so that an exported file reads like the console.

#![warn(missing_docs)]

use twostep_admin::i18n::EN;
use twostep_contract::{
    AdministratorsPolicy, PrimaryMethod, RequirementReason, Role, TechniciansPolicy, Vocabulary,
    labels,
};

#[test]
fn the_exports_name_every_value_as_the_english_console_does() {
    for &value in AdministratorsPolicy::ALL {
        assert_eq!(labels::administrators(value), EN.administrators_policy(value));
    }
    for &value in TechniciansPolicy::ALL {
        assert_eq!(labels::technicians(value), EN.technicians_policy(value));
    }
    for &method in PrimaryMethod::ALL {
        assert_eq!(labels::method(method), EN.primary_method_name(method));
    }
    for &role in Role::ALL {
        assert_eq!(labels::role(role), EN.role_name(role));
    }
    for &reason in RequirementReason::ALL {
        assert_eq!(labels::reason(reason, Some("EMEA")), EN.reason(reason, "EMEA"));
    }
    assert_eq!(labels::on_off(true), EN.on);
    assert_eq!(labels::on_off(false), EN.off);
}
