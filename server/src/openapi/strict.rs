//! What the generated document cannot say through the annotations, written into it afterwards,
//! so that it describes exactly what the server accepts:
//!
//! - an optional query parameter may be sent empty (`page=`), which counts as absent
//!   (`allowEmptyValue`);
//! - the bodies the server reads field by field refuse unknown fields
//!   (`additionalProperties: false`), and the policy bodies that embed the three settings list
//!   them in one flat object, since a closed object cannot be combined with `allOf`;
//! - the ids of a reset are whole numbers from 1, each named once.

use serde_json::{Map, Value, json};

/// Applies every refinement to `document`.
pub fn apply(document: &mut Value) {
    empty_query_values(document);
    for name in ["Policy", "PolicyUpdate"] {
        flatten(document, name);
    }
    for name in ["PolicySettings", "PolicyUpdate"] {
        if let Some(schema) = schema_mut(document, name) {
            schema["additionalProperties"] = Value::Bool(false);
        }
    }
    if let Some(ids) = schema_mut(document, "MembersResetRequest")
        .and_then(|schema| schema.pointer_mut("/properties/member_ids"))
    {
        ids["uniqueItems"] = Value::Bool(true);
        ids["items"]["minimum"] = json!(1);
    }
}

/// Marks every optional query parameter `allowEmptyValue: true`.
fn empty_query_values(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for operation in
        paths.values_mut().filter_map(Value::as_object_mut).flat_map(|item| item.values_mut())
    {
        let Some(parameters) = operation.get_mut("parameters").and_then(Value::as_array_mut) else {
            continue;
        };
        for parameter in parameters {
            let optional = parameter.get("required") != Some(&Value::Bool(true));
            if parameter.get("in") == Some(&json!("query")) && optional {
                parameter["allowEmptyValue"] = Value::Bool(true);
            }
        }
    }
}

/// Replaces the `allOf` of schema `name` by one object holding the properties and the required
/// names of each part (a part that is a reference is read from the components).
fn flatten(document: &mut Value, name: &str) {
    let Some(parts) = schema_mut(document, name)
        .and_then(|schema| schema.get("allOf"))
        .and_then(Value::as_array)
        .cloned()
    else {
        return;
    };
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for part in parts {
        let part = match part.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let referenced = reference.rsplit('/').next().unwrap_or_default();
                schema_mut(document, referenced).map(|schema| schema.clone()).unwrap_or_default()
            }
            None => part,
        };
        if let Some(more) = part.get("properties").and_then(Value::as_object) {
            properties.extend(more.clone());
        }
        if let Some(more) = part.get("required").and_then(Value::as_array) {
            required.extend(more.iter().cloned());
        }
    }
    if let Some(schema) = schema_mut(document, name).and_then(Value::as_object_mut) {
        schema.remove("allOf");
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        schema.insert("required".into(), Value::Array(required));
    }
}

fn schema_mut<'a>(document: &'a mut Value, name: &str) -> Option<&'a mut Value> {
    document.pointer_mut(&format!("/components/schemas/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_bodies_are_one_closed_object() {
        let generated = <crate::openapi::ApiDoc as utoipa::OpenApi>::openapi();
        let mut document = serde_json::to_value(generated).unwrap();
        assert!(document["components"]["schemas"]["PolicyUpdate"]["allOf"].is_array());
        apply(&mut document);
        let update = &document["components"]["schemas"]["PolicyUpdate"];
        assert_eq!(update["additionalProperties"], false);
        assert!(update.get("allOf").is_none());
        for field in ["administrators", "technicians", "primary_method", "confirm_reset"] {
            assert!(update["properties"][field].is_object(), "{field}");
        }
        assert_eq!(update["required"], json!(["administrators", "technicians", "primary_method"]));
        let policy = &document["components"]["schemas"]["Policy"];
        assert!(policy["properties"]["revision"].is_object());
        assert!(policy.get("additionalProperties").is_none());
    }
}
