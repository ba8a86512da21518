//! Conditions and partial updates as typed values; the placeholders DynamoDB wants are
//! made here, so no caller writes an expression string.

use super::layout::PK;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;

/// A value a condition compares with or an update writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Value(pub(super) AttributeValue);

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Self(AttributeValue::S(v.to_string()))
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Self(AttributeValue::S(v))
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Self(AttributeValue::S(v.clone()))
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Self(AttributeValue::Bool(v))
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Self(AttributeValue::N(v.to_string()))
    }
}

#[derive(Clone, Debug)]
enum Clause {
    ItemExists,
    ItemAbsent,
    AttributeAbsent(&'static str),
    Equals(&'static str, Value),
    NotEquals(&'static str, Value),
    Above(&'static str, Value),
    Below(&'static str, Value),
    BelowAttribute(&'static str, &'static str),
    Either(Condition, Condition),
}

/// Clauses that must all hold for a write to happen.
#[derive(Clone, Debug, Default)]
pub struct Condition(Vec<Clause>);

impl Condition {
    /// The item is there.
    pub fn exists() -> Self {
        Self(vec![Clause::ItemExists])
    }

    /// No item has this key yet.
    pub fn absent() -> Self {
        Self(vec![Clause::ItemAbsent])
    }

    pub fn equals(attribute: &'static str, value: impl Into<Value>) -> Self {
        Self(vec![Clause::Equals(attribute, value.into())])
    }

    /// Holds also when the item is absent: add [`Condition::exists`] where that matters.
    pub fn not_equals(attribute: &'static str, value: impl Into<Value>) -> Self {
        Self(vec![Clause::NotEquals(attribute, value.into())])
    }

    pub fn missing(attribute: &'static str) -> Self {
        Self(vec![Clause::AttributeAbsent(attribute)])
    }

    /// The attribute is greater than `value` (strings compare as stamps do: by time).
    pub fn above(attribute: &'static str, value: impl Into<Value>) -> Self {
        Self(vec![Clause::Above(attribute, value.into())])
    }

    /// The attribute is less than `value`.
    pub fn below(attribute: &'static str, value: impl Into<Value>) -> Self {
        Self(vec![Clause::Below(attribute, value.into())])
    }

    /// One number attribute is below another of the same item (a count under its limit).
    pub fn below_attribute(attribute: &'static str, limit: &'static str) -> Self {
        Self(vec![Clause::BelowAttribute(attribute, limit)])
    }

    /// At least one of the two holds.
    pub fn either(first: Condition, second: Condition) -> Self {
        Self(vec![Clause::Either(first, second)])
    }

    pub fn and(mut self, other: Condition) -> Self {
        self.0.extend(other.0);
        self
    }

    fn render(&self, out: &mut Placeholders) -> String {
        let clauses: Vec<String> = self
            .0
            .iter()
            .map(|clause| match clause {
                Clause::ItemExists => format!("attribute_exists({})", out.name(PK)),
                Clause::ItemAbsent => format!("attribute_not_exists({})", out.name(PK)),
                Clause::AttributeAbsent(a) => format!("attribute_not_exists({})", out.name(a)),
                Clause::Equals(a, v) => format!("{} = {}", out.name(a), out.value(v)),
                Clause::NotEquals(a, v) => format!("{} <> {}", out.name(a), out.value(v)),
                Clause::Above(a, v) => format!("{} > {}", out.name(a), out.value(v)),
                Clause::Below(a, v) => format!("{} < {}", out.name(a), out.value(v)),
                Clause::BelowAttribute(a, b) => format!("{} < {}", out.name(a), out.name(b)),
                Clause::Either(first, second) => {
                    format!("(({}) OR ({}))", first.render(out), second.render(out))
                }
            })
            .collect();
        clauses.join(" AND ")
    }
}

/// A partial update of one item: attributes set, removed or added to, under a condition.
#[derive(Clone, Debug, Default)]
pub struct Change {
    set: Vec<(&'static str, Value)>,
    remove: Vec<&'static str>,
    add: Vec<(&'static str, Value)>,
    condition: Option<Condition>,
}

impl Change {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(mut self, attribute: &'static str, value: impl Into<Value>) -> Self {
        self.set.push((attribute, value.into()));
        self
    }

    pub fn remove(mut self, attribute: &'static str) -> Self {
        self.remove.push(attribute);
        self
    }

    /// Adds `delta` to a number (a missing one counts as zero).
    pub fn add(mut self, attribute: &'static str, delta: i64) -> Self {
        self.add.push((attribute, delta.into()));
        self
    }

    pub fn when(mut self, condition: Condition) -> Self {
        self.condition = Some(match self.condition.take() {
            Some(current) => current.and(condition),
            None => condition,
        });
        self
    }
}

/// What a rendered expression needs beside its text.
#[derive(Debug, Default)]
pub(super) struct Placeholders {
    pub names: HashMap<String, String>,
    pub values: HashMap<String, AttributeValue>,
}

impl Placeholders {
    fn name(&mut self, attribute: &str) -> String {
        if let Some((placeholder, _)) = self.names.iter().find(|(_, a)| *a == attribute) {
            return placeholder.clone();
        }
        let placeholder = format!("#n{}", self.names.len());
        self.names
            .insert(placeholder.clone(), attribute.to_string());
        placeholder
    }

    fn value(&mut self, value: &Value) -> String {
        let placeholder = format!(":v{}", self.values.len());
        self.values.insert(placeholder.clone(), value.0.clone());
        placeholder
    }

    pub fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    pub fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

/// A request builder that takes a condition expression and its placeholders. The SDK's
/// builders all name these setters alike but share no trait, hence this one.
pub(super) trait Conditioned: Sized {
    fn conditioned(self, expression: Option<String>, placeholders: &Placeholders) -> Self;
}

macro_rules! conditioned_builders {
    ($($builder:ty),* $(,)?) => {$(
        impl Conditioned for $builder {
            fn conditioned(self, expression: Option<String>, placeholders: &Placeholders) -> Self {
                self.set_condition_expression(expression)
                    .set_expression_attribute_names(placeholders.names())
                    .set_expression_attribute_values(placeholders.values())
            }
        }
    )*};
}
conditioned_builders!(
    aws_sdk_dynamodb::operation::put_item::builders::PutItemFluentBuilder,
    aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder,
    aws_sdk_dynamodb::operation::delete_item::builders::DeleteItemFluentBuilder,
    aws_sdk_dynamodb::types::builders::PutBuilder,
    aws_sdk_dynamodb::types::builders::UpdateBuilder,
    aws_sdk_dynamodb::types::builders::DeleteBuilder,
    aws_sdk_dynamodb::types::builders::ConditionCheckBuilder,
);

/// A condition expression and its placeholders, as the SDK builders take them.
pub(super) fn condition_expression(
    condition: Option<&Condition>,
) -> (Option<String>, Placeholders) {
    let mut placeholders = Placeholders::default();
    let expression = condition.map(|c| c.render(&mut placeholders));
    (expression, placeholders)
}

/// The update expression, the condition expression, and their shared placeholders.
pub(super) fn update_expression(change: &Change) -> (String, Option<String>, Placeholders) {
    let mut out = Placeholders::default();
    let mut sections = Vec::new();
    if !change.set.is_empty() {
        let parts: Vec<String> = change
            .set
            .iter()
            .map(|(a, v)| format!("{} = {}", out.name(a), out.value(v)))
            .collect();
        sections.push(format!("SET {}", parts.join(", ")));
    }
    if !change.remove.is_empty() {
        let parts: Vec<String> = change.remove.iter().map(|a| out.name(a)).collect();
        sections.push(format!("REMOVE {}", parts.join(", ")));
    }
    if !change.add.is_empty() {
        let parts: Vec<String> = change
            .add
            .iter()
            .map(|(a, v)| format!("{} {}", out.name(a), out.value(v)))
            .collect();
        sections.push(format!("ADD {}", parts.join(", ")));
    }
    let condition = change.condition.as_ref().map(|c| c.render(&mut out));
    (sections.join(" "), condition, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{attr, AccessStatus, DocumentStatus};

    #[test]
    fn conditions_render_with_placeholders_for_every_name_and_value() {
        let condition = Condition::exists()
            .and(Condition::not_equals(attr::STATUS, AccessStatus::Revoked))
            .and(Condition::missing(attr::LAST_SEEN_AT));
        let (expression, out) = condition_expression(Some(&condition));
        assert_eq!(
            expression.as_deref(),
            Some("attribute_exists(#n0) AND #n1 <> :v0 AND attribute_not_exists(#n2)")
        );
        assert_eq!(out.names["#n1"], "status");
        assert_eq!(out.names["#n2"], "lastSeenAt");
        assert_eq!(out.values[":v0"], AttributeValue::S("revoked".into()));
        assert_eq!(condition_expression(None).0, None);
    }

    #[test]
    fn alternatives_and_comparisons_render_grouped() {
        let condition = Condition::exists().and(Condition::either(
            Condition::missing(attr::DOWNLOAD_LIMIT),
            Condition::below_attribute(attr::DOWNLOAD_COUNT, attr::DOWNLOAD_LIMIT),
        ));
        let (expression, out) = condition_expression(Some(&condition));
        assert_eq!(
            expression.as_deref(),
            Some("attribute_exists(#n0) AND ((attribute_not_exists(#n1)) OR (#n2 < #n1))")
        );
        assert_eq!(out.names["#n2"], "downloadCount");
        let (expression, _) =
            condition_expression(Some(&Condition::above(attr::EXPIRES_AT, "2026")));
        assert_eq!(expression.as_deref(), Some("#n0 > :v0"));
    }

    #[test]
    fn updates_set_remove_and_add_under_their_condition() {
        let change = Change::new()
            .set(attr::STATUS, DocumentStatus::Rejected)
            .set(attr::REJECTION_REASON, "too big")
            .remove(attr::INVITE_HASH)
            .add(attr::SHARED_COUNT, -2)
            .when(Condition::equals(attr::STATUS, DocumentStatus::Pending));
        let (update, condition, out) = update_expression(&change);
        assert_eq!(update, "SET #n0 = :v0, #n1 = :v1 REMOVE #n2 ADD #n3 :v2");
        assert_eq!(condition.as_deref(), Some("#n0 = :v3"), "status named once");
        assert_eq!(out.values[":v2"], AttributeValue::N("-2".into()));
        assert_eq!(out.values[":v3"], AttributeValue::S("pending".into()));
    }
}
