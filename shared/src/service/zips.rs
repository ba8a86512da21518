//! Zip downloads: a contact's documents on a matter (or in one of its folders), or a whole
//! matter for staff, as one archive streamed from the documents' objects into an S3
//! multipart upload (see `archive`), then one short-lived link to it.
//!
//! The archive's key is a hash of what is in it (each document's id, version and name
//! inside), so the same request again, by anyone who may see the same documents, reuses the
//! finished object; a new version or a rename makes a new one. Archives live under `zips/`,
//! which the upload trigger ignores and the bucket expires after a day.

use super::events::{self, Event};
use super::listing::{Shares, SortBy};
use super::sessions::Contact;
use crate::archive::{self, ArchiveWriter};
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::files::MultipartWrite;
use crate::records::{
    Actor, DocumentRecord, EventType, FolderEntryRecord, FolderRecord, MatterRecord, ShareRecord,
};
use crate::store::{BatchRead, Stored, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ZipInput {
    /// One folder's documents; the whole matter without it.
    #[serde(default)]
    pub folder_id: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ZipView {
    pub url: String,
    pub expires_at: String,
    pub file_name: String,
    pub entries: usize,
    pub size: u64,
    /// The same documents were zipped before and that archive was handed out again.
    pub reused: bool,
}

/// One file of an archive: the document and its name inside.
#[derive(Debug)]
pub struct Entry {
    pub document: DocumentRecord,
    pub name: String,
}

/// The entries for documents in the order given: a folder's files bare when the archive is
/// that folder, else under their folder's name.
pub fn entries(documents: Vec<DocumentRecord>, one_folder: bool) -> Vec<Entry> {
    let names = archive::entry_names(documents.iter().map(|d| {
        let folder = d.folder_name.as_deref().filter(|_| !one_folder);
        (folder, d.file_name.as_str())
    }));
    documents
        .into_iter()
        .zip(names)
        .map(|(document, name)| Entry { document, name })
        .collect()
}

/// Where the archive of exactly these entries lives: a name for its contents.
pub fn archive_key(matter_id: &str, entries: &[Entry]) -> String {
    let mut hash = Sha256::new();
    for entry in entries {
        let d = &entry.document;
        hash.update(format!(
            "{}\n{}\n{}\n",
            d.document_id, d.version, entry.name
        ));
        hash.update([0]);
    }
    let digest = crate::checksum::hex(&hash.finalize());
    format!("zips/{matter_id}/{digest}.zip")
}

/// The archive's size, refused over the caps with what to do instead.
pub fn checked_size(entries: &[Entry], max_bytes: u64, max_entries: usize) -> Result<u64> {
    if entries.is_empty() {
        return Err(Error::not_found("documents to download"));
    }
    if entries.len() > max_entries {
        return Err(Error::TooLarge(format!(
            "{} documents are more than one zip may hold ({max_entries}); download a folder at a time",
            entries.len()
        )));
    }
    let size = archive::archive_size(entries.iter().map(|e| (e.name.len(), e.document.size)));
    if size > max_bytes {
        return Err(Error::TooLarge(format!(
            "these documents come to {} MB, over the {} MB one zip may hold; download a folder at a time or the documents one by one",
            size.div_ceil(1_000_000),
            max_bytes / 1_000_000
        )));
    }
    Ok(size)
}

/// `name.zip`, from a folder or matter name.
fn zip_name(name: &str) -> String {
    let name = name.trim();
    format!("{}.zip", if name.is_empty() { "documents" } else { name })
}

/// A contact's documents on a matter, or in one folder of it, as one zip. Only with download
/// permission; every document counts as a download (against its limit, with its event)
/// before the link is minted, and one over its limit refuses the whole zip by name.
pub async fn for_contact(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    input: ZipInput,
) -> Result<ZipView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let folder_id = input
        .folder_id
        .map(|f| validate::id("folderId", &f))
        .transpose()?;
    let access = contact
        .grant_on(&matter_id)
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))?;
    if !access.can_download {
        return Err(Error::Forbidden(
            "you may view this matter's documents but not download them".into(),
        ));
    }
    let (shares, documents) = match &folder_id {
        Some(folder_id) => shared_in_folder(app, &contact.id, &matter_id, folder_id).await?,
        None => {
            let query = ShareRecord::listed(
                Shares::OfContactInMatter(&contact.id, &matter_id),
                SortBy::Name,
            );
            let shares = app.table.query_all(&query).await?;
            let documents = available_documents(app, &matter_id, &shares).await?;
            (shares, documents)
        }
    };
    let zipped: HashSet<&str> = documents.iter().map(|d| d.document_id.as_str()).collect();
    let used_up: Vec<&str> = shares
        .iter()
        .filter(|s| s.limit_reached() && zipped.contains(s.document_id.as_str()))
        .map(|s| s.document.file_name.as_str())
        .collect();
    if !used_up.is_empty() {
        return Err(Error::Forbidden(format!(
            "the download limit is reached for {}; download the others one by one",
            used_up.join(", ")
        )));
    }
    let title = match (&folder_id, documents.first()) {
        (Some(_), Some(d)) => d.folder_name.clone().unwrap_or_default(),
        (Some(f), None) => return Err(Error::not_found(format!("folder {f}"))),
        (None, _) => access.matter.matter_title.clone(),
    };
    let entries = entries(documents, folder_id.is_some());
    let size = checked_size(
        &entries,
        app.config.zip_max_bytes,
        app.config.zip_max_entries,
    )?;
    let file_name = zip_name(&title);
    let (key, reused) = archive_once(app, &matter_id, &entries).await?;
    let by_id: HashMap<&str, &ShareRecord> =
        shares.iter().map(|s| (s.document_id.as_str(), s)).collect();
    count_downloads(app, contact, &entries, &by_id, &file_name).await?;
    link(app, key, file_name, entries.len(), size, reused).await
}

/// A whole matter, or one folder of it, for staff: every available document.
pub async fn for_staff(app: &App, matter_id: &str, input: ZipInput) -> Result<ZipView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let (title, one_folder, documents) = match input.folder_id {
        Some(folder_id) => folder_documents(app, &matter_id, &folder_id).await?,
        None => matter_documents(app, &matter_id).await?,
    };
    let mut documents: Vec<DocumentRecord> = documents
        .into_iter()
        .filter(|d| d.matter_id == matter_id && d.is_available())
        .collect();
    documents.sort_by_key(|d| {
        let folder = d.folder_name.as_deref().unwrap_or("").to_lowercase();
        (d.folder_id.is_some(), folder, d.file_name.to_lowercase())
    });
    let entries = entries(documents, one_folder);
    let size = checked_size(
        &entries,
        app.config.zip_max_bytes,
        app.config.zip_max_entries,
    )?;
    let (key, reused) = archive_once(app, &matter_id, &entries).await?;
    link(app, key, zip_name(&title), entries.len(), size, reused).await
}

/// A folder's name (and that it is one) and its documents: read through its entries, so a
/// folder's zip costs the same in a matter of ten documents or ten thousand.
async fn folder_documents(
    app: &App,
    matter_id: &str,
    folder_id: &str,
) -> Result<(String, bool, Vec<DocumentRecord>)> {
    let folder_id = validate::id("folderId", folder_id)?;
    let folder = app
        .table
        .get(&FolderRecord::key_for(matter_id, &folder_id))
        .await?
        .ok_or_else(|| Error::not_found(format!("folder {folder_id}")))?;
    let in_folder = app
        .table
        .query_all(&FolderEntryRecord::of_folder(&folder_id))
        .await?;
    let keys: Vec<_> = in_folder
        .iter()
        .map(|e| DocumentRecord::key_for(&e.document_id))
        .collect();
    let documents: Vec<DocumentRecord> = app.table.batch_get(&keys).await?;
    let documents = documents
        .into_iter()
        .filter(|d| d.folder_id.as_deref() == Some(folder_id.as_str()))
        .collect();
    Ok((folder.name, true, documents))
}

/// The matter's title and every one of its documents.
async fn matter_documents(
    app: &App,
    matter_id: &str,
) -> Result<(String, bool, Vec<DocumentRecord>)> {
    let title = app
        .table
        .get(&MatterRecord::key_for(matter_id))
        .await?
        .map(|m| m.title)
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))?;
    let documents = app
        .table
        .query_all(&DocumentRecord::in_matter(matter_id))
        .await?;
    Ok((title, false, documents))
}

/// The contact's shares of a folder's documents and those documents (available, still in
/// the folder), by name: read through the folder's entries, so a folder's zip costs the same
/// whatever else the contact has on the matter.
async fn shared_in_folder(
    app: &App,
    contact_id: &str,
    matter_id: &str,
    folder_id: &str,
) -> Result<(Vec<ShareRecord>, Vec<DocumentRecord>)> {
    let entries = app
        .table
        .query_all(&FolderEntryRecord::of_folder(folder_id))
        .await?;
    let mut batch = BatchRead::new();
    let wanted: Vec<_> = entries
        .iter()
        .filter(|e| e.matter_id == matter_id)
        .map(|e| {
            let share = batch.want(ShareRecord::key_for(&e.document_id, contact_id));
            let document = batch.want(DocumentRecord::key_for(&e.document_id));
            (share, document)
        })
        .collect();
    let mut found = app.table.read_batch(batch).await?;
    let mut pairs = Vec::new();
    for (share_key, document_key) in wanted {
        let share = found.take(&share_key)?.filter(|s| s.matter_id == matter_id);
        let document = found.take(&document_key)?.filter(|d: &DocumentRecord| {
            d.matter_id == matter_id
                && d.is_available()
                && d.folder_id.as_deref() == Some(folder_id)
        });
        if let (Some(share), Some(document)) = (share, document) {
            pairs.push((share, document));
        }
    }
    pairs.sort_by_key(|(_, d)| d.file_name.to_lowercase());
    Ok(pairs.into_iter().unzip())
}

/// The shared documents as they are now, available ones only, in the shares' order.
async fn available_documents(
    app: &App,
    matter_id: &str,
    shares: &[ShareRecord],
) -> Result<Vec<DocumentRecord>> {
    let keys: Vec<_> = shares
        .iter()
        .map(|s| DocumentRecord::key_for(&s.document_id))
        .collect();
    let mut found: HashMap<String, DocumentRecord> = app
        .table
        .batch_get(&keys)
        .await?
        .into_iter()
        .filter(|d: &DocumentRecord| d.matter_id == matter_id && d.is_available())
        .map(|d| (d.document_id.clone(), d))
        .collect();
    Ok(shares
        .iter()
        .filter_map(|s| found.remove(&s.document_id))
        .collect())
}

/// The archive of these entries: the finished one if it exists, else written now.
async fn archive_once(app: &App, matter_id: &str, entries: &[Entry]) -> Result<(String, bool)> {
    let key = archive_key(matter_id, entries);
    if app.files.head(&key).await?.is_some() {
        return Ok((key, true));
    }
    let mut sink = app.files.write_in_parts(&key, "application/zip").await?;
    let written = match write_entries(app, &mut sink, entries).await {
        Ok(()) => sink.complete().await,
        Err(err) => Err(err),
    };
    if let Err(err) = written {
        sink.abort().await;
        return Err(err);
    }
    Ok((key, false))
}

/// Each entry's bytes from its object straight into the sink, chunk by chunk.
async fn write_entries(app: &App, sink: &mut MultipartWrite, entries: &[Entry]) -> Result<()> {
    let mut writer = ArchiveWriter::default();
    for entry in entries {
        let document = &entry.document;
        let modified = clock::parse_stamp(document.version_uploaded_at())
            .map(archive::dos_time)
            .unwrap_or((0, 33));
        sink.write(&writer.start(&entry.name, modified)?).await?;
        let mut body = app.files.stream(&document.object_key).await?;
        let mut crc = crc32fast::Hasher::new();
        let mut size = 0u64;
        while let Some(chunk) = body
            .try_next()
            .await
            .map_err(|e| Error::upstream("S3 GetObject body", e))?
        {
            crc.update(&chunk);
            size += chunk.len() as u64;
            sink.write(&chunk).await?;
        }
        if size != document.size {
            // Accepted bytes never change: a difference is a fault, and would break the cap.
            return Err(Error::internal(format!(
                "{} holds {size} bytes, not the {} recorded",
                document.object_key, document.size
            )));
        }
        sink.write(&writer.end(crc.finalize(), size)?).await?;
    }
    sink.write(&writer.finish()?).await
}

/// Documents counted per transaction: a share's count and an event each, with the grant.
const COUNTED_PER_TRANSACTION: usize = 40;
const COUNT_ATTEMPTS: usize = 8;

/// Every entry counts as a download on its share, with a `documentDownloaded` event naming
/// the zip. A share whose limit ran out meanwhile refuses the zip; the documents counted in
/// earlier transactions stay counted (each was in a finished archive about to be handed out).
async fn count_downloads(
    app: &App,
    contact: &Contact,
    entries: &[Entry],
    shares: &HashMap<&str, &ShareRecord>,
    file_name: &str,
) -> Result<()> {
    for chunk in entries.chunks(COUNTED_PER_TRANSACTION) {
        count_chunk(app, contact, chunk, shares, file_name).await?;
    }
    Ok(())
}

async fn count_chunk(
    app: &App,
    contact: &Contact,
    chunk: &[Entry],
    shares: &HashMap<&str, &ShareRecord>,
    file_name: &str,
) -> Result<()> {
    let changed =
        || Error::Conflict("the documents changed while the zip was made; try again".into());
    for attempt in 0..COUNT_ATTEMPTS {
        let now = clock::stamp(clock::now());
        let mut transaction = app.table.transaction();
        let mut counted = Vec::with_capacity(chunk.len());
        for entry in chunk {
            let document = &entry.document;
            let share = shares
                .get(document.document_id.as_str())
                .ok_or_else(|| Error::internal("a zip entry without its share"))?;
            let index = transaction.update(
                &share.key(),
                share.count_opening(&now, document.version, true),
            )?;
            counted.push((index, *share));
            let event = Event::new(
                EventType::DocumentDownloaded,
                Actor::contact(&contact.id, &contact.name),
            )
            .contact(&contact.id, &contact.name)
            .document(&document.document_id, &document.file_name)
            .version(document.version, document.sha256.as_deref())
            .detail(format!("In {file_name}"));
            events::add(&mut transaction, &document.matter_id, event)?;
        }
        let matter_id = &chunk[0].document.matter_id;
        let grant = contact
            .grant_on(matter_id)
            .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))?;
        let last = &chunk[chunk.len() - 1].document;
        let grant_noted = transaction.update(
            &grant.key(),
            super::portal::noted_on_grant(grant, last, &now),
        )?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => return Ok(()),
            Transacted::Cancelled(c) if c.failed_condition(grant_noted) => {
                return Err(Error::not_found(format!("matter {matter_id}")))
            }
            Transacted::Cancelled(c) if c.any_failed_condition() => {
                for (index, share) in &counted {
                    if !c.failed_condition(*index) {
                        continue;
                    }
                    let now_share = app.table.get(&share.key()).await?;
                    if now_share.is_some_and(|s| s.limit_reached()) {
                        return Err(Error::Forbidden(format!(
                            "the download limit is reached for {}",
                            share.document.file_name
                        )));
                    }
                }
                return Err(changed());
            }
            Transacted::Cancelled(c) if c.conflicted() => {
                let pause = 5 + rand::random::<u64>() % 20 * (attempt as u64 + 1);
                tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            }
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (zip)", c))
            }
        }
    }
    Err(changed())
}

/// The short-lived GET of the archive, saved under `file_name`.
async fn link(
    app: &App,
    key: String,
    file_name: String,
    entries: usize,
    size: u64,
    reused: bool,
) -> Result<ZipView> {
    let ttl = app.config.download_url_ttl;
    let disposition = header_value(Disposition::Download, &file_name);
    let url = app
        .files
        .presign_get(&key, &disposition, "application/zip", ttl)
        .await?;
    Ok(ZipView {
        url,
        expires_at: clock::stamp(clock::now() + ttl),
        file_name,
        entries,
        size,
        reused,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::document;

    fn in_folder(id: &str, name: &str, folder: Option<&str>) -> DocumentRecord {
        let mut d = document(id, "m");
        d.file_name = name.into();
        d.folder_id = folder.map(|f| format!("f-{f}"));
        d.folder_name = folder.map(str::to_string);
        d.size = 10;
        d
    }

    #[test]
    fn a_matter_zip_names_files_under_their_folders_and_a_folder_zip_bare() {
        let docs = || {
            vec![
                in_folder("a", "Will.pdf", None),
                in_folder("b", "Will.pdf", Some("Court")),
            ]
        };
        let names: Vec<String> = entries(docs(), false).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Will.pdf", "Court/Will.pdf"]);
        let names: Vec<String> = entries(docs(), true).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Will.pdf", "Will (2).pdf"]);
    }

    #[test]
    fn the_key_changes_with_a_version_or_a_name_and_not_otherwise() {
        let key = |d: DocumentRecord| archive_key("m", &entries(vec![d], false));
        let first = in_folder("a", "Will.pdf", None);
        assert_eq!(key(first.clone()), key(first.clone()));
        assert!(key(first.clone()).starts_with("zips/m/"));
        let mut newer = first.clone();
        newer.version = 2;
        assert_ne!(key(first.clone()), key(newer));
        assert_ne!(key(first), key(in_folder("a", "Will 2.pdf", None)));
    }

    #[test]
    fn sizes_over_the_caps_are_refused_with_what_to_do() {
        let three = entries(
            vec![
                in_folder("a", "a.pdf", None),
                in_folder("b", "b.pdf", None),
                in_folder("c", "c.pdf", None),
            ],
            false,
        );
        let exact = checked_size(&three, u64::MAX, 3).unwrap();
        assert_eq!(exact, 22 + 3 * (30 + 5 + 10 + 16 + 46 + 5));
        assert!(checked_size(&three, exact, 3).is_ok());
        let over = checked_size(&three, exact - 1, 3).unwrap_err();
        assert_eq!(over.status(), 413);
        assert!(over.to_string().contains("a folder at a time"), "{over}");
        assert_eq!(checked_size(&three, u64::MAX, 2).unwrap_err().status(), 413);
        assert_eq!(checked_size(&[], u64::MAX, 2).unwrap_err().status(), 404);
    }

    #[test]
    fn a_zip_is_named_after_its_folder_or_matter() {
        assert_eq!(zip_name("Estate of Ada "), "Estate of Ada.zip");
        assert_eq!(zip_name(" "), "documents.zip");
    }
}
