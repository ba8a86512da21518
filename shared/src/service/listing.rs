//! Search, sort and order for the Sharing section and the contact's portal list.

use crate::error::{Error, Result};
use crate::model::ShareRecord;
use crate::pagination::parse_limit;
use std::cmp::Ordering;
use std::collections::HashMap;

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
        let search = params
            .get("q")
            .map(|q| q.trim().to_lowercase())
            .filter(|q| !q.is_empty());
        if search.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(Error::validation("q must be at most 200 characters"));
        }
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

    /// Ties a cursor to the query that made it, so it can't be replayed on another one.
    pub fn signature(&self) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}",
            self.contact_id, self.matter_id, self.search, self.sort, self.order
        )
    }

    pub fn matches(&self, share: &ShareRecord) -> bool {
        self.search
            .as_ref()
            .is_none_or(|q| share.file_name.to_lowercase().contains(q))
    }

    /// Sorts by the chosen key; ties fall back to document and contact ids so that pages
    /// are stable between calls.
    pub fn sort(&self, shares: &mut [ShareRecord]) {
        let key = |a: &ShareRecord, b: &ShareRecord| -> Ordering {
            match self.sort {
                SortBy::Name => a.file_name.to_lowercase().cmp(&b.file_name.to_lowercase()),
                SortBy::Activity => a.activity_at.cmp(&b.activity_at),
                SortBy::Created => a.document_created_at.cmp(&b.document_created_at),
            }
        };
        shares.sort_by(|a, b| {
            let primary = match self.order {
                Order::Asc => key(a, b),
                Order::Desc => key(b, a),
            };
            primary
                .then_with(|| a.document_id.cmp(&b.document_id))
                .then_with(|| a.contact_id.cmp(&b.contact_id))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn share(name: &str, created: &str, activity: &str, doc: &str) -> ShareRecord {
        ShareRecord {
            pk: String::new(),
            sk: String::new(),
            gsi1pk: String::new(),
            gsi1sk: String::new(),
            gsi2pk: String::new(),
            gsi2sk: String::new(),
            document_id: doc.into(),
            matter_id: "m".into(),
            contact_id: "c".into(),
            contact_name: "C".into(),
            file_name: name.into(),
            content_type: "application/pdf".into(),
            size: 1,
            origin: Origin::Firm,
            uploaded_by: None,
            document_created_at: created.into(),
            shared_at: activity.into(),
            shared_by: "u".into(),
            activity_at: activity.into(),
        }
    }

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn names(q: &ListQuery, mut shares: Vec<ShareRecord>) -> Vec<String> {
        q.sort(&mut shares);
        shares
            .into_iter()
            .filter(|s| q.matches(s))
            .map(|s| s.file_name)
            .collect()
    }

    fn sample() -> Vec<ShareRecord> {
        vec![
            share("b.pdf", "2", "3", "d1"),
            share("A.pdf", "3", "1", "d2"),
            share("c tax.pdf", "1", "2", "d3"),
        ]
    }

    #[test]
    fn defaults_are_newest_activity_first() {
        let q = ListQuery::parse(&params(&[])).expect("q");
        assert_eq!(names(&q, sample()), ["b.pdf", "c tax.pdf", "A.pdf"]);
    }

    #[test]
    fn every_sort_in_both_orders() {
        let cases = [
            ("name", "asc", ["A.pdf", "b.pdf", "c tax.pdf"]),
            ("name", "desc", ["c tax.pdf", "b.pdf", "A.pdf"]),
            ("created", "asc", ["c tax.pdf", "b.pdf", "A.pdf"]),
            ("created", "desc", ["A.pdf", "b.pdf", "c tax.pdf"]),
            ("activity", "asc", ["A.pdf", "c tax.pdf", "b.pdf"]),
        ];
        for (sort, order, want) in cases {
            let q = ListQuery::parse(&params(&[("sort", sort), ("order", order)])).expect("q");
            assert_eq!(names(&q, sample()), want, "{sort} {order}");
        }
    }

    #[test]
    fn search_is_case_insensitive_on_file_names() {
        let q = ListQuery::parse(&params(&[("q", " TAX ")])).expect("q");
        assert_eq!(names(&q, sample()), ["c tax.pdf"]);
    }

    #[test]
    fn bad_parameters_are_400() {
        for bad in [
            ("sort", "size"),
            ("order", "up"),
            ("limit", "0"),
            ("contactId", "a#b"),
        ] {
            let err = ListQuery::parse(&params(&[bad])).unwrap_err();
            assert_eq!(err.status(), 400, "{bad:?}");
        }
    }
}
