//! The bodies of the policy writes (`PUT .../policy` and `POST .../policy/preview`), read field
//! by field so that a 422 lists every missing, wrong or unknown field at once.

use serde_json::{Map, Value};
use twostep_contract::{
    AdministratorsPolicy, FieldError, PolicySettings, PolicyUpdate, PrimaryMethod,
    TechniciansPolicy,
};

use crate::json::{Fields, FromFields};

/// Reads the three settings; `None` when one of them is missing or wrong (recorded in `fields`).
fn settings(fields: &mut Fields<'_>) -> Option<PolicySettings> {
    let administrators = fields.one_of::<AdministratorsPolicy>("administrators");
    let technicians = fields.one_of::<TechniciansPolicy>("technicians");
    let primary_method = fields.one_of::<PrimaryMethod>("primary_method");
    Some(PolicySettings {
        administrators: administrators?,
        technicians: technicians?,
        primary_method: primary_method?,
    })
}

/// A body with exactly the three settings.
impl FromFields for PolicySettings {
    fn from_fields(object: &Map<String, Value>) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(object);
        let settings = settings(&mut fields);
        fields.finish()?;
        settings.ok_or_else(Vec::new)
    }
}

/// A body with the three settings and, optionally, `confirm_reset`.
impl FromFields for PolicyUpdate {
    fn from_fields(object: &Map<String, Value>) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(object);
        let settings = settings(&mut fields);
        let confirm_reset = fields.optional_bool("confirm_reset");
        fields.finish()?;
        Ok(PolicyUpdate { settings: settings.ok_or_else(Vec::new)?, confirm_reset })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read<T: FromFields>(value: Value) -> Result<T, Vec<FieldError>> {
        match value {
            Value::Object(map) => T::from_fields(&map),
            other => panic!("{other}"),
        }
    }

    fn named(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_update_is_read() {
        let update: PolicyUpdate = read(json!({
            "administrators": "none", "technicians": "selected_groups",
            "primary_method": "email", "confirm_reset": true
        }))
        .unwrap();
        assert_eq!(update.settings.technicians, TechniciansPolicy::SelectedGroups);
        assert_eq!(update.confirm_reset, Some(true));
    }

    #[test]
    fn every_wrong_field_is_listed() {
        let errors = read::<PolicyUpdate>(json!({
            "administrators": "some", "technicians": "all", "confirm_reset": "yes", "colour": "red"
        }))
        .unwrap_err();
        assert_eq!(named(errors), ["administrators", "primary_method", "confirm_reset", "colour"]);
    }

    #[test]
    fn a_preview_does_not_take_confirm_reset() {
        let errors = read::<PolicySettings>(json!({
            "administrators": "all", "technicians": "all", "primary_method": "sms",
            "confirm_reset": true
        }))
        .unwrap_err();
        assert_eq!(named(errors), ["confirm_reset"]);
    }
}
