//! `POST /portal/sign-in-links`: a fresh link for an address with active access, within a
//! per-address limit and cooldown. The route only stores the request (one PutItem, known
//! address or not, so its answer and its time say nothing); the mail worker, reached
//! through the table's stream and the mail queue, looks the address up and sends.

use super::super::events::{self, Event};
use super::links::{issue_token, IssuedToken};
use crate::error::Result;
use crate::records::{
    attr, AccessRecord, Actor, EventType, InvitationPurpose, InvitationRecord, MailRequestRecord,
    SignInRecord,
};
use crate::store::Condition;
use crate::store::Transacted;
use crate::{clock, email, tokens, validate, App};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// Contact records one sign-in request mails links for; keeps its transaction far below
/// DynamoDB's 100 items (a firm rarely has two records with one address).
const MAX_CONTACTS_PER_ADDRESS: usize = 25;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInInput {
    pub email: String,
}

/// Takes a request for a link: stored for the mail worker, answered the same whatever the
/// address.
pub async fn request_sign_in_link(app: &App, input: SignInInput) -> Result<()> {
    let address = validate::email("email", &input.email)?;
    let request = MailRequestRecord::sign_in(&address, clock::now());
    app.table.put(&request, None).await?;
    Ok(())
}

/// The per-address limits, from the settings.
#[derive(Clone, Copy, Debug)]
pub struct SignInLimits {
    pub per_window: u32,
    pub window: Duration,
    pub cooldown: Duration,
}

impl SignInLimits {
    fn of(app: &App) -> Self {
        Self {
            per_window: app.config.sign_in_limit,
            window: app.config.sign_in_window,
            cooldown: app.config.sign_in_cooldown,
        }
    }

    /// Whether another link may be mailed now: the window it counts in and the count in it
    /// after this send, or `None` while in the cooldown or over the limit.
    pub fn next_send(&self, previous: Option<&SignInRecord>, now: i64) -> Option<(i64, u32)> {
        let window = i64::try_from(self.window.as_secs()).unwrap_or(i64::MAX);
        let cooldown = i64::try_from(self.cooldown.as_secs()).unwrap_or(i64::MAX);
        let (started, sent) = match previous {
            Some(p) if now.saturating_sub(p.last_sent_epoch) < cooldown => return None,
            Some(p) if now.saturating_sub(p.window_started_epoch) < window => {
                (p.window_started_epoch, p.sent_in_window)
            }
            _ => (now, 0),
        };
        (sent < self.per_window).then_some((started, sent + 1))
    }
}

/// One grant per contact record: its most recent one that is active at `now` and names
/// the address. Each gets a link (one identity per contact record and address).
fn latest_per_contact(
    grants: Vec<AccessRecord>,
    address_key: &str,
    now: &str,
) -> Vec<AccessRecord> {
    let mut latest: BTreeMap<String, AccessRecord> = BTreeMap::new();
    for grant in grants
        .into_iter()
        .filter(|g| g.is_active_at(now) && g.address_key() == address_key)
    {
        let newer = latest
            .get(&grant.contact_id)
            .is_none_or(|seen| seen.granted_at < grant.granted_at);
        if newer {
            latest.insert(grant.contact_id.clone(), grant);
        }
    }
    latest
        .into_values()
        .take(MAX_CONTACTS_PER_ADDRESS)
        .collect()
}

/// The mail worker's part: a link to every active grant naming the request's address,
/// within the limits. The request is consumed in the transaction that makes the links live,
/// so a repeated queue message sends nothing.
pub async fn send_sign_in_links(app: &App, request: &MailRequestRecord) -> Result<()> {
    let address_key = validate::email_key(&request.address);
    let grants = app
        .table
        .query_all(&AccessRecord::naming(&address_key))
        .await?;
    let latest = latest_per_contact(grants, &address_key, &clock::stamp(clock::now()));
    if latest.is_empty() {
        return Ok(());
    }
    let previous = app.table.get(&SignInRecord::key_for(&address_key)).await?;
    let now = clock::epoch_seconds(clock::now());
    let Some((window_started, sent_in_window)) =
        SignInLimits::of(app).next_send(previous.as_ref(), now)
    else {
        tracing::info!("sign-in link not sent: limit or cooldown");
        return Ok(());
    };
    let links: Vec<(AccessRecord, IssuedToken)> = latest
        .into_iter()
        .map(|grant| {
            let token = issue_token(app, &grant, InvitationPurpose::SignIn);
            (grant, token)
        })
        .collect();
    let keep_for = app
        .config
        .sign_in_window
        .max(app.config.sign_in_cooldown)
        .max(app.config.invite_ttl);
    let state = SignInRecord {
        address_key: address_key.clone(),
        window_started_epoch: window_started,
        sent_in_window,
        last_sent_epoch: now,
        live_links: links
            .iter()
            .map(|(_, t)| tokens::digest(&t.secret))
            .collect(),
        expires_at_epoch: now.saturating_add(i64::try_from(keep_for.as_secs()).unwrap_or(0)),
    };
    // The new links go live, and the older ones die, in one step; a concurrent request for
    // the same address loses the condition and sends nothing.
    let mut transaction = app.table.transaction();
    let unchanged = match &previous {
        Some(p) => Condition::equals(attr::LAST_SENT_EPOCH, p.last_sent_epoch),
        None => Condition::absent(),
    };
    transaction.put(&state, Some(unchanged))?;
    transaction.delete(
        &MailRequestRecord::key_for(&request.request_id),
        Some(Condition::exists()),
    )?;
    for (_, token) in &links {
        transaction.put(&token.record, None)?;
    }
    for old in previous.iter().flat_map(|p| &p.live_links) {
        transaction.delete(&InvitationRecord::key_for(old), None)?;
    }
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        tracing::info!("sign-in link not sent: handled already, or a concurrent request sent one");
        return Ok(());
    }
    for (grant, token) in links {
        let link = email::portal_link(&app.config.portal_url, &token.secret);
        let message = email::sign_in(
            grant.language_or(app.config.firm_language),
            &app.config.firm_name,
            &grant.email,
            &link,
            app.config.invite_ttl,
        );
        if let Err(err) = app.mailer.send(message).await {
            // Logged, not retried: the request is spent; the contact can ask again.
            tracing::error!(error = %err.chain(), contact = %grant.contact_id, "sign-in email failed");
            continue;
        }
        let event = Event::new(EventType::InvitationSent, Actor::system())
            .contact(&grant.contact_id, &grant.name)
            .detail(format!("sign-in link to {}", grant.email));
        if let Err(err) = events::write(app, &grant.matter_id, event).await {
            tracing::warn!(error = %err.chain(), "sign-in link event not recorded");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;
    use crate::records::AccessStatus;

    const LIMITS: SignInLimits = SignInLimits {
        per_window: 3,
        window: Duration::from_secs(3600),
        cooldown: Duration::from_secs(60),
    };

    fn sent(window_started: i64, count: u32, last: i64) -> SignInRecord {
        SignInRecord {
            window_started_epoch: window_started,
            sent_in_window: count,
            last_sent_epoch: last,
            ..SignInRecord::default()
        }
    }

    #[test]
    fn a_first_link_opens_a_window() {
        assert_eq!(LIMITS.next_send(None, 1000), Some((1000, 1)));
    }

    #[test]
    fn no_link_inside_the_cooldown() {
        let previous = sent(1000, 1, 1000);
        assert_eq!(LIMITS.next_send(Some(&previous), 1059), None);
        assert_eq!(LIMITS.next_send(Some(&previous), 1060), Some((1000, 2)));
    }

    #[test]
    fn the_limit_holds_until_the_window_ends() {
        let previous = sent(1000, 3, 2000);
        assert_eq!(LIMITS.next_send(Some(&previous), 3000), None);
        assert_eq!(LIMITS.next_send(Some(&previous), 4599), None);
        assert_eq!(LIMITS.next_send(Some(&previous), 4600), Some((4600, 1)));
    }

    #[test]
    fn a_limit_of_zero_sends_nothing_and_a_clock_going_back_does_not_open_the_gate() {
        let none = SignInLimits {
            per_window: 0,
            ..LIMITS
        };
        assert_eq!(none.next_send(None, 1000), None);
        assert_eq!(LIMITS.next_send(Some(&sent(1000, 1, 1000)), 900), None);
    }

    #[test]
    fn each_contact_record_gets_one_link_for_its_newest_live_grant_at_the_address() {
        let at = |matter: &str, contact: &str, granted: &str| {
            let mut g = grant(matter, contact);
            g.email = "Ann@Example.com".into();
            g.granted_at = granted.into();
            g
        };
        let mut revoked = at("m3", "c1", "2026-09");
        revoked.status = AccessStatus::Revoked;
        let mut elsewhere = at("m4", "c3", "2026-09");
        elsewhere.email = "other@example.com".into();
        let mut ended = at("m5", "c4", "2026-09");
        ended.expires_at = Some("2026-10".into());
        let chosen = latest_per_contact(
            vec![
                at("m1", "c1", "2026-01"),
                at("m2", "c1", "2026-05"),
                revoked,
                at("m1", "c2", "2026-02"),
                elsewhere,
                ended,
            ],
            "ann@example.com",
            "2026-11",
        );
        let picked: Vec<(&str, &str)> = chosen
            .iter()
            .map(|g| (g.contact_id.as_str(), g.matter_id.as_str()))
            .collect();
        assert_eq!(picked, [("c1", "m2"), ("c2", "m1")]);
    }
}
