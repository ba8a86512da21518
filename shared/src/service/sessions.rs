//! Contact sign-in: single-use link tokens (issued here for invitations and sign-in links),
//! sessions, session lookup, sign-out, and ending a contact's sessions.
//!
//! The portal identity is the email address on a grant. A session is for one contact record
//! and one address: it reaches the grants of that contact that named the address when it
//! was opened, each only while it is active and still at the version it had then.

use super::events::{self, Event};
use crate::error::{Error, Result};
use crate::keys::{self, attr, Record};
use crate::model::{
    AccessRecord, AccessStatus, EventType, InvitationPurpose, InvitationRecord, SessionRecord,
    SignInRecord,
};
use crate::store::{BatchFound, BatchRead, Change, Condition, QuerySpec, Slot, Transacted};
use crate::{clock, email, tokens, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Contact records one sign-in request mails links for; keeps its transaction far below
/// DynamoDB's 100 items (a firm rarely has two records with one address).
const MAX_CONTACTS_PER_ADDRESS: usize = 25;
/// Matters whose logs get a sign-in or sign-out event, so that the transaction stays
/// within DynamoDB's 100 items (a contact on more matters under one address is unheard of).
const MAX_SESSION_EVENTS: usize = 90;

/// A signed-in contact, as resolved from a session token.
#[derive(Clone, Debug)]
pub struct Contact {
    pub id: String,
    pub email: String,
    pub name: String,
    /// The grants this session reaches now: active, at the version it was opened for.
    pub grants: Vec<AccessRecord>,
    token_hash: String,
}

impl Contact {
    /// The contact's grant on a matter, if this session reaches it.
    pub fn grant_on(&self, matter_id: &str) -> Option<&AccessRecord> {
        self.grants.iter().find(|g| g.matter_id == matter_id)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub invitation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInInput {
    pub email: String,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub id: String,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub session: String,
    pub expires_at: String,
    pub contact: ContactView,
}

/// A freshly minted single-use link token and the record that stands for it.
pub struct IssuedToken {
    pub secret: String,
    pub record: InvitationRecord,
    pub expires_at: String,
}

/// A new link token for a grant, bound to its current version; only its hash is stored.
pub fn issue_token(app: &App, grant: &AccessRecord, purpose: InvitationPurpose) -> IssuedToken {
    let secret = tokens::new_secret();
    let expires = clock::now() + app.config.invite_ttl;
    IssuedToken {
        record: InvitationRecord {
            pk: keys::invitation(&tokens::digest(&secret)),
            sk: keys::INVITATION.into(),
            matter_id: grant.matter_id.clone(),
            contact_id: grant.contact_id.clone(),
            purpose,
            expires_at_epoch: clock::epoch_seconds(expires),
            grant_version: grant.grant_version.clone(),
        },
        secret,
        expires_at: clock::stamp(expires),
    }
}

/// A fresh grant version (see `AccessRecord::grant_version`).
pub fn new_grant_version() -> String {
    keys::new_id()
}

/// The condition that a grant is still at the version that was read.
pub fn at_version(version: &str) -> Condition {
    if version.is_empty() {
        // Grants written before versions existed.
        Condition::missing(attr::GRANT_VERSION)
    } else {
        Condition::equals(attr::GRANT_VERSION, version)
    }
}

/// Spends a single-use link token. Used, expired, unknown or revoked: 401, no detail.
pub async fn open_session(app: &App, input: SessionInput) -> Result<SessionView> {
    if !tokens::looks_like_secret(&input.invitation) {
        return Err(Error::Unauthorized);
    }
    let hash = tokens::digest(&input.invitation);
    let invitation = app
        .table
        .get(&keys::invitation_key(&hash))
        .await?
        .ok_or(Error::Unauthorized)?;
    let now = clock::now();
    if invitation.expires_at_epoch <= clock::epoch_seconds(now) {
        return Err(Error::Unauthorized);
    }
    let access = app
        .table
        .get(&keys::access_key(
            &invitation.matter_id,
            &invitation.contact_id,
        ))
        .await?
        .filter(|a| a.is_active() && a.grant_version == invitation.grant_version)
        .ok_or(Error::Unauthorized)?;
    if access.is_expired_at(&clock::stamp(now)) {
        record_expiry(app, &access).await;
        return Err(Error::Unauthorized);
    }
    if invitation.purpose == InvitationPurpose::Invite
        && access.invite_hash.as_deref() != Some(hash.as_str())
    {
        return Err(Error::Unauthorized);
    }
    let grants = grants_naming(app, &access.contact_id, &access.address_key()).await?;
    let expires = now + app.config.session_ttl;
    let reached: BTreeMap<String, String> = grants
        .into_iter()
        // The grant just read consistently comes last, so it wins over the index's copy.
        .chain(std::iter::once(access.clone()))
        .map(|g| (g.matter_id, g.grant_version))
        .collect();
    let matters: Vec<&str> = reached.keys().map(String::as_str).collect();
    let bearer = SessionBearer::mint(&tokens::new_secret(), &access.contact_id, &matters);
    let session_hash = tokens::digest(&bearer);
    let record = SessionRecord {
        pk: keys::session(&session_hash),
        sk: keys::SESSION.into(),
        gsi1pk: keys::contact(&access.contact_id),
        gsi1sk: keys::session_in_contact_view(&session_hash),
        contact_id: access.contact_id.clone(),
        email: access.email.clone(),
        name: access.name.clone(),
        created_at: clock::stamp(now),
        expires_at_epoch: clock::epoch_seconds(expires),
        grants: reached,
    };
    // Spent, the session written and the grant marked in one step: a failure anywhere before
    // leaves the link working, and of two racing attempts exactly one commits.
    let mut transaction = app.table.transaction();
    transaction.delete(&invitation.key(), Some(Condition::exists()))?;
    transaction.put(&record, None)?;
    transaction.update(&access.key(), signed_in(&access, &clock::stamp(now)))?;
    for matter_id in record.grants.keys().take(MAX_SESSION_EVENTS) {
        let event = session_event(EventType::SignedIn, &access.contact_id, &access.name);
        events::add(&mut transaction, matter_id, event)?;
    }
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        return Err(Error::Unauthorized);
    }
    Ok(SessionView {
        session: bearer,
        expires_at: clock::stamp(expires),
        contact: ContactView {
            id: access.contact_id,
            email: access.email,
            name: access.name,
        },
    })
}

/// The contact's active grants that name this address. Read from an index, so possibly a
/// moment stale: harmless, each is checked again at its version on every request.
async fn grants_naming(
    app: &App,
    contact_id: &str,
    address_key: &str,
) -> Result<Vec<AccessRecord>> {
    let spec = QuerySpec::index(keys::GSI1, keys::contact(contact_id), keys::ACCESS_PREFIX);
    let grants: Vec<AccessRecord> = app.table.query_all(&spec).await?;
    let now = clock::stamp(clock::now());
    Ok(grants
        .into_iter()
        .filter(|g| g.is_active_at(&now) && g.address_key() == address_key)
        .collect())
}

fn session_event(kind: EventType, contact_id: &str, name: &str) -> Event {
    Event::new(kind, events::contact_actor(contact_id, name)).contact(contact_id, name)
}

/// Writes the `accessExpired` event of a grant whose end has passed, once: the first request
/// that finds it expired records it (with the grant's `expiryRecordedAt`), later ones find it
/// recorded. Best effort: a failure is logged and the next request tries again.
async fn record_expiry(app: &App, grant: &AccessRecord) {
    let (Some(end), None) = (&grant.expires_at, &grant.expiry_recorded_at) else {
        return;
    };
    let mut transaction = app.table.transaction();
    let noted = transaction.update(
        &grant.key(),
        Change::new()
            .set(attr::EXPIRY_RECORDED_AT, clock::stamp(clock::now()))
            .when(
                Condition::equals(attr::EXPIRES_AT, end.as_str())
                    .and(Condition::missing(attr::EXPIRY_RECORDED_AT)),
            ),
    );
    let event = Event::new(EventType::AccessExpired, events::system_actor())
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

/// First sign-in turns "invited" into "active"; every sign-in updates last seen. Only the
/// grant at the version the link was issued for.
fn signed_in(access: &AccessRecord, now: &str) -> Change {
    Change::new()
        .set(attr::STATUS, AccessStatus::Active)
        .set(attr::LAST_SEEN_AT, now)
        .remove(attr::INVITE_HASH)
        .when(
            Condition::not_equals(attr::STATUS, AccessStatus::Revoked)
                .and(at_version(&access.grant_version)),
        )
}

/// Emails a fresh link to an address with active access, within the per-address limit and
/// cooldown. Known and unknown addresses get the same answer after the same time.
pub async fn request_sign_in_link(app: &App, input: SignInInput) -> Result<()> {
    let address = validate::email("email", &input.email)?;
    let started = Instant::now();
    let sent = send_sign_in_links(app, &address).await;
    let answer_time = app.config.sign_in_answer_time;
    if started.elapsed() > answer_time {
        // The padding no longer hides the work: SIGN_IN_ANSWER_MS needs raising.
        tracing::warn!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "sign-in request outran its answer time"
        );
    }
    tokio::time::sleep(answer_time.saturating_sub(started.elapsed())).await;
    sent
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

async fn send_sign_in_links(app: &App, address: &str) -> Result<()> {
    let address_key = validate::email_key(address);
    let spec = QuerySpec::index(keys::GSI2, keys::email(&address_key), keys::ACCESS_PREFIX);
    let grants: Vec<AccessRecord> = app.table.query_all(&spec).await?;
    // One link per contact record, tied to its most recent active grant at this address.
    let mut latest: BTreeMap<String, AccessRecord> = BTreeMap::new();
    let today = clock::stamp(clock::now());
    for grant in grants
        .into_iter()
        .filter(|g| g.is_active_at(&today) && g.address_key() == address_key)
    {
        let newer = latest
            .get(&grant.contact_id)
            .is_none_or(|seen| seen.granted_at < grant.granted_at);
        if newer {
            latest.insert(grant.contact_id.clone(), grant);
        }
    }
    if latest.is_empty() {
        return Ok(());
    }
    let key = keys::sign_in_key(&address_key);
    let previous = app.table.get(&key).await?;
    let now = clock::epoch_seconds(clock::now());
    let Some((window_started, sent_in_window)) =
        SignInLimits::of(app).next_send(previous.as_ref(), now)
    else {
        tracing::info!("sign-in link not sent: limit or cooldown");
        return Ok(());
    };
    let links: Vec<(AccessRecord, IssuedToken)> = latest
        .into_values()
        .take(MAX_CONTACTS_PER_ADDRESS)
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
        pk: key.pk.clone(),
        sk: key.sk.clone(),
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
    for (_, token) in &links {
        transaction.put(&token.record, None)?;
    }
    for old in previous.iter().flat_map(|p| &p.live_links) {
        transaction.delete(&keys::invitation_key(old), None)?;
    }
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        tracing::info!("sign-in link not sent: a concurrent request sent one");
        return Ok(());
    }
    for (grant, token) in links {
        let link = email::portal_link(&app.config.portal_url, &token.secret);
        let message = email::sign_in(
            &app.config.firm_name,
            &grant.email,
            &link,
            app.config.invite_ttl,
        );
        if let Err(err) = app.mailer.send(message).await {
            // Logged, not returned: the answer must not reveal that the address is known.
            tracing::error!(error = %err.chain(), contact = %grant.contact_id, "sign-in email failed");
            continue;
        }
        let event = Event::new(EventType::InvitationSent, events::system_actor())
            .contact(&grant.contact_id, &grant.name)
            .detail(format!("sign-in link to {}", grant.email));
        if let Err(err) = events::write(app, &grant.matter_id, event).await {
            tracing::warn!(error = %err.chain(), "sign-in link event not recorded");
        }
    }
    Ok(())
}

/// Whether resolving a session writes the `accessExpired` event of grants found expired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiries {
    Record,
    /// For functions whose role only reads the table.
    Leave,
}

/// Resolves a portal bearer token. Anything else (a staff JWT, junk, an ended session) is 401.
pub async fn contact_session(
    app: &App,
    bearer: Option<&str>,
    expiries: Expiries,
) -> Result<Contact> {
    let (contact, _, ()) = contact_session_reading(app, bearer, expiries, |_, _| ()).await?;
    Ok(contact)
}

/// [`contact_session`], reading in the same BatchGetItem the records `also` asks for (given
/// the contact's id): with the contact and matters the bearer names, one call reads the
/// session, its grants and whatever the route needs. Those records are in the batch found.
pub async fn contact_session_reading<X>(
    app: &App,
    bearer: Option<&str>,
    expiries: Expiries,
    also: impl FnOnce(&str, &mut BatchRead) -> X,
) -> Result<(Contact, BatchFound, X)> {
    let bearer = bearer
        .and_then(SessionBearer::parse)
        .ok_or(Error::Unauthorized)?;
    let hash = tokens::digest(bearer.whole);
    let session_key = keys::session_key(&hash);
    let mut batch = BatchRead::new();
    let (session, grant_slots, extra, mut found) = match (bearer.contact_id, &bearer.matters) {
        (Some(contact_id), Some(matters)) => {
            let session_slot = batch.want(&session_key);
            let grant_slots = want_grants(&mut batch, contact_id, matters.iter().copied());
            let extra = also(contact_id, &mut batch);
            let mut found = app.table.read_batch(batch).await?;
            let session = found.take(&session_slot)?.ok_or(Error::Unauthorized)?;
            (session, grant_slots, extra, found)
        }
        // A bearer that names too many matters to carry them (or none, from before bearers
        // named any): the session first, then its grants.
        _ => {
            let session = app
                .table
                .get(&session_key)
                .await?
                .ok_or(Error::Unauthorized)?;
            let matters = session.grants.keys().map(String::as_str);
            let grant_slots = want_grants(&mut batch, &session.contact_id, matters);
            let extra = also(&session.contact_id, &mut batch);
            let found = app.table.read_batch(batch).await?;
            (session, grant_slots, extra, found)
        }
    };
    // DynamoDB's TTL sweep lags, so expiry is checked here too.
    if session.expires_at_epoch <= clock::epoch_seconds(clock::now()) || !bearer.names(&session) {
        return Err(Error::Unauthorized);
    }
    let address_key = validate::email_key(&session.email);
    let now = clock::stamp(clock::now());
    let mut grants = Vec::new();
    let mut expired = Vec::new();
    for slot in &grant_slots {
        let Some(grant) = found.take(slot)? else {
            continue;
        };
        let reached = grant.is_active()
            && grant.address_key() == address_key
            && session.grants.get(&grant.matter_id) == Some(&grant.grant_version);
        match (reached, grant.is_expired_at(&now)) {
            (true, false) => grants.push(grant),
            (true, true) => expired.push(grant),
            (false, _) => {}
        }
    }
    if expiries == Expiries::Record {
        for grant in expired.iter().filter(|g| g.expiry_recorded_at.is_none()) {
            record_expiry(app, grant).await;
        }
    }
    // Every grant it was opened for was revoked, re-granted or moved to another address.
    if grants.is_empty() {
        return Err(Error::Unauthorized);
    }
    let contact = Contact {
        id: session.contact_id,
        email: session.email,
        name: session.name,
        grants,
        token_hash: hash,
    };
    Ok((contact, found, extra))
}

fn want_grants<'m>(
    batch: &mut BatchRead,
    contact_id: &str,
    matters: impl Iterator<Item = &'m str>,
) -> Vec<Slot<AccessRecord>> {
    matters
        .map(|matter| batch.want(&keys::access_key(matter, contact_id)))
        .collect()
}

/// Matters a session bearer names at most; a contact on more (unheard of) gets a bearer
/// naming none, which costs each request one more read.
const MAX_BEARER_MATTERS: usize = 20;

/// A portal session bearer: `<secret>.<contact id>.<matter id>...`. The table keeps only
/// the hash of the whole bearer, so the ids cannot be altered without losing the session;
/// they are there so that one BatchGetItem can read the session and its grants together.
/// Ids are letters, digits, `-` and `_` (`validate::id`), so `.` separates them.
#[derive(Debug, PartialEq, Eq)]
struct SessionBearer<'a> {
    whole: &'a str,
    contact_id: Option<&'a str>,
    matters: Option<Vec<&'a str>>,
}

impl<'a> SessionBearer<'a> {
    /// The bearer for a new session of `contact_id` reaching `matters`.
    fn mint(secret: &str, contact_id: &str, matters: &[&str]) -> String {
        let mut bearer = format!("{secret}.{contact_id}");
        if matters.len() <= MAX_BEARER_MATTERS {
            for matter in matters {
                bearer.push('.');
                bearer.push_str(matter);
            }
        }
        bearer
    }

    fn parse(whole: &'a str) -> Option<Self> {
        let mut parts = whole.split('.');
        let secret = parts.next()?;
        let contact_id = parts.next();
        let matters: Vec<&str> = parts.collect();
        let well_formed = tokens::looks_like_secret(secret)
            && contact_id
                .into_iter()
                .chain(matters.iter().copied())
                .all(|id| validate::id("id", id).is_ok())
            && matters.len() <= MAX_BEARER_MATTERS;
        well_formed.then(|| Self {
            whole,
            contact_id,
            matters: (!matters.is_empty()).then_some(matters),
        })
    }

    /// Whether the session found is the one this bearer names (the hash already binds them;
    /// this keeps a mismatch from ever reading another contact's records).
    fn names(&self, session: &SessionRecord) -> bool {
        let contact_matches = self.contact_id.is_none_or(|c| c == session.contact_id);
        let matters_match = self.matters.as_ref().is_none_or(|matters| {
            matters.len() == session.grants.len()
                && matters.iter().all(|m| session.grants.contains_key(*m))
        });
        contact_matches && matters_match
    }
}

/// Signs out: the session goes, with a `signedOut` event on each matter it reached.
pub async fn close_session(app: &App, contact: &Contact) -> Result<()> {
    let mut transaction = app.table.transaction();
    let ended = transaction.delete(
        &keys::session_key(&contact.token_hash),
        Some(Condition::exists()),
    )?;
    for grant in contact.grants.iter().take(MAX_SESSION_EVENTS) {
        let event = session_event(EventType::SignedOut, &contact.id, &contact.name);
        events::add(&mut transaction, &grant.matter_id, event)?;
    }
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        // Ended meanwhile (a second sign-out, or a revoke): nothing more to record.
        Transacted::Cancelled(c) if c.failed_condition(ended) => Ok(()),
        Transacted::Cancelled(c) => {
            Err(Error::upstream("DynamoDB TransactWriteItems (sign out)", c))
        }
    }
}

/// Ends every session of a contact; called when access is revoked.
pub async fn end_sessions_of(app: &App, contact_id: &str) -> Result<()> {
    let spec = QuerySpec::index(keys::GSI1, keys::contact(contact_id), keys::SESSION_PREFIX);
    let sessions: Vec<SessionRecord> = app.table.query_all(&spec).await?;
    for session in sessions {
        app.table.delete(&session.key()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn session_reaching(contact_id: &str, matters: &[&str]) -> SessionRecord {
        SessionRecord {
            contact_id: contact_id.into(),
            grants: matters
                .iter()
                .map(|m| (m.to_string(), "v1".to_string()))
                .collect(),
            ..SessionRecord::default()
        }
    }

    #[test]
    fn a_bearer_names_its_contact_and_matters_and_parses_back() {
        let secret = tokens::new_secret();
        let bearer = SessionBearer::mint(&secret, "c-1", &["m-1", "m_2"]);
        assert_eq!(bearer, format!("{secret}.c-1.m-1.m_2"));
        let parsed = SessionBearer::parse(&bearer).expect("well formed");
        assert_eq!(parsed.contact_id, Some("c-1"));
        assert_eq!(parsed.matters, Some(vec!["m-1", "m_2"]));
        assert!(parsed.names(&session_reaching("c-1", &["m_2", "m-1"])));
        // Another contact, a matter more or less: not this bearer's session.
        assert!(!parsed.names(&session_reaching("c-2", &["m-1", "m_2"])));
        assert!(!parsed.names(&session_reaching("c-1", &["m-1"])));
        assert!(!parsed.names(&session_reaching("c-1", &["m-1", "m_2", "m-3"])));
    }

    #[test]
    fn too_many_matters_are_left_out_and_a_bare_secret_still_parses() {
        let secret = tokens::new_secret();
        let many: Vec<String> = (0..=MAX_BEARER_MATTERS).map(|i| format!("m{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let bearer = SessionBearer::mint(&secret, "c-1", &many);
        assert_eq!(bearer, format!("{secret}.c-1"));
        let parsed = SessionBearer::parse(&bearer).expect("well formed");
        assert_eq!((parsed.contact_id, parsed.matters), (Some("c-1"), None));
        let bare = SessionBearer::parse(&secret).expect("a session from before");
        assert_eq!((bare.contact_id, bare.matters), (None, None));
    }

    #[test]
    fn malformed_bearers_are_refused() {
        let secret = tokens::new_secret();
        let too_many = format!("{secret}.c{}", ".m".repeat(MAX_BEARER_MATTERS + 1));
        for bad in [
            String::new(),
            "a.b.c".into(),
            format!("{secret}."),
            format!("{secret}.c-1..m"),
            format!("{secret}.c 1"),
            format!("{secret}.c-1.m/1"),
            format!("x{secret}.c-1"),
            too_many,
        ] {
            assert_eq!(SessionBearer::parse(&bad), None, "{bad}");
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
}
