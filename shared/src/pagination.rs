//! `limit` / `cursor` for every list: `{"items":[...],"nextCursor":...}`.
//!
//! Cursors are opaque; the table adapter makes and checks them (`store::cursor`).

use crate::error::{Error, Result};
use serde::Serialize;

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn empty() -> Self {
        Self {
            items: Vec::new(),
            next_cursor: None,
        }
    }

    /// The same page with every item turned into what the API shows.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

pub fn parse_limit(raw: Option<&str>) -> Result<usize> {
    match raw {
        None => Ok(DEFAULT_LIMIT),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(Error::validation(format!(
                "limit must be a whole number from 1 to {MAX_LIMIT}"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(parse_limit(None).expect("default"), DEFAULT_LIMIT);
        assert_eq!(parse_limit(Some("7")).expect("7"), 7);
        for bad in ["0", "-1", "x", "201"] {
            assert_eq!(parse_limit(Some(bad)).unwrap_err().status(), 400);
        }
    }
}
