//! The filters, order and page of the list tabs (Members, Audit log) as their addresses hold
//! them, and how a person's choices change them.
//!
//! The parameter names and values are the contract's ([`MemberQuery`], [`AuditQuery`]): a
//! choice is written as a parameter and read back through the contract's reader, so the tabs
//! cannot spell a value differently from the API.

use twostep_contract::{AuditQuery, MemberQuery, Paging};

/// A list's query, read from a tab's address and written back to it.
pub trait ListQuery: Clone + PartialEq + Default + Send + Sync + 'static {
    /// Reads decoded query pairs; a wrong value reads as its default, as an address someone
    /// edited by hand should.
    fn read<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self;

    /// The parameters that differ from the defaults, in a stable order.
    fn pairs(&self) -> Vec<(&'static str, String)>;
}

impl ListQuery for MemberQuery {
    fn read<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        MemberQuery::parse(pairs).query
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        self.to_pairs()
    }
}

impl ListQuery for AuditQuery {
    fn read<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        AuditQuery::parse(pairs).query
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        self.to_pairs()
    }
}

/// The value of parameter `name` in `query`; empty when it has its default.
pub fn param<Q: ListQuery>(query: &Q, name: &str) -> String {
    query
        .pairs()
        .into_iter()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .unwrap_or_default()
}

/// `query` with parameter `name` set to `value` (back to its default when `value` is empty),
/// on its first page: a new filter or order starts the list again.
pub fn with_param<Q: ListQuery>(query: &Q, name: &'static str, value: &str) -> Q {
    let mut pairs = query.pairs();
    pairs.retain(|(key, _)| *key != name && *key != "page");
    if !value.is_empty() {
        pairs.push((name, value.to_owned()));
    }
    Q::read(pairs.iter().map(|(key, value)| (*key, value.as_str())))
}

/// `query` on page `page`.
pub fn on_page<Q: ListQuery>(query: &Q, page: u32) -> Q {
    with_param(query, "page", &page.to_string())
}

/// Where a page of a list stands: its number and how many pages `total` items fill.
pub fn page_position(page: u32, per_page: u32, total: u64) -> (u32, u32) {
    (page, Paging { page, per_page }.page_count(total))
}

/// The positions, from 1, of the first and last items of a page of `shown` items, or `None`
/// when the page is empty.
pub fn shown_range(paging: Paging, shown: usize) -> Option<(u64, u64)> {
    let first = paging.offset() + 1;
    (shown > 0).then(|| (first, first + shown as u64 - 1))
}
