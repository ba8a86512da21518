//! Search, sort and order for the Sharing section and the contact's portal list.

use crate::error::{Error, Result};
use crate::pagination::{parse_limit, Page};
pub use crate::records::share::{Shares, SortBy};
use crate::records::ShareRecord;
use crate::store::Query;
use crate::App;
use std::collections::HashMap;

/// A filtered page (search, or the portal's active matters) reads at most this many index
/// pages before answering with what it found and a cursor: bounded calls per request.
pub const MAX_READS_PER_PAGE: usize = 10;

/// A list's `q`: trimmed and lowercased, none when empty, at most 200 characters.
pub fn search_text(raw: Option<&str>) -> Result<Option<String>> {
    let search = raw
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    if search.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(Error::validation("q must be at most 200 characters"));
    }
    Ok(search)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Asc,
    Desc,
}

#[derive(Clone, Debug)]
pub struct ListQuery {
    pub contact_id: Option<String>,
    pub matter_id: Option<String>,
    /// Lower-cased search text matched against file names.
    pub search: Option<String>,
    pub sort: SortBy,
    pub order: Order,
    pub limit: usize,
    pub cursor: Option<String>,
}

impl ListQuery {
    pub fn parse(params: &HashMap<String, String>) -> Result<Self> {
        let sort = match params.get("sort").map(String::as_str) {
            None | Some("activity") => SortBy::Activity,
            Some("name") => SortBy::Name,
            Some("created") => SortBy::Created,
            Some(_) => return Err(Error::validation("sort must be name, activity or created")),
        };
        let order = match params.get("order").map(String::as_str) {
            None => match sort {
                SortBy::Name => Order::Asc,
                _ => Order::Desc,
            },
            Some("asc") => Order::Asc,
            Some("desc") => Order::Desc,
            Some(_) => return Err(Error::validation("order must be asc or desc")),
        };
        let optional_id = |field: &str| -> Result<Option<String>> {
            params
                .get(field)
                .filter(|v| !v.is_empty())
                .map(|v| crate::validate::id(field, v))
                .transpose()
        };
        let search = search_text(params.get("q").map(String::as_str))?;
        Ok(Self {
            contact_id: optional_id("contactId")?,
            matter_id: optional_id("matterId")?,
            search,
            sort,
            order,
            limit: parse_limit(params.get("limit").map(String::as_str))?,
            cursor: params.get("cursor").filter(|c| !c.is_empty()).cloned(),
        })
    }

    pub fn matches(&self, share: &ShareRecord) -> bool {
        self.search
            .as_ref()
            .is_none_or(|q| share.document.file_name.to_lowercase().contains(q))
    }

    /// The shares in the requested order and direction, read natively (see
    /// [`ShareRecord::listed`]).
    pub fn spec(&self, shares: Shares) -> Query<ShareRecord> {
        ShareRecord::listed(shares, self.sort).ordered(self.order == Order::Desc)
    }
}

/// One page of `shares` in the query's order, keeping those `keep` accepts.
pub async fn share_page(
    app: &App,
    query: &ListQuery,
    shares: Shares<'_>,
    keep: impl Fn(&ShareRecord) -> bool,
) -> Result<Page<ShareRecord>> {
    let spec = query.spec(shares);
    app.table
        .query_page_where(
            &spec,
            query.limit,
            query.cursor.as_deref(),
            MAX_READS_PER_PAGE,
            keep,
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let params = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListQuery::parse(&params).expect("query")
    }

    #[test]
    fn defaults_are_newest_activity_first_and_names_a_to_z() {
        let q = query(&[]);
        assert_eq!((q.sort, q.order), (SortBy::Activity, Order::Desc));
        let q = query(&[("sort", "name")]);
        assert_eq!((q.sort, q.order), (SortBy::Name, Order::Asc));
    }

    #[test]
    fn the_order_reads_its_index_in_the_asked_direction() {
        for (order, descending) in [("asc", false), ("desc", true)] {
            let q = query(&[("sort", "created"), ("order", order)]);
            let spec = q.spec(Shares::InMatter("m")).spec().clone();
            assert_eq!(
                (spec.index, spec.descending),
                (Some("matter-created"), descending)
            );
        }
    }

    #[test]
    fn search_is_case_insensitive_on_file_names() {
        use crate::records::fixtures::{document, person};
        let q = query(&[("q", " TAX ")]);
        let named = |name: &str| {
            let mut d = document("d", "m");
            d.file_name = name.into();
            ShareRecord::new(&d, &person("c"), "u", "t", None)
        };
        assert!(q.matches(&named("c Tax.pdf")));
        assert!(!q.matches(&named("will.pdf")));
    }

    #[test]
    fn bad_parameters_are_400() {
        for bad in [
            ("sort", "size"),
            ("order", "up"),
            ("limit", "0"),
            ("contactId", "a#b"),
            ("q", &"x".repeat(201)),
        ] {
            let params = HashMap::from([(bad.0.to_string(), bad.1.to_string())]);
            let err = ListQuery::parse(&params).unwrap_err();
            assert_eq!(err.status(), 400, "{bad:?}");
        }
    }
}
