//! Query strings of the list endpoints: reading them (the server, and the console's own
//! addresses) and writing them (the console), with one set of names and limits.

use crate::{FieldError, Vocabulary};

/// The page size when a query names none.
pub const DEFAULT_PER_PAGE: u32 = 50;
/// The largest page a client may ask for.
pub const MAX_PER_PAGE: u32 = 200;
/// The longest search text accepted, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// Which page of a list, counted from 1, and how many items a page holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Paging {
    /// The page, from 1.
    pub page: u32,
    /// Items per page, 1 to [`MAX_PER_PAGE`].
    pub per_page: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Paging { page: 1, per_page: DEFAULT_PER_PAGE }
    }
}

impl Paging {
    /// How many items come before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.per_page)
    }

    /// How many pages `total` items fill (at least 1, so that an empty list has a page 1).
    pub fn page_count(&self, total: u64) -> u32 {
        let pages = total.div_ceil(u64::from(self.per_page.max(1))).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }

    /// Reads `page` or `per_page`; `false` when `name` is neither.
    pub(crate) fn read(&mut self, name: &str, value: &str, errors: &mut Errors) -> bool {
        match name {
            "page" => {
                if let Some(page) = errors.number(name, value, 1, 1_000_000) {
                    self.page = page;
                }
            }
            "per_page" => {
                if let Some(per_page) = errors.number(name, value, 1, MAX_PER_PAGE) {
                    self.per_page = per_page;
                }
            }
            _ => return false,
        }
        true
    }

    /// Writes the values that differ from the defaults.
    pub(crate) fn write(&self, pairs: &mut Vec<(&'static str, String)>) {
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
    }
}

/// A query as read: the values that were right, and what was wrong with the others (whose
/// defaults were kept). The server refuses a query with errors; the console ignores a wrong
/// value in its own address and shows the default instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed<T> {
    /// The query, with defaults in place of wrong values.
    pub query: T,
    /// One entry per wrong or repeated parameter.
    pub errors: Vec<FieldError>,
}

/// Collects what is wrong with the parameters of a query.
#[derive(Debug, Default)]
pub(crate) struct Errors(pub(crate) Vec<FieldError>);

impl Errors {
    pub(crate) fn push(&mut self, field: &str, message: String) {
        self.0.push(FieldError { field: field.to_owned(), message });
    }

    /// A whole number from `min` to `max`.
    pub(crate) fn number<N>(&mut self, name: &str, value: &str, min: N, max: N) -> Option<N>
    where
        N: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        match value.parse::<N>() {
            Ok(n) if n >= min && n <= max => Some(n),
            _ => {
                self.push(
                    name,
                    format!("Must be a whole number from {min} to {max}; got \"{value}\"."),
                );
                None
            }
        }
    }

    /// A value of the enumeration `T`, by its wire name.
    pub(crate) fn one_of<T: Vocabulary>(&mut self, name: &str, value: &str) -> Option<T> {
        let found = T::from_wire_name(value);
        if found.is_none() {
            self.not_one_of(name, value, &T::wire_names().collect::<Vec<_>>());
        }
        found
    }

    /// `true` or `false`.
    pub(crate) fn boolean(&mut self, name: &str, value: &str) -> Option<bool> {
        let found = value.parse().ok();
        if found.is_none() {
            self.not_one_of(name, value, &["true", "false"]);
        }
        found
    }

    fn not_one_of(&mut self, name: &str, value: &str, accepted: &[&str]) {
        self.push(name, format!("Must be one of {}; got \"{value}\".", accepted.join(", ")));
    }

    /// A search text: at most [`MAX_SEARCH_CHARS`] as sent, then trimmed, empty (or only white
    /// space) meaning none.
    pub(crate) fn search(&mut self, name: &str, value: &str) -> Option<String> {
        if value.chars().count() > MAX_SEARCH_CHARS {
            self.push(name, format!("Must be at most {MAX_SEARCH_CHARS} characters long."));
            return None;
        }
        let trimmed = value.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }
}

/// Reads decoded query `pairs` into a `T` that starts as its default and has a [`Paging`]
/// (reached through `paging`): a repeated `known` name is an error, an empty value of a `known`
/// name leaves it unset, `page` and `per_page` go to the paging, and `read` takes every other
/// known pair. A name that is not `known` is ignored, so that a client may add parameters a
/// backend does not know yet.
pub(crate) fn parse_pairs<'a, T: Default>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    known: &[&str],
    paging: fn(&mut T) -> &mut Paging,
    read: impl Fn(&mut T, &str, &str, &mut Errors) -> bool,
) -> Parsed<T> {
    let mut query = T::default();
    let mut errors = Errors::default();
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in pairs {
        if !known.contains(&name) {
            continue;
        }
        if seen.contains(&name) {
            errors.push(name, "Give this parameter once.".into());
            continue;
        }
        seen.push(name);
        if value.is_empty() {
            continue;
        }
        if !paging(&mut query).read(name, value, &mut errors) {
            read(&mut query, name, value, &mut errors);
        }
    }
    Parsed { query, errors: errors.0 }
}

/// Percent-encodes a query value: everything but the unreserved characters and `/`.
pub fn encode_component(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(char::from(byte))
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                encoded.push('%');
                encoded.push(char::from(HEX[usize::from(byte >> 4)]));
                encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
            }
        }
    }
    encoded
}

/// `name=value&…` from `pairs`, values percent-encoded; empty when there are none. A pair with
/// an empty value means the same as no pair and is left out, so that the string never holds an
/// empty pair nor a leading or trailing `&`.
pub fn query_string(pairs: &[(&'static str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_string_has_no_empty_pair_and_no_stray_ampersand() {
        let pairs = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
            pairs.iter().map(|(name, value)| (*name, (*value).to_owned())).collect()
        };
        assert_eq!(query_string(&[]), "");
        assert_eq!(query_string(&pairs(&[("page", "2")])), "page=2");
        assert_eq!(query_string(&pairs(&[("q", "costa")])), "q=costa");
        assert_eq!(query_string(&pairs(&[("q", "costa"), ("page", "2")])), "q=costa&page=2");
        assert_eq!(query_string(&pairs(&[("q", ""), ("page", "2"), ("role", "")])), "page=2");
        assert_eq!(query_string(&pairs(&[("q", "")])), "");
    }

    #[test]
    fn values_are_percent_encoded_with_spaces_as_percent_20() {
        let pairs = [("q", "ana maría & co/x+y".to_owned())];
        assert_eq!(query_string(&pairs), "q=ana%20mar%C3%ADa%20%26%20co/x%2By");
    }
}
