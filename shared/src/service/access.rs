//! Granting, updating, re-inviting and revoking a contact's access to a matter, and the
//! Access section.

use super::events::{self, Event};
use super::{matters, sessions, tally};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::locale::Language;
use crate::pagination::Page;
use crate::records::{
    attr, AccessRecord, AccessStatus, Actor, EventType, InvitationPurpose, InvitationRecord,
    MailRequestRecord, MatterCopy, MatterRecord, NotificationChoice, Tally,
};
use crate::store::{Change, Condition, Stored, Transacted};
use crate::{clock, email, tokens, validate, App};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrantInput {
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub can_download: bool,
    /// When access ends (RFC 3339); none: it does not.
    #[serde(default)]
    pub expires_at: Option<String>,
    /// The language the contact is written to in (`en`, `es`); none: as it was, or the
    /// firm's for a new grant.
    #[serde(default)]
    pub language: Option<Language>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastOpenedView {
    pub document_id: String,
    pub file_name: String,
    pub at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessView {
    pub contact_id: String,
    pub email: String,
    pub name: String,
    pub can_download: bool,
    pub shared_count: i64,
    /// invited, active, revoked, or expired (its end passed; the portal treats it as revoked).
    pub status: &'static str,
    pub granted_at: String,
    pub last_seen_at: Option<String>,
    pub expires_at: Option<String>,
    pub last_opened: Option<LastOpenedView>,
    /// When the last invitation email went out; none when none did.
    pub invitation_sent_at: Option<String>,
    /// When the last invitation was asked for (it goes out within seconds); resends wait
    /// for the later of the two.
    pub invitation_requested_at: Option<String>,
    /// The language the contact is written to in; none: the firm's.
    pub language: Option<Language>,
    /// How often the contact chose to be emailed news; none: one digest per window.
    pub notifications: Option<NotificationChoice>,
}

impl From<AccessRecord> for AccessView {
    fn from(r: AccessRecord) -> Self {
        let status = if r.is_active() && r.is_expired_at(&clock::stamp(clock::now())) {
            "expired"
        } else {
            r.status.as_str()
        };
        let last_opened = match (
            r.last_opened_document_id,
            r.last_opened_file_name,
            r.last_opened_at,
        ) {
            (Some(document_id), Some(file_name), Some(at)) => Some(LastOpenedView {
                document_id,
                file_name,
                at,
            }),
            _ => None,
        };
        Self {
            contact_id: r.contact_id,
            email: r.email,
            name: r.name,
            can_download: r.can_download,
            shared_count: r.shared_count,
            status,
            granted_at: r.granted_at,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
            last_opened,
            invitation_sent_at: r.invitation_sent_at,
            invitation_requested_at: r.invitation_requested_at,
            language: r.language,
            notifications: r.notifications,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantOutcome {
    #[serde(flatten)]
    pub access: AccessView,
    /// True when this call granted access (and sent the invitation).
    pub created: bool,
    pub invitation_sent: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationView {
    pub contact_id: String,
    /// When it was asked for: the mail worker sends it within seconds, and another can be
    /// asked for `INVITE_RESEND_INTERVAL` later.
    pub requested_at: String,
}

/// An access end from the API: a valid time, in the future.
fn expiry(raw: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let at = clock::parse_rfc3339(raw).ok_or_else(|| {
        Error::validation("expiresAt must be an RFC 3339 time such as 2026-12-01T00:00:00Z")
    })?;
    if at <= clock::stamp(clock::now()) {
        return Err(Error::validation("expiresAt must be in the future"));
    }
    Ok(Some(at))
}

pub async fn grant_access(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    contact_id: &str,
    input: GrantInput,
) -> Result<GrantOutcome> {
    let matter = matters::require(app, matter_id).await?;
    let contact_id = validate::id("contactId", contact_id)?;
    let email_address = validate::email("email", &input.email)?;
    let name = validate::text("name", &input.name, validate::MAX_NAME_CHARS)?;
    let expires_at = expiry(input.expires_at.as_deref())?;
    let existing = app
        .table
        .get(&AccessRecord::key_for(&matter.matter_id, &contact_id))
        .await?;
    match existing {
        Some(current) if current.is_active() => {
            let change = GrantChange {
                email: email_address,
                name,
                can_download: input.can_download,
                expires_at,
                language: input.language.or(current.language),
            };
            update_grant(app, staff, &matter, current, change).await
        }
        previous => {
            let grant = NewGrant {
                contact_id: &contact_id,
                email: email_address,
                name,
                can_download: input.can_download,
                expires_at,
                language: input.language,
            };
            first_grant(app, staff, &matter, grant, previous).await
        }
    }
}

/// What staff may change on an active grant.
struct GrantChange {
    email: String,
    name: String,
    can_download: bool,
    expires_at: Option<String>,
    language: Option<Language>,
}

/// What saving a grant again changes.
#[derive(Debug, PartialEq, Eq)]
enum GrantUpdate {
    /// Saved as it is: nothing changes, nothing is recorded.
    Unchanged,
    /// Name, download switch or end date: the same identity, links and sessions stay.
    Terms,
    /// A new address is a new identity: every link and session of the old one ends.
    Address,
}

fn classify(current: &AccessRecord, change: &GrantChange) -> GrantUpdate {
    if validate::email_key(&change.email) != current.address_key() {
        GrantUpdate::Address
    } else if change.name == current.name
        && change.can_download == current.can_download
        && change.expires_at == current.expires_at
        && change.email == current.email
        && change.language == current.language
    {
        GrantUpdate::Unchanged
    } else {
        GrantUpdate::Terms
    }
}

/// A new address is a new identity: the grant gets a new version (so every link and session
/// issued for the old address ends) and the new address gets an invitation.
async fn update_grant(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    current: AccessRecord,
    change: GrantChange,
) -> Result<GrantOutcome> {
    let update = classify(&current, &change);
    let unchanged =
        AccessRecord::not_revoked().and(AccessRecord::at_version(&current.grant_version));
    let expiry_recorded_at = if change.expires_at == current.expires_at {
        current.expiry_recorded_at.clone()
    } else {
        None
    };
    let mut updated = AccessRecord {
        matter: MatterCopy::of(matter),
        email: change.email,
        name: change.name,
        can_download: change.can_download,
        expires_at: change.expires_at,
        language: change.language,
        expiry_recorded_at,
        ..current.clone()
    };
    let conflict = || Error::Conflict("the contact's access changed meanwhile; try again".into());
    let actor = staff.actor();
    if update == GrantUpdate::Unchanged {
        return Ok(GrantOutcome {
            access: updated.into(),
            created: false,
            invitation_sent: false,
        });
    }
    if update == GrantUpdate::Terms {
        // Only the grant as read is updated; a concurrent revoke or change wins.
        let mut transaction = app.table.transaction();
        transaction.put(&updated, Some(unchanged))?;
        let event = Event::new(EventType::AccessUpdated, actor)
            .contact(&updated.contact_id, &updated.name)
            .detail(grant_terms(&updated));
        events::add(&mut transaction, &matter.matter_id, event)?;
        tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
        if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
            return Err(conflict());
        }
        return Ok(GrantOutcome {
            access: updated.into(),
            created: false,
            invitation_sent: false,
        });
    }
    updated.grant_version = sessions::new_grant_version();
    // The old address's link dies here; the new address's is minted by the mail worker.
    updated.invite_hash = None;
    let request = MailRequestRecord::invitation(&updated, &staff.name, clock::now());
    updated.invitation_requested_at = Some(request.requested_at.clone());
    let mut transaction = app.table.transaction();
    transaction.put(&updated, Some(unchanged))?;
    transaction.put(&request, None)?;
    if let Some(old) = &current.invite_hash {
        transaction.delete(&InvitationRecord::key_for(old), None)?;
    }
    let event = Event::new(EventType::AddressChanged, actor)
        .contact(&updated.contact_id, &updated.name)
        .detail(format!("now {}", updated.email));
    events::add(&mut transaction, &matter.matter_id, event)?;
    tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        return Err(conflict());
    }
    Ok(GrantOutcome {
        access: updated.into(),
        created: false,
        invitation_sent: true,
    })
}

/// Who a first grant (or a re-grant after a revoke) is for.
struct NewGrant<'a> {
    contact_id: &'a str,
    email: String,
    name: String,
    can_download: bool,
    expires_at: Option<String>,
    /// None: the firm's, kept so (a later change of `FIRM_LANGUAGE` reaches it).
    language: Option<Language>,
}

/// The event detail of a grant: what the contact may do, and until when.
fn grant_terms(access: &AccessRecord) -> String {
    let may = if access.can_download {
        "view and download"
    } else {
        "view only"
    };
    match &access.expires_at {
        Some(end) => format!("{may}, until {end}"),
        None => may.to_string(),
    }
}

async fn first_grant(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    grant: NewGrant<'_>,
    previous: Option<AccessRecord>,
) -> Result<GrantOutcome> {
    let contact_id = grant.contact_id;
    let mut record = AccessRecord {
        matter_id: matter.matter_id.clone(),
        contact_id: contact_id.into(),
        email: grant.email,
        name: grant.name,
        can_download: grant.can_download,
        // Shares survive a revoke and come back with a new grant.
        shared_count: previous.as_ref().map_or(0, |p| p.shared_count),
        status: AccessStatus::Invited,
        granted_at: clock::stamp(clock::now()),
        granted_by: staff.id.clone(),
        last_seen_at: previous.as_ref().and_then(|p| p.last_seen_at.clone()),
        invite_hash: None,
        invitation_sent_at: None,
        invitation_requested_at: None,
        language: grant.language,
        // The contact's own choice survives a revoke, like their shares.
        notifications: previous.as_ref().and_then(|p| p.notifications),
        matter: MatterCopy::of(matter),
        grant_version: sessions::new_grant_version(),
        expires_at: grant.expires_at,
        expiry_recorded_at: None,
        last_opened_document_id: previous
            .as_ref()
            .and_then(|p| p.last_opened_document_id.clone()),
        last_opened_file_name: previous
            .as_ref()
            .and_then(|p| p.last_opened_file_name.clone()),
        last_opened_at: previous.as_ref().and_then(|p| p.last_opened_at.clone()),
    };
    let request = MailRequestRecord::invitation(&record, &staff.name, clock::now());
    record.invitation_requested_at = Some(request.requested_at.clone());
    // Exactly one writer turns "no access" into "invited": a racing grant gets 409.
    let condition = if previous.is_some() {
        Condition::equals(attr::STATUS, AccessStatus::Revoked)
    } else {
        Condition::absent()
    };
    let mut transaction = app.table.transaction();
    transaction.put(&record, Some(condition))?;
    transaction.put(&request, None)?;
    let event = Event::new(EventType::AccessGranted, staff.actor())
        .contact(&record.contact_id, &record.name)
        .detail(grant_terms(&record));
    events::add(&mut transaction, &matter.matter_id, event)?;
    // No access before (none, or revoked): one more contact.
    tally::note(&mut transaction, &matter.matter_id, Tally::contacts(1))?;
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        return Err(Error::Conflict(
            "the contact's access was granted by someone else meanwhile; reload and try again"
                .into(),
        ));
    }
    Ok(GrantOutcome {
        access: record.into(),
        created: true,
        invitation_sent: true,
    })
}

/// One transaction: the grant names the new link as live (the old one dies) and notes when
/// it went out, the `invitationSent` event is written and the request is consumed. Only the
/// grant at the version the invitation was asked for, and only once per request.
async fn note_invitation(
    app: &App,
    access: &AccessRecord,
    at: &str,
    live_link: &str,
    request: &MailRequestRecord,
) -> Result<Transacted> {
    let change = Change::new()
        .set(attr::INVITATION_SENT_AT, at)
        .set(attr::INVITE_HASH, live_link)
        .when(AccessRecord::not_revoked().and(AccessRecord::at_version(&access.grant_version)));
    let mut transaction = app.table.transaction();
    transaction.update(&access.key(), change)?;
    if let Some(old) = &access.invite_hash {
        transaction.delete(&InvitationRecord::key_for(old), None)?;
    }
    transaction.delete(
        &MailRequestRecord::key_for(&request.request_id),
        Some(Condition::exists()),
    )?;
    events::add(&mut transaction, &access.matter_id, invitation_sent(access))?;
    app.table.commit(transaction).await
}

/// When another invitation may go to a contact last invited at `sent_at` (a stamp): `None`
/// when it may go now.
pub fn resend_not_before(
    sent_at: Option<&str>,
    interval: Duration,
    now: OffsetDateTime,
) -> Option<String> {
    let sent = clock::parse_stamp(sent_at?)?;
    let next = sent + interval;
    (next > now).then(|| clock::stamp(next))
}

fn invitation_sent(access: &AccessRecord) -> Event {
    Event::new(EventType::InvitationSent, Actor::system())
        .contact(&access.contact_id, &access.name)
        .detail(format!("to {}", access.email))
}

/// `POST …/invitations`: another invitation for a contact with access, at most once per
/// `INVITE_RESEND_INTERVAL`. Asked for here, sent by the mail worker.
pub async fn resend_invitation(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    contact_id: &str,
) -> Result<InvitationView> {
    let matter = matters::require(app, matter_id).await?;
    let contact_id = validate::id("contactId", contact_id)?;
    let access = app
        .table
        .get(&AccessRecord::key_for(&matter.matter_id, &contact_id))
        .await?
        .filter(AccessRecord::is_active)
        .ok_or_else(|| {
            Error::not_found(format!("contact {contact_id} with access to this matter"))
        })?;
    let last = last_invitation(&access);
    if let Some(next) = resend_not_before(last, app.config.invite_resend_interval, clock::now()) {
        return Err(Error::Throttled(format!(
            "an invitation to {} was asked for at {}; another can be sent from {next}",
            access.email,
            last.unwrap_or_default()
        )));
    }
    let request = MailRequestRecord::invitation(&access, &staff.name, clock::now());
    let mut transaction = app.table.transaction();
    transaction.update(
        &access.key(),
        Change::new()
            .set(attr::INVITATION_REQUESTED_AT, &request.requested_at)
            .when(AccessRecord::not_revoked().and(AccessRecord::at_version(&access.grant_version))),
    )?;
    transaction.put(&request, None)?;
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        return Err(Error::Conflict(
            "the contact's access changed meanwhile; try again".into(),
        ));
    }
    Ok(InvitationView {
        contact_id,
        requested_at: request.requested_at,
    })
}

/// The later of the last invitation asked for and the last sent (stamps sort as times).
fn last_invitation(access: &AccessRecord) -> Option<&str> {
    let requested = access.invitation_requested_at.as_deref();
    let sent = access.invitation_sent_at.as_deref();
    requested.max(sent)
}

/// The mail worker's part: mints the link, emails it, then makes it live. A grant revoked
/// or re-addressed since the request drops it (the newer request invites). Should the email
/// fail, the new link is removed and the error returned, so that the queue retries; the
/// contact's older link stays live meanwhile.
pub async fn send_invitation(app: &App, request: &MailRequestRecord) -> Result<()> {
    let (Some(matter_id), Some(contact_id)) = (&request.matter_id, &request.contact_id) else {
        return Err(Error::internal("an invitation request names no grant"));
    };
    let access = app
        .table
        .get(&AccessRecord::key_for(matter_id, contact_id))
        .await?
        .filter(|a| a.is_active() && Some(&a.grant_version) == request.grant_version.as_ref());
    let Some(access) = access else {
        tracing::info!(request = %request.request_id, "invitation not sent: the grant changed");
        app.table
            .delete(&MailRequestRecord::key_for(&request.request_id))
            .await?;
        return Ok(());
    };
    let token = sessions::issue_token(app, &access, InvitationPurpose::Invite);
    // Stored but not live (the grant does not name it) until its email went out.
    app.table.put(&token.record, None).await?;
    let link = email::portal_link(&app.config.portal_url, &token.secret);
    let message = email::invitation(
        access.language_or(app.config.firm_language),
        &email::InvitationText {
            firm: &app.config.firm_name,
            inviter: request.invited_by.as_deref(),
            matter_title: &access.matter.matter_title,
            to: &access.email,
            name: &access.name,
            link: &link,
            ttl: app.config.invite_ttl,
        },
    );
    if let Err(err) = app.mailer.send(message).await {
        if let Err(cleanup) = app.table.delete(&token.record.key()).await {
            // Harmless if left: it is not live, and DynamoDB's TTL removes it.
            tracing::warn!(error = %cleanup.chain(), "unsent invitation not removed");
        }
        return Err(err);
    }
    let sent_at = clock::stamp(clock::now());
    let live = tokens::digest(&token.secret);
    // The email is out: noting it is retried here, since a retry of the whole message would
    // mail another link. A commit whose answer was lost is found cancelled the next time
    // (its request is gone), which is the same as done.
    let mut attempt = 1;
    loop {
        match note_invitation(app, &access, &sent_at, &live, request).await {
            Ok(Transacted::Committed) => return Ok(()),
            Ok(Transacted::Cancelled(_)) => {
                tracing::info!(request = %request.request_id, "invitation noted already, or the grant changed");
                return Ok(());
            }
            Err(err) if attempt < NOTE_ATTEMPTS => {
                tracing::warn!(error = %err.chain(), attempt, "invitation not noted; trying again");
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Attempts at noting a sent invitation before its message is left to the queue's retry.
const NOTE_ATTEMPTS: u32 = 3;

/// Removes the contact from the matter: access off and a new grant version first (every link
/// and session issued before is dead from here on), then the sessions and link are deleted.
/// Revoking again is harmless and records nothing new.
pub async fn revoke_access(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    contact_id: &str,
) -> Result<()> {
    let matter_id = validate::id("matterId", matter_id)?;
    let contact_id = validate::id("contactId", contact_id)?;
    let key = AccessRecord::key_for(&matter_id, &contact_id);
    let not_found = || Error::not_found(format!("contact {contact_id} on matter {matter_id}"));
    let old = app.table.get(&key).await?.ok_or_else(not_found)?;
    if old.is_active() {
        let change = Change::new()
            .set(attr::STATUS, AccessStatus::Revoked)
            .set(attr::GRANT_VERSION, sessions::new_grant_version())
            .remove(attr::INVITE_HASH)
            .when(AccessRecord::not_revoked().and(AccessRecord::at_version(&old.grant_version)));
        let mut transaction = app.table.transaction();
        transaction.update(&key, change)?;
        let event =
            Event::new(EventType::AccessRevoked, staff.actor()).contact(&contact_id, &old.name);
        events::add(&mut transaction, &matter_id, event)?;
        tally::note(&mut transaction, &matter_id, Tally::contacts(-1))?;
        if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
            return Err(Error::Conflict(
                "the contact's access changed meanwhile; try again".into(),
            ));
        }
    }
    if let Some(hash) = &old.invite_hash {
        app.table.delete(&InvitationRecord::key_for(hash)).await?;
    }
    sessions::end_sessions_of(app, &contact_id).await
}

pub async fn list_access(
    app: &App,
    matter_id: &str,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<AccessView>> {
    let matter = matters::require(app, matter_id).await?;
    let page = app
        .table
        .query_page(&AccessRecord::of_matter(&matter.matter_id), limit, cursor)
        .await?;
    Ok(page.map(AccessView::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;

    fn change_of(g: &AccessRecord) -> GrantChange {
        GrantChange {
            email: g.email.clone(),
            name: g.name.clone(),
            can_download: g.can_download,
            expires_at: g.expires_at.clone(),
            language: g.language,
        }
    }

    #[test]
    fn saving_a_grant_again_is_nothing_terms_or_a_new_identity() {
        let current = grant("m", "c");
        assert_eq!(
            classify(&current, &change_of(&current)),
            GrantUpdate::Unchanged
        );
        let mut terms = change_of(&current);
        terms.can_download = !current.can_download;
        assert_eq!(classify(&current, &terms), GrantUpdate::Terms);
        let mut case_only = change_of(&current);
        case_only.email = current.email.to_uppercase();
        assert_eq!(
            classify(&current, &case_only),
            GrantUpdate::Terms,
            "the same address in other letters is the same identity"
        );
        let mut moved = change_of(&current);
        moved.email = "someone.else@client.example".into();
        assert_eq!(classify(&current, &moved), GrantUpdate::Address);
        let mut spanish = change_of(&current);
        spanish.language = Some(Language::Es);
        assert_eq!(
            classify(&current, &spanish),
            GrantUpdate::Terms,
            "a language is a term: the same identity"
        );
    }

    #[test]
    fn another_invitation_waits_for_the_interval_after_the_last() {
        let ten = Duration::from_secs(600);
        let at = |stamp: &str| clock::parse_stamp(stamp).expect("stamp");
        let sent = "2026-12-03T10:00:00.000000Z";
        assert_eq!(
            resend_not_before(Some(sent), ten, at("2026-12-03T10:09:59.000000Z")).as_deref(),
            Some("2026-12-03T10:10:00.000000Z")
        );
        assert_eq!(
            resend_not_before(Some(sent), ten, at("2026-12-03T10:10:00.000000Z")),
            None
        );
        assert_eq!(
            resend_not_before(None, ten, at(sent)),
            None,
            "never invited: at once"
        );
    }

    #[test]
    fn a_resend_waits_for_the_later_of_the_last_asked_for_and_the_last_sent() {
        let mut access = grant("m1", "c1");
        assert_eq!(last_invitation(&access), None);
        access.invitation_sent_at = Some("2026-12-03T10:00:00.000000Z".into());
        access.invitation_requested_at = Some("2026-12-03T09:59:59.000000Z".into());
        assert_eq!(
            last_invitation(&access),
            Some("2026-12-03T10:00:00.000000Z")
        );
        // Asked for again and not sent yet: the request counts.
        access.invitation_requested_at = Some("2026-12-03T10:05:00.000000Z".into());
        assert_eq!(
            last_invitation(&access),
            Some("2026-12-03T10:05:00.000000Z")
        );
    }

    #[test]
    fn an_access_end_must_be_a_future_rfc3339_time() {
        assert_eq!(expiry(None).expect("none"), None);
        assert!(expiry(Some("2999-01-01T00:00:00Z"))
            .expect("future")
            .is_some());
        assert_eq!(
            expiry(Some("2000-01-01T00:00:00Z")).unwrap_err().status(),
            400
        );
        assert_eq!(expiry(Some("tomorrow")).unwrap_err().status(), 400);
    }

    #[test]
    fn the_terms_say_what_the_contact_may_do_and_until_when() {
        let mut g = grant("m", "c");
        assert_eq!(grant_terms(&g), "view and download");
        g.can_download = false;
        g.expires_at = Some("2027-01-01".into());
        assert_eq!(grant_terms(&g), "view only, until 2027-01-01");
    }

    #[test]
    fn an_access_past_its_end_shows_as_expired() {
        let mut g = grant("m", "c");
        g.expires_at = Some("2000-01-01T00:00:00.000000Z".into());
        g.last_opened_document_id = Some("d".into());
        g.last_opened_file_name = Some("a.pdf".into());
        g.last_opened_at = Some("t".into());
        let view = AccessView::from(g.clone());
        assert_eq!(view.status, "expired");
        assert_eq!(
            view.last_opened.map(|l| l.file_name).as_deref(),
            Some("a.pdf")
        );
        g.status = AccessStatus::Revoked;
        assert_eq!(AccessView::from(g).status, "revoked");
    }
}
