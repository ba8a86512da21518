//! Folders of a matter, one level deep: create, rename, delete when empty, move a document
//! in or out, and share a folder with contacts so that its documents, now and later, are
//! shared with them (under the folder share's download limit) until the folder share stops.
//!
//! One level because the portal groups a matter's documents under one heading each, a
//! document then reaches a contact through at most one folder (so a share names one
//! `viaFolder`), and a move touches two folders' shares only. A folder share is kept as
//! itself and as one `ShareRecord` per document naming it (see `records::folder`), so the
//! portal's list, links, counts and limits are those of documents, unchanged.

use super::documents::{self, DocumentView};
use super::events::{self, Event};
use super::{matters, sharing, tally, versions};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::records::{
    AccessRecord, DocumentRecord, EventType, FolderEntryRecord, FolderRecord, FolderShareRecord,
    MatterRecord, ShareRecord, Tally,
};
use crate::store::{Condition, Stored, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};

/// Folders per matter: the console lists them all at once.
pub const MAX_FOLDERS: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FolderInput {
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveInput {
    /// The folder to move into; null: out of every folder.
    pub folder_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FolderShareInput {
    pub contact_ids: Vec<String>,
    /// How many download links each document's share allows; none: no limit.
    #[serde(default)]
    pub download_limit: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderShareView {
    pub contact_id: String,
    pub contact_name: String,
    pub shared_at: String,
    pub download_limit: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderView {
    pub folder_id: String,
    pub name: String,
    pub created_at: String,
    pub document_count: i64,
    pub shared_with: Vec<FolderShareView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderList {
    pub items: Vec<FolderView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderShareOutcome {
    /// Document shares the folder share made now (documents already shared are not counted).
    pub created: usize,
}

/// The matter's folders by name (case-insensitive), each with whom it is shared.
pub fn folder_views(folders: Vec<FolderRecord>, shares: Vec<FolderShareRecord>) -> Vec<FolderView> {
    let mut views: Vec<FolderView> = folders
        .into_iter()
        .map(|f| FolderView {
            shared_with: shares
                .iter()
                .filter(|s| s.folder_id == f.folder_id)
                .map(|s| FolderShareView {
                    contact_id: s.contact_id.clone(),
                    contact_name: s.contact_name.clone(),
                    shared_at: s.shared_at.clone(),
                    download_limit: s.download_limit,
                })
                .collect(),
            folder_id: f.folder_id,
            name: f.name,
            created_at: f.created_at,
            document_count: f.document_count.max(0),
        })
        .collect();
    views.sort_by(|a, b| {
        (a.name.to_lowercase(), &a.folder_id).cmp(&(b.name.to_lowercase(), &b.folder_id))
    });
    views
}

/// A folder's name: the rules of a file name (no path, no invisible characters).
fn folder_name(name: &str) -> Result<String> {
    validate::file_name(name).map_err(|_| {
        Error::validation(
            "name must be a folder name: 1 to 255 characters, no / \\ or invisible characters",
        )
    })
}

pub async fn list(app: &App, matter_id: &str) -> Result<FolderList> {
    let matter = matters::require(app, matter_id).await?;
    let folders = app
        .table
        .query_all(&FolderRecord::in_matter(&matter.matter_id))
        .await?;
    let shares = app
        .table
        .query_all(&FolderShareRecord::in_matter(&matter.matter_id))
        .await?;
    Ok(FolderList {
        items: folder_views(folders, shares),
    })
}

async fn require(app: &App, matter_id: &str, folder_id: &str) -> Result<FolderRecord> {
    let folder_id = validate::id("folderId", folder_id)?;
    app.table
        .get(&FolderRecord::key_for(matter_id, &folder_id))
        .await?
        .ok_or_else(|| Error::not_found(format!("folder {folder_id} in matter {matter_id}")))
}

/// A valid folder name no other folder of the matter has (ignoring case), and room for a new
/// folder when `renaming` is none.
async fn unused_name(
    app: &App,
    matter_id: &str,
    name: &str,
    renaming: Option<&str>,
) -> Result<String> {
    let name = folder_name(name)?;
    let folders = app
        .table
        .query_all(&FolderRecord::in_matter(matter_id))
        .await?;
    if renaming.is_none() && folders.len() >= MAX_FOLDERS {
        return Err(Error::Conflict(format!(
            "a matter holds at most {MAX_FOLDERS} folders"
        )));
    }
    let taken = folders.iter().any(|f| {
        Some(f.folder_id.as_str()) != renaming && f.name.to_lowercase() == name.to_lowercase()
    });
    if taken {
        return Err(Error::Conflict(format!(
            "the matter already has a folder {name}"
        )));
    }
    Ok(name)
}

pub async fn create(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: FolderInput,
) -> Result<FolderView> {
    let matter = matters::require(app, matter_id).await?;
    let name = unused_name(app, &matter.matter_id, &input.name, None).await?;
    let folder = FolderRecord {
        folder_id: crate::records::new_id(),
        matter_id: matter.matter_id.clone(),
        name,
        created_at: clock::stamp(clock::now()),
        created_by: staff.person(),
        document_count: 0,
    };
    let mut transaction = app.table.transaction();
    transaction.put(&folder, Some(Condition::absent()))?;
    events::add(
        &mut transaction,
        &matter.matter_id,
        Event::new(EventType::FolderCreated, staff.actor()).detail(&folder.name),
    )?;
    tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
    if let Transacted::Cancelled(c) = app.table.commit(transaction).await? {
        return Err(Error::upstream("DynamoDB TransactWriteItems (folder)", c));
    }
    Ok(folder_views(vec![folder], Vec::new()).remove(0))
}

/// Renames a folder; its documents and every share of them carry the new name (for the
/// portal's grouping).
pub async fn rename(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    folder_id: &str,
    input: FolderInput,
) -> Result<FolderView> {
    let matter = matters::require(app, matter_id).await?;
    let folder = require(app, &matter.matter_id, folder_id).await?;
    let name = unused_name(app, &matter.matter_id, &input.name, Some(&folder.folder_id)).await?;
    let mut transaction = app.table.transaction();
    transaction.update(
        &folder.key(),
        crate::store::Change::new()
            .set(crate::records::attr::NAME, name.as_str())
            .when(Condition::exists()),
    )?;
    let event = Event::new(EventType::FolderRenamed, staff.actor())
        .detail(format!("{} to {name}", folder.name));
    events::add(&mut transaction, &matter.matter_id, event)?;
    if let Transacted::Cancelled(c) = app.table.commit(transaction).await? {
        return Err(Error::upstream(
            "DynamoDB TransactWriteItems (rename folder)",
            c,
        ));
    }
    for entry in app
        .table
        .query_all(&FolderEntryRecord::of_folder(&folder.folder_id))
        .await?
    {
        let document_key = DocumentRecord::key_for(&entry.document_id);
        app.table
            .update(
                &document_key,
                DocumentRecord::folder_renamed(&folder.folder_id, &name),
            )
            .await?;
        let shares = app
            .table
            .query_all(&ShareRecord::of_document(&entry.document_id))
            .await?;
        for share in shares {
            let copy = ShareRecord::copy_folder(Some((&folder.folder_id, &name)));
            app.table.update(&share.key(), copy).await?;
        }
    }
    let shares = shares_of(app, &folder).await?;
    let renamed = FolderRecord { name, ..folder };
    Ok(folder_views(vec![renamed], shares).remove(0))
}

/// Whom a folder is shared with.
async fn shares_of(app: &App, folder: &FolderRecord) -> Result<Vec<FolderShareRecord>> {
    let query = FolderShareRecord::of_folder(&folder.matter_id, &folder.folder_id);
    app.table.query_all(&query).await
}

/// Deletes an empty folder (409 otherwise) and its folder shares (which, with no documents,
/// share nothing).
pub async fn delete(app: &App, staff: &Staff, matter_id: &str, folder_id: &str) -> Result<()> {
    let matter = matters::require(app, matter_id).await?;
    let folder = require(app, &matter.matter_id, folder_id).await?;
    let shares = shares_of(app, &folder).await?;
    let mut transaction = app.table.transaction();
    let emptied = transaction.delete(
        &folder.key(),
        Some(Condition::exists().and(FolderRecord::empty())),
    )?;
    for share in shares.iter().take(90) {
        transaction.delete(&share.key(), None)?;
    }
    let event = Event::new(EventType::FolderDeleted, staff.actor()).detail(&folder.name);
    events::add(&mut transaction, &matter.matter_id, event)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) if c.failed_condition(emptied) => Err(Error::Conflict(format!(
            "the folder {} still holds documents: move or delete them first",
            folder.name
        ))),
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (delete folder)",
            c,
        )),
    }
}

/// Moves an available document into a folder of its matter (or out of every folder). Shares
/// follow: those only through the old folder's share go, the new folder's shares share it.
/// Moving it where it already is only repeats the shares' part (a retry finishes it).
pub async fn move_document(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    document_id: &str,
    input: MoveInput,
) -> Result<DocumentView> {
    let matter = matters::require(app, matter_id).await?;
    let document = versions::available(app, &matter.matter_id, document_id).await?;
    let target = match &input.folder_id {
        Some(id) => Some(require(app, &matter.matter_id, id).await?),
        None => None,
    };
    let from = document.folder_id.clone();
    let to = target.as_ref().map(|f| f.folder_id.clone());
    let moved = DocumentRecord {
        folder_id: to.clone(),
        folder_name: target.as_ref().map(|f| f.name.clone()),
        ..document.clone()
    };
    if from != to {
        let mut transaction = app.table.transaction();
        let moving = transaction.update(
            &document.key(),
            DocumentRecord::move_to_folder(
                &matter.matter_id,
                from.as_deref(),
                target
                    .as_ref()
                    .map(|f| (f.folder_id.as_str(), f.name.as_str())),
            ),
        )?;
        if let Some(old) = &from {
            documents::leave_folder(
                &mut transaction,
                &matter.matter_id,
                old,
                &document.document_id,
            )?;
        }
        let mut into = None;
        if let Some(folder) = &target {
            let entry = FolderEntryRecord {
                folder_id: folder.folder_id.clone(),
                matter_id: matter.matter_id.clone(),
                document_id: document.document_id.clone(),
            };
            transaction.put(&entry, None)?;
            into = Some(transaction.update(&folder.key(), FolderRecord::count_documents(1))?);
        }
        let detail = target.as_ref().map_or_else(
            || "out of its folder".to_string(),
            |f| format!("into {}", f.name),
        );
        let event = Event::new(EventType::DocumentMoved, staff.actor())
            .document(&document.document_id, &document.file_name)
            .detail(detail);
        events::add(&mut transaction, &matter.matter_id, event)?;
        tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => {}
            Transacted::Cancelled(c) if c.failed_condition(moving) => {
                return Err(Error::Conflict(
                    "the document was moved or deleted meanwhile; look again".into(),
                ))
            }
            Transacted::Cancelled(c) if into.is_some_and(|i| c.failed_condition(i)) => {
                return Err(Error::not_found("the folder was deleted meanwhile"))
            }
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (move)", c))
            }
        }
    }
    shares_follow(
        app,
        staff,
        &matter,
        &moved,
        target.as_ref(),
        from.as_deref(),
    )
    .await?;
    Ok(DocumentView::from(moved))
}

/// After a move into `target` (none: out of every folder): every share's copy names the new
/// folder; a share only through the old folder's share goes; the new folder's shares share
/// the document.
async fn shares_follow(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    document: &DocumentRecord,
    target: Option<&FolderRecord>,
    from: Option<&str>,
) -> Result<()> {
    let folder = document
        .folder_id
        .as_deref()
        .zip(document.folder_name.as_deref());
    for share in app
        .table
        .query_all(&ShareRecord::of_document(&document.document_id))
        .await?
    {
        if share.document.folder_id.as_deref() != document.folder_id.as_deref() {
            app.table
                .update(&share.key(), ShareRecord::copy_folder(folder))
                .await?;
        }
        if let Some(old) = from.filter(|old| Some(*old) != document.folder_id.as_deref()) {
            let why = "moved out of the folder shared with them";
            sharing::withdraw_through_folder(app, staff, &share, old, why).await?;
        }
    }
    let Some(folder) = target else {
        return Ok(());
    };
    for folder_share in shares_of(app, folder).await? {
        let contacts =
            contacts_of(app, matter, std::slice::from_ref(&folder_share.contact_id)).await?;
        sharing::share_through_folder(
            app,
            staff,
            folder,
            std::slice::from_ref(document),
            &contacts,
            folder_share.download_limit,
        )
        .await?;
    }
    Ok(())
}

/// The contacts among `ids` whose access is active now (a folder share of a contact whose
/// access ended shares nothing more).
async fn contacts_of(
    app: &App,
    matter: &MatterRecord,
    ids: &[String],
) -> Result<Vec<AccessRecord>> {
    match sharing::active_contacts(app, matter, ids).await {
        Ok(contacts) => Ok(contacts),
        Err(Error::NotFound(_)) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The available documents in a folder.
async fn documents_in(app: &App, folder: &FolderRecord) -> Result<Vec<DocumentRecord>> {
    let entries = app
        .table
        .query_all(&FolderEntryRecord::of_folder(&folder.folder_id))
        .await?;
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<_> = entries
        .iter()
        .map(|e| DocumentRecord::key_for(&e.document_id))
        .collect();
    let documents: Vec<DocumentRecord> = app.table.batch_get(&keys).await?;
    Ok(documents
        .into_iter()
        .filter(|d| d.is_available() && d.folder_id.as_deref() == Some(&folder.folder_id))
        .collect())
}

/// Shares a folder with contacts of its matter (active access, else 404): each contact's
/// folder share is kept (with a `folderShared` event), and every document in the folder is
/// shared with them through it. Sharing again is harmless.
pub async fn share(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    folder_id: &str,
    input: FolderShareInput,
) -> Result<FolderShareOutcome> {
    let matter = matters::require(app, matter_id).await?;
    let folder = require(app, &matter.matter_id, folder_id).await?;
    let contact_ids = validate::id_list(
        "contactIds",
        &input.contact_ids,
        sharing::MAX_CONTACTS_PER_CALL,
    )?;
    let download_limit = sharing::download_limit(input.download_limit)?;
    let contacts = sharing::active_contacts(app, &matter, &contact_ids).await?;
    let now = clock::stamp(clock::now());
    for contact in &contacts {
        let record = FolderShareRecord {
            folder_id: folder.folder_id.clone(),
            matter_id: matter.matter_id.clone(),
            contact_id: contact.contact_id.clone(),
            contact_name: contact.name.clone(),
            shared_at: now.clone(),
            shared_by: staff.id.clone(),
            download_limit,
        };
        let mut transaction = app.table.transaction();
        let new = transaction.put(&record, Some(Condition::absent()))?;
        let event = Event::new(EventType::FolderShared, staff.actor())
            .contact(&contact.contact_id, &contact.name)
            .detail(&folder.name);
        events::add(&mut transaction, &matter.matter_id, event)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => {}
            // Shared before: its documents are made sure of below.
            Transacted::Cancelled(c) if c.failed_condition(new) => {}
            Transacted::Cancelled(c) => {
                return Err(Error::upstream(
                    "DynamoDB TransactWriteItems (folder share)",
                    c,
                ))
            }
        }
    }
    let documents = documents_in(app, &folder).await?;
    let created =
        sharing::share_through_folder(app, staff, &folder, &documents, &contacts, download_limit)
            .await?;
    Ok(FolderShareOutcome { created })
}

/// Stops sharing a folder with a contact: the documents they had only through it go; those
/// also shared directly stay until that share goes too.
pub async fn stop(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    folder_id: &str,
    contact_id: &str,
) -> Result<()> {
    let matter = matters::require(app, matter_id).await?;
    let folder = require(app, &matter.matter_id, folder_id).await?;
    let contact_id = validate::id("contactId", contact_id)?;
    let key = FolderShareRecord::key_for(&matter.matter_id, &folder.folder_id, &contact_id);
    let record = app.table.get(&key).await?;
    if let Some(record) = &record {
        let mut transaction = app.table.transaction();
        transaction.delete(&key, Some(Condition::exists()))?;
        let event = Event::new(EventType::FolderShareStopped, staff.actor())
            .contact(&record.contact_id, &record.contact_name)
            .detail(&folder.name);
        events::add(&mut transaction, &matter.matter_id, event)?;
        if let Transacted::Cancelled(c) = app.table.commit(transaction).await? {
            if !c.any_failed_condition() {
                return Err(Error::upstream(
                    "DynamoDB TransactWriteItems (stop folder share)",
                    c,
                ));
            }
        }
    }
    // Also after a stop that failed halfway: the shares it left are withdrawn now.
    let documents = documents_in(app, &folder).await?;
    let share_keys: Vec<_> = documents
        .iter()
        .map(|d| ShareRecord::key_for(&d.document_id, &contact_id))
        .collect();
    let shares: Vec<ShareRecord> = app.table.batch_get(&share_keys).await?;
    let mut withdrawn = 0;
    for share in shares
        .iter()
        .filter(|s| s.via_folder.as_deref() == Some(&folder.folder_id))
    {
        let why = "the folder share stopped";
        sharing::withdraw_through_folder(app, staff, share, &folder.folder_id, why).await?;
        withdrawn += 1;
    }
    if record.is_none() && withdrawn == 0 {
        return Err(Error::not_found(format!(
            "share of folder {} with contact {contact_id}",
            folder.name
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::person;

    fn folder(id: &str, name: &str, count: i64) -> FolderRecord {
        FolderRecord {
            folder_id: id.into(),
            matter_id: "m".into(),
            name: name.into(),
            created_at: "t".into(),
            created_by: person("s"),
            document_count: count,
        }
    }

    #[test]
    fn folders_list_by_name_with_whom_each_is_shared() {
        let shares = vec![FolderShareRecord {
            folder_id: "f2".into(),
            matter_id: "m".into(),
            contact_id: "c".into(),
            contact_name: "C".into(),
            shared_at: "t".into(),
            shared_by: "s".into(),
            download_limit: Some(2),
        }];
        let views = folder_views(
            vec![folder("f1", "zeta", 1), folder("f2", "Alpha", -1)],
            shares,
        );
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "zeta"]);
        assert_eq!(views[0].shared_with.len(), 1);
        assert_eq!(views[0].document_count, 0, "never below zero");
        assert!(views[1].shared_with.is_empty());
    }

    #[test]
    fn a_folder_name_follows_the_file_name_rules() {
        assert_eq!(folder_name(" Pleadings ").expect("valid"), "Pleadings");
        for bad in ["", "a/b", "..", "x\u{202E}y"] {
            assert_eq!(folder_name(bad).unwrap_err().status(), 400, "{bad:?}");
        }
    }
}
