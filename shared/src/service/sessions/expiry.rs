//! The `accessExpired` event of a grant whose end has passed, written once.

use super::super::events::{self, Event};
use crate::records::{attr, AccessRecord, Actor, EventType};
use crate::store::{Change, Condition, Stored};
use crate::{clock, App};

/// The end to record for `grant`, if it has one and it was not recorded yet.
pub fn unrecorded_end(grant: &AccessRecord) -> Option<&str> {
    match (&grant.expires_at, &grant.expiry_recorded_at) {
        (Some(end), None) => Some(end),
        _ => None,
    }
}

/// The first request that finds a grant expired records it (with the grant's
/// `expiryRecordedAt`), later ones find it recorded. Best effort: a failure is logged and the
/// next request tries again.
pub async fn record_expiry(app: &App, grant: &AccessRecord) {
    let Some(end) = unrecorded_end(grant) else {
        return;
    };
    let mut transaction = app.table.transaction();
    let noted = transaction.update(
        &grant.key(),
        Change::new()
            .set(attr::EXPIRY_RECORDED_AT, clock::stamp(clock::now()))
            .when(
                Condition::equals(attr::EXPIRES_AT, end)
                    .and(Condition::missing(attr::EXPIRY_RECORDED_AT)),
            ),
    );
    let event = Event::new(EventType::AccessExpired, Actor::system())
        .contact(&grant.contact_id, &grant.name)
        .detail(format!("access ended {end}"));
    let result = match noted.and_then(|_| events::add(&mut transaction, &grant.matter_id, event)) {
        Ok(_) => app.table.commit(transaction).await.map(|_| ()),
        Err(err) => Err(err),
    };
    if let Err(err) = result {
        tracing::warn!(error = %err.chain(), "access expiry not recorded");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;

    #[test]
    fn an_end_is_recorded_once() {
        let mut g = grant("m", "c");
        assert_eq!(unrecorded_end(&g), None);
        g.expires_at = Some("2026".into());
        assert_eq!(unrecorded_end(&g), Some("2026"));
        g.expiry_recorded_at = Some("2026".into());
        assert_eq!(unrecorded_end(&g), None);
    }
}
