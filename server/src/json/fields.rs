//! Reading a JSON object field by field, collecting every problem instead of stopping at the
//! first one.

use std::collections::HashMap;

use serde_json::{Map, Value};
use twostep_contract::{FieldError, Vocabulary};

/// A type read from a JSON object with [`Fields`], so that a 422 names every wrong field.
pub trait FromFields: Sized {
    /// Reads `object`, or returns one entry per missing, wrong or unknown field.
    fn from_fields(object: &Map<String, Value>) -> Result<Self, Vec<FieldError>>;
}

/// A reader over one JSON object that remembers which fields it was asked for and what was
/// wrong with them.
#[derive(Debug)]
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    known: Vec<&'static str>,
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    /// Starts reading `object`.
    pub fn new(object: &'a Map<String, Value>) -> Self {
        Fields { object, known: Vec::new(), errors: Vec::new() }
    }

    /// A required string field holding a value of the contract enumeration `T`, by its wire
    /// name.
    pub fn one_of<T: Vocabulary>(&mut self, name: &'static str) -> Option<T> {
        self.known.push(name);
        let choices = T::wire_names().map(|v| format!("`{v}`")).collect::<Vec<_>>();
        let choices = choices.join(", ");
        let message = match self.object.get(name) {
            None | Some(Value::Null) => format!("Missing; choose one of {choices}."),
            Some(Value::String(text)) => match T::from_wire_name(text) {
                Some(value) => return Some(value),
                None => format!("`{text}` is not accepted; choose one of {choices}."),
            },
            Some(other) => format!("Must be a string, not `{other}`; choose one of {choices}."),
        };
        self.fail(name, message);
        None
    }

    /// A required boolean field.
    pub fn required_bool(&mut self, name: &'static str) -> Option<bool> {
        self.known.push(name);
        let message = match self.object.get(name) {
            Some(Value::Bool(value)) => return Some(*value),
            None | Some(Value::Null) => "Missing; send true or false.".to_string(),
            Some(other) => format!("Must be true or false, not `{other}`."),
        };
        self.fail(name, message);
        None
    }

    /// An optional boolean field; `null` counts as absent.
    pub fn optional_bool(&mut self, name: &'static str) -> Option<bool> {
        self.known.push(name);
        match self.object.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(value)) => Some(*value),
            Some(other) => {
                self.fail(name, format!("Must be true or false, not `{other}`."));
                None
            }
        }
    }

    /// A required array of 1 to `max` distinct ids (positive whole numbers). A wrong element
    /// is named by its position, such as `member_ids[3]`; so is a repeated one.
    pub fn distinct_ids(&mut self, name: &'static str, max: usize) -> Option<Vec<i64>> {
        self.known.push(name);
        let expected = format!("send an array of 1 to {max} distinct ids (positive whole numbers)");
        let items = match self.object.get(name) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) => {
                self.fail(name, format!("Missing; {expected}."));
                return None;
            }
            Some(other) => {
                self.fail(name, format!("Must be an array, not `{other}`; {expected}."));
                return None;
            }
        };
        if items.is_empty() || items.len() > max {
            let count = items.len();
            self.fail(name, format!("Names {count} ids; {expected}."));
            return None;
        }
        let mut ids = Vec::with_capacity(items.len());
        let mut first_at: HashMap<i64, usize> = HashMap::with_capacity(items.len());
        let errors_before = self.errors.len();
        for (i, item) in items.iter().enumerate() {
            let field = format!("{name}[{i}]");
            match item.as_i64().filter(|id| *id > 0) {
                None => self
                    .fail(field, format!("Must be an id (a positive whole number), not `{item}`.")),
                Some(id) => match first_at.get(&id) {
                    Some(first) => self.fail(
                        field,
                        format!("{id} is already named at {name}[{first}]; name each id once."),
                    ),
                    None => {
                        first_at.insert(id, i);
                        ids.push(id);
                    }
                },
            }
        }
        (self.errors.len() == errors_before).then_some(ids)
    }

    /// Ends the reading: every field not asked for is reported as unknown. Returns the errors,
    /// if any.
    pub fn finish(mut self) -> Result<(), Vec<FieldError>> {
        let accepted = self.known.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>();
        let accepted = accepted.join(", ");
        let unknown: Vec<String> =
            self.object.keys().filter(|key| !self.known.contains(&key.as_str())).cloned().collect();
        for key in unknown {
            self.fail(key, format!("Unknown field; the accepted fields are {accepted}."));
        }
        if self.errors.is_empty() { Ok(()) } else { Err(self.errors) }
    }

    fn fail(&mut self, field: impl Into<String>, message: String) {
        self.errors.push(FieldError { field: field.into(), message });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_contract::PrimaryMethod;

    fn object(json: Value) -> Map<String, Value> {
        match json {
            Value::Object(map) => map,
            other => panic!("{other}"),
        }
    }

    #[test]
    fn every_problem_is_collected() {
        let map = object(serde_json::json!({"method": "fax", "confirm": "yes", "extra": 1}));
        let mut fields = Fields::new(&map);
        assert_eq!(fields.one_of::<PrimaryMethod>("method"), None);
        assert_eq!(fields.one_of::<PrimaryMethod>("other"), None);
        assert_eq!(fields.optional_bool("confirm"), None);
        let errors = fields.finish().unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["method", "other", "confirm", "extra"]);
        assert_eq!(
            errors[0].message,
            "`fax` is not accepted; choose one of `lastpass_notification`, `authenticator_app`, `sms`, `email`."
        );
        assert!(errors[1].message.starts_with("Missing; choose one of"));
        assert!(
            errors[3].message.contains("`method`, `other`, `confirm`"),
            "{}",
            errors[3].message
        );
    }

    #[test]
    fn good_values_are_read() {
        let map = object(serde_json::json!({"method": "sms", "confirm": null}));
        let mut fields = Fields::new(&map);
        assert_eq!(fields.one_of::<PrimaryMethod>("method"), Some(PrimaryMethod::Sms));
        assert_eq!(fields.optional_bool("confirm"), None);
        assert!(fields.finish().is_ok());
    }

    #[test]
    fn ids_are_distinct_positive_whole_numbers_and_each_wrong_one_is_named() {
        let map = object(serde_json::json!({"ids": [3, 1, 3, 0, -2, 1.5, "4", null, 9]}));
        let mut fields = Fields::new(&map);
        assert_eq!(fields.distinct_ids("ids", 10), None);
        let errors = fields.finish().unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["ids[2]", "ids[3]", "ids[4]", "ids[5]", "ids[6]", "ids[7]"]);
        assert_eq!(errors[0].message, "3 is already named at ids[0]; name each id once.");

        let map =
            object(serde_json::json!({"ids": [3, 1], "empty": [], "many": [1, 2, 3], "text": "1"}));
        let mut fields = Fields::new(&map);
        assert_eq!(fields.distinct_ids("ids", 2), Some(vec![3, 1]));
        assert_eq!(fields.distinct_ids("empty", 2), None);
        assert_eq!(fields.distinct_ids("many", 2), None);
        assert_eq!(fields.distinct_ids("text", 2), None);
        assert_eq!(fields.distinct_ids("absent", 2), None);
        let errors = fields.finish().unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["empty", "many", "text", "absent"]);
        assert!(errors[1].message.starts_with("Names 3 ids;"), "{}", errors[1].message);
    }

    #[test]
    fn a_required_boolean_must_be_there_and_be_a_boolean() {
        let map = object(serde_json::json!({"yes": true, "text": "true", "nothing": null}));
        let mut fields = Fields::new(&map);
        assert_eq!(fields.required_bool("yes"), Some(true));
        assert_eq!(fields.required_bool("text"), None);
        assert_eq!(fields.required_bool("nothing"), None);
        assert_eq!(fields.required_bool("absent"), None);
        let errors = fields.finish().unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["text", "nothing", "absent"]);
        assert_eq!(errors[0].message, "Must be true or false, not `\"true\"`.");
        assert_eq!(errors[2].message, "Missing; send true or false.");
    }
}
