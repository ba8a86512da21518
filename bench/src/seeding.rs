//! The matters the bench runs on, written straight to the table in bulk: the bench measures
//! reads, and the service itself never writes in bulk.

use crate::BoxError;
use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use integration_tests::Stack;
use shared::records::{
    attr, AccessRecord, AccessStatus, Actor, DocumentRecord, DocumentStatus, Event, EventType,
    MatterRecord, MatterTallyRecord, Person, ShareRecord, UploadPurpose, UploadRecord,
    UploadStatus,
};
use shared::store::to_item;
use std::collections::HashMap;

const CONTACTS: usize = 50;

/// What one firm is: its label, matters, and its measured matter's documents, contacts and
/// events.
pub struct Size {
    pub label: &'static str,
    pub matters: usize,
    pub documents: usize,
    pub contacts: usize,
    pub events: usize,
}
/// DynamoDB's limit on the items of one BatchWriteItem.
const BATCH_WRITE_LIMIT: usize = 25;

/// One seeded matter and who can see what in it.
pub struct Scenario {
    /// How the tables name this matter, e.g. `20 documents`.
    pub label: String,
    pub matter: String,
    pub documents: Vec<String>,
    /// Every document is shared with this contact.
    pub contact: String,
    /// A portal session of `contact`.
    pub session: String,
    /// The other contacts, ten documents shared with each.
    pub others: Vec<String>,
    /// Their addresses, in the same order: where their invitations go.
    pub other_emails: Vec<String>,
    /// `contact`'s address.
    pub contact_email: String,
}

impl Scenario {
    /// The matter's Sharing section (`GET`) and where shares are created (`POST`).
    pub fn sharing_path(&self) -> String {
        format!("/matters/{}/shares", self.matter)
    }
}

/// A matter with `documents` available documents, 50 contacts, every document shared with the
/// first contact and ten with each of the others. Written in bulk: the bench measures reads.
pub async fn seed_matter(
    stack: &Stack,
    label: &str,
    documents: usize,
) -> Result<Scenario, BoxError> {
    let matter = stack.id(label);
    stack.save_matter(&matter).await;
    let mut contacts = Vec::new();
    let mut emails = Vec::new();
    for i in 0..CONTACTS {
        let contact = stack.id(&format!("{label}-c{i}"));
        let email = stack.email(&format!("{label}-c{i}"));
        stack.grant(&matter, &contact, &email, true).await;
        contacts.push(contact);
        emails.push(email);
    }
    let mut items = Vec::new();
    let mut ids = Vec::new();
    let mut counts = vec![0i64; CONTACTS];
    for n in 0..documents {
        let id = format!("{label}{n:05}x{}", stack.run);
        let at = shared::clock::stamp(shared::clock::now());
        let document = attached_document(
            &mut items,
            &matter,
            &id,
            &format!("Document {n:05}.pdf"),
            &at,
        )?;
        for (c, contact) in contacts.iter().enumerate() {
            if c == 0 || n < 10 {
                let person = Person {
                    id: contact.clone(),
                    email: emails[c].clone(),
                    name: format!("Client {contact}"),
                };
                let share = ShareRecord::new(&document, &person, "staff-1", &at, None);
                items.push(to_item(&share)?);
                counts[c] += 1;
            }
        }
        ids.push(id);
    }
    write_all(stack, items).await?;
    for (contact, count) in contacts.iter().zip(counts) {
        let change = shared::store::Change::new()
            .set(attr::SHARED_COUNT, count)
            .set(attr::STATUS, AccessStatus::Active);
        stack
            .app
            .table
            .update(&AccessRecord::key_for(&matter, contact), change)
            .await?;
    }
    let session = stack.sign_in(&emails[0]).await;
    Ok(Scenario {
        label: format!("{documents} documents"),
        matter,
        documents: ids,
        contact: contacts[0].clone(),
        session,
        others: contacts[1..].to_vec(),
        other_emails: emails[1..].to_vec(),
        contact_email: emails[0].clone(),
    })
}

/// A firm of `size.matters` matters, one of which (the scenario's) has `size.documents`
/// documents, `size.contacts` contacts and `size.events` events.
pub async fn seed_firm(stack: &Stack, size: &Size) -> Result<Scenario, BoxError> {
    let scenario = seed_matter(stack, &size.label.replace(" ", "-"), size.documents).await?;
    let matter = &scenario.matter;
    let mut items = Vec::new();
    let model = stack
        .app
        .table
        .get(&AccessRecord::key_for(matter, &scenario.contact))
        .await?
        .ok_or("the seeded grant")?;
    for n in CONTACTS..size.contacts {
        let mut grant = model.clone();
        grant.contact_id = format!("{}-extra{n}", scenario.contact);
        grant.email = format!("extra{n}.{}", scenario.contact_email);
        grant.name = format!("Extra Client {n}");
        grant.shared_count = 0;
        items.push(to_item(&grant)?);
    }
    let at = shared::clock::stamp(shared::clock::now());
    for n in 0..size.events {
        let event = Event::new(
            EventType::DocumentViewed,
            Actor::contact(&scenario.contact, "Client"),
        )
        .contact(&scenario.contact, "Client")
        .document(
            &scenario.documents[n % scenario.documents.len()],
            "Document.pdf",
        );
        items.push(to_item(&event.record(matter, &at))?);
    }
    for n in 1..size.matters {
        let id = format!("{matter}-other{n}");
        let settings = MatterRecord {
            matter_id: id.clone(),
            title: format!("Matter {n:05}"),
            owner: author(),
            notify: Vec::new(),
            updated_at: at.clone(),
            updated_by: "staff-1".into(),
        };
        items.push(to_item(&settings)?);
        items.push(to_item(&MatterTallyRecord::empty(&id, &at))?);
    }
    write_all(stack, items).await?;
    Ok(scenario)
}

/// `count` items of other matters, as a firm's table holds them: for each matter a grant, then
/// documents (an attached upload and its document) and events, in turn.
pub async fn write_filler(stack: &Stack, count: usize) -> Result<(), BoxError> {
    let mut items = Vec::with_capacity(count);
    let mut n = 0usize;
    while items.len() < count {
        let matter = format!("filler{}x{}", n / 100, stack.run);
        let at = shared::clock::stamp(shared::clock::now());
        match n % 3 {
            0 | 1 => {
                let id = format!("f{n:07}x{}", stack.run);
                attached_document(&mut items, &matter, &id, &format!("Filler {n:07}.pdf"), &at)?;
            }
            _ => {
                let event = Event::new(
                    EventType::DocumentShared,
                    Actor::staff("staff-1", "Ann Lawyer"),
                )
                .contact(&format!("c{n}"), "Filler Client")
                .document(&format!("f{n:07}"), "Filler.pdf");
                items.push(to_item(&event.record(&matter, &at))?);
            }
        }
        n += 1;
    }
    items.truncate(count);
    write_all(stack, items).await
}

/// As the pipeline leaves an accepted firm upload: its intent attached, and its document,
/// both pushed to `items`; the document is returned.
fn attached_document(
    items: &mut Vec<HashMap<String, AttributeValue>>,
    matter: &str,
    id: &str,
    file_name: &str,
    at: &str,
) -> Result<DocumentRecord, BoxError> {
    let upload = UploadRecord {
        upload_id: id.into(),
        matter_id: matter.into(),
        purpose: UploadPurpose::FirmDocument,
        uploader: author(),
        file_name: file_name.into(),
        content_type: "application/pdf".into(),
        size: 1024,
        sha256: shared::checksum::sha256_base64(&[0; 1024]),
        status: UploadStatus::Attached,
        created_at: at.into(),
        rejection_reason: None,
        document_id: None,
        task_id: None,
        awaiting_scan_since: None,
        expires_at_epoch: shared::clock::epoch_seconds(shared::clock::now()) + 86_400,
    };
    let document = DocumentRecord::from_upload(&upload, author(), DocumentStatus::Available, at);
    items.push(to_item(&upload)?);
    items.push(to_item(&document)?);
    Ok(document)
}

/// The staff member the seeded records name.
fn author() -> Person {
    Person {
        id: "staff-1".into(),
        email: "ann.lawyer@firm.example".into(),
        name: "Ann Lawyer".into(),
    }
}

/// Bulk writes with the bench's own client, retrying what DynamoDB leaves unprocessed.
async fn write_all(
    stack: &Stack,
    items: Vec<HashMap<String, AttributeValue>>,
) -> Result<(), BoxError> {
    let client = aws_sdk_dynamodb::Client::new(&stack.sdk);
    let table = &stack.app.config.table_name;
    for chunk in items.chunks(BATCH_WRITE_LIMIT) {
        let mut pending = chunk
            .iter()
            .map(|item| {
                let put = PutRequest::builder().set_item(Some(item.clone())).build()?;
                Ok(WriteRequest::builder().put_request(put).build())
            })
            .collect::<Result<Vec<_>, BoxError>>()?;
        while !pending.is_empty() {
            let out = client
                .batch_write_item()
                .request_items(table, pending)
                .send()
                .await?;
            pending = out
                .unprocessed_items
                .and_then(|mut u| u.remove(table))
                .unwrap_or_default();
        }
    }
    Ok(())
}
