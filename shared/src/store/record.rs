//! What the table adapter asks of every stored record: its key and the index attributes it
//! is listed under. Services build records through their constructors and never name a key
//! or index attribute; the adapter writes those beside the record's own fields.

use super::layout::{self, Index};
use serde::{de::DeserializeOwned, Serialize};
use std::marker::PhantomData;

/// The key of one stored record of type `T`: reading it gives back a `T`.
pub struct Key<T> {
    pub pk: String,
    pub sk: String,
    record: PhantomData<fn() -> T>,
}

impl<T> Key<T> {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self {
            pk: pk.into(),
            sk: sk.into(),
            record: PhantomData,
        }
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        Self::new(self.pk.clone(), self.sk.clone())
    }
}

impl<T> PartialEq for Key<T> {
    fn eq(&self, other: &Self) -> bool {
        (&self.pk, &self.sk) == (&other.pk, &other.sk)
    }
}

impl<T> std::fmt::Debug for Key<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.pk, self.sk)
    }
}

/// An index attribute a record is written with: its name and value.
pub type IndexKey = (&'static str, String);

/// A record of the single table.
pub trait Stored: Serialize + DeserializeOwned {
    fn key(&self) -> Key<Self>;

    /// The index attributes this record is listed under (none: it is in no index).
    fn index_keys(&self) -> Vec<IndexKey> {
        Vec::new()
    }
}

/// Both key attributes of `index` for one record: its partition and its sort value.
pub fn indexed_as(index: &Index, partition: String, sort: String) -> [IndexKey; 2] {
    [(index.partition, partition), (index.sort, sort)]
}

/// Which index and partition a query reads, and how.
#[derive(Clone, Debug)]
pub struct QuerySpec {
    pub index: Option<&'static str>,
    pub partition: String,
    pub sort_prefix: Option<String>,
    /// Instead of a prefix: items whose sort key is at most this (a sparse index ordered by
    /// time, read up to a moment).
    pub sort_at_most: Option<String>,
    pub descending: bool,
}

impl QuerySpec {
    pub(super) fn key_names(&self) -> (&'static str, &'static str) {
        match self.index.and_then(layout::index) {
            None => (layout::PK, layout::SK),
            Some(index) => (index.partition, index.sort),
        }
    }

    /// The attribute that must hold `partition` in any cursor for this query.
    pub(super) fn partition_attribute(&self) -> &'static str {
        self.key_names().0
    }

    /// The attribute the query's sort prefix applies to.
    pub(super) fn sort_attribute(&self) -> &'static str {
        self.key_names().1
    }

    /// The attributes DynamoDB puts in this query's `LastEvaluatedKey`.
    pub(super) fn cursor_attributes(&self) -> Vec<&'static str> {
        let (partition, sort) = self.key_names();
        let mut names = vec![layout::PK, layout::SK];
        for name in [partition, sort] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

/// A query whose items are records of type `T`, built by the record's own module.
pub struct Query<T> {
    pub(crate) spec: QuerySpec,
    record: PhantomData<fn() -> T>,
}

impl<T> Clone for Query<T> {
    fn clone(&self) -> Self {
        Self::of(self.spec.clone())
    }
}

impl<T> std::fmt::Debug for Query<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.spec.fmt(f)
    }
}

impl<T> Query<T> {
    fn of(spec: QuerySpec) -> Self {
        Self {
            spec,
            record: PhantomData,
        }
    }

    /// Items of one table partition whose sort key starts with `sort_prefix`.
    pub fn table(partition: String, sort_prefix: impl Into<String>) -> Self {
        Self::of(QuerySpec {
            index: None,
            partition,
            sort_prefix: Some(sort_prefix.into()),
            sort_at_most: None,
            descending: false,
        })
    }

    /// Items of one index partition whose index sort key starts with `sort_prefix`.
    pub fn index(index: &'static Index, partition: String, sort_prefix: impl Into<String>) -> Self {
        Self::of(QuerySpec {
            sort_prefix: Some(sort_prefix.into()),
            ..Self::sparse_index(index, partition).spec
        })
    }

    /// An index that holds one kind of item only, so the whole partition is wanted.
    pub fn sparse_index(index: &'static Index, partition: String) -> Self {
        Self::of(QuerySpec {
            index: Some(index.name),
            partition,
            sort_prefix: None,
            sort_at_most: None,
            descending: false,
        })
    }

    /// Items of one index partition whose index sort key is at most `until`.
    pub fn index_until(index: &'static Index, partition: String, until: String) -> Self {
        Self::of(QuerySpec {
            sort_at_most: Some(until),
            ..Self::sparse_index(index, partition).spec
        })
    }

    pub fn descending(mut self) -> Self {
        self.spec.descending = true;
        self
    }

    /// Read in the given direction: newest (or last) first when `descending`.
    pub fn ordered(self, descending: bool) -> Self {
        if descending {
            self.descending()
        } else {
            self
        }
    }

    /// How the query reads, for tests that check which index a list uses.
    pub fn spec(&self) -> &QuerySpec {
        &self.spec
    }
}
