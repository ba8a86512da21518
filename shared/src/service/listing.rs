//! Search, sort and order for the Sharing section and the contact's portal list.

use crate::error::{Error, Result};
use crate::keys;
use crate::model::ShareRecord;
use crate::pagination::{parse_limit, Page};
use crate::store::QuerySpec;
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
pub enum SortBy {
    /// File name, case-insensitive.
    Name,
    /// When it was shared with the contact (the portal's "newest first").
    Activity,
    /// When the document was created in the matter.
    Created,
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
            .is_none_or(|q| share.file_name.to_lowercase().contains(q))
    }

    /// The index and partition holding these shares already in the requested order, so
    /// that every page is read natively, whatever the matter holds.
    pub fn spec(&self, shares: Shares) -> QuerySpec {
        use keys::*;
        let spec = match (shares, self.sort) {
            (Shares::OfContact(c), SortBy::Activity) => {
                QuerySpec::index(GSI1, contact(c), SHARE_PREFIX)
            }
            (Shares::OfContact(c), SortBy::Name) => {
                QuerySpec::sparse_index(CONTACT_BY_NAME, contact(c))
            }
            (Shares::OfContact(c), SortBy::Created) => {
                QuerySpec::sparse_index(CONTACT_BY_CREATED, contact(c))
            }
            (Shares::InMatter(m), SortBy::Activity) => {
                QuerySpec::index(GSI2, matter(m), SHARE_PREFIX)
            }
            (Shares::InMatter(m), SortBy::Name) => {
                QuerySpec::sparse_index(MATTER_BY_NAME, matter(m))
            }
            (Shares::InMatter(m), SortBy::Created) => {
                QuerySpec::sparse_index(MATTER_BY_CREATED, matter(m))
            }
            (Shares::OfContactInMatter(c, m), sort) => {
                let index = match sort {
                    SortBy::Activity => PAIR_BY_ACTIVITY,
                    SortBy::Name => PAIR_BY_NAME,
                    SortBy::Created => PAIR_BY_CREATED,
                };
                QuerySpec::sparse_index(index, pair(m, c))
            }
        };
        match self.order {
            Order::Asc => spec,
            Order::Desc => spec.descending(),
        }
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

/// Whose shares a list shows.
#[derive(Clone, Copy, Debug)]
pub enum Shares<'a> {
    /// A contact's, across every matter (the portal).
    OfContact(&'a str),
    /// Everyone's in one matter (the Sharing section).
    InMatter(&'a str),
    /// One contact's in one matter (either list, filtered).
    OfContactInMatter(&'a str, &'a str),
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

    fn read(spec: &QuerySpec) -> (&str, &str, Option<&str>, bool) {
        (
            spec.index.unwrap_or("table"),
            spec.partition.as_str(),
            spec.sort_prefix.as_deref(),
            spec.descending,
        )
    }

    #[test]
    fn defaults_are_newest_activity_first_and_names_a_to_z() {
        let q = query(&[]);
        assert_eq!((q.sort, q.order), (SortBy::Activity, Order::Desc));
        let q = query(&[("sort", "name")]);
        assert_eq!((q.sort, q.order), (SortBy::Name, Order::Asc));
    }

    #[test]
    fn every_list_and_order_reads_an_index_already_in_that_order() {
        let cases = [
            (
                "activity",
                Shares::OfContact("c"),
                (keys::GSI1, "CONTACT#c", Some("SHARE#")),
            ),
            (
                "name",
                Shares::OfContact("c"),
                (keys::CONTACT_BY_NAME, "CONTACT#c", None),
            ),
            (
                "created",
                Shares::OfContact("c"),
                (keys::CONTACT_BY_CREATED, "CONTACT#c", None),
            ),
            (
                "activity",
                Shares::InMatter("m"),
                (keys::GSI2, "MATTER#m", Some("SHARE#")),
            ),
            (
                "name",
                Shares::InMatter("m"),
                (keys::MATTER_BY_NAME, "MATTER#m", None),
            ),
            (
                "created",
                Shares::InMatter("m"),
                (keys::MATTER_BY_CREATED, "MATTER#m", None),
            ),
            (
                "activity",
                Shares::OfContactInMatter("c", "m"),
                (keys::PAIR_BY_ACTIVITY, "MATTER#m#CONTACT#c", None),
            ),
            (
                "name",
                Shares::OfContactInMatter("c", "m"),
                (keys::PAIR_BY_NAME, "MATTER#m#CONTACT#c", None),
            ),
            (
                "created",
                Shares::OfContactInMatter("c", "m"),
                (keys::PAIR_BY_CREATED, "MATTER#m#CONTACT#c", None),
            ),
        ];
        for (sort, shares, (index, partition, prefix)) in cases {
            for (order, descending) in [("asc", false), ("desc", true)] {
                let q = query(&[("sort", sort), ("order", order)]);
                assert_eq!(
                    read(&q.spec(shares)),
                    (index, partition, prefix, descending),
                    "{sort} {order} {shares:?}"
                );
            }
        }
    }

    #[test]
    fn search_is_case_insensitive_on_file_names() {
        let q = query(&[("q", " TAX ")]);
        let document = crate::model::DocumentRecord {
            file_name: "c Tax.pdf".into(),
            ..test_document()
        };
        let share = crate::service::sharing::share_record(&document, "c", "C", "u", "t", None);
        assert!(q.matches(&share));
        let other = crate::model::DocumentRecord {
            file_name: "will.pdf".into(),
            ..test_document()
        };
        let share = crate::service::sharing::share_record(&other, "c", "C", "u", "t", None);
        assert!(!q.matches(&share));
    }

    fn test_document() -> crate::model::DocumentRecord {
        use crate::model::{DocumentRecord, DocumentStatus, Origin, Person};
        DocumentRecord {
            pk: String::new(),
            sk: String::new(),
            gsi2pk: String::new(),
            gsi2sk: String::new(),
            document_id: "d".into(),
            matter_id: "m".into(),
            file_name: String::new(),
            content_type: "application/pdf".into(),
            size: 1,
            status: DocumentStatus::Available,
            origin: Origin::Firm,
            author: Person {
                id: "u".into(),
                email: "u@firm.example".into(),
                name: "U".into(),
            },
            uploaded_by: None,
            object_key: String::new(),
            created_at: "t".into(),
            activity_at: "t".into(),
            rejection_reason: None,
        }
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
