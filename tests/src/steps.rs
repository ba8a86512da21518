//! Steps of every flow, each one request (or one upload) through the HTTP API.
//!
//! A step checks its status as it goes and returns the answer; its `try_` twin returns
//! status and answer unchecked, for the tests that expect a refusal.

use crate::{Access, Caller, Stack};
use serde_json::{json, Value};

/// The answer of a call that must have one of the `wanted` statuses.
fn expect_status(what: &str, (status, answer): (u16, Value), wanted: &[u16]) -> Value {
    assert!(
        wanted.contains(&status),
        "{what}: {status}, wanted {wanted:?}: {answer}"
    );
    answer
}

/// Matters and the Access section (staff).
impl Stack {
    /// Saves a matter owned by the stack's staff member.
    pub async fn save_matter(&self, matter: &str) {
        let body = json!({
            "title": format!("Estate of Smith {matter}"),
            "owner": {"id": "staff-1", "email": "ann.lawyer@firm.example", "name": "Ann Lawyer"},
        });
        self.save_matter_as(matter, body).await;
    }

    /// Saves a matter with the given settings (title, owner, notify).
    pub async fn save_matter_as(&self, matter: &str, settings: Value) -> Value {
        let path = format!("/matters/{matter}");
        let answer = self.call("PUT", &path, Caller::Staff, Some(settings)).await;
        expect_status("save matter", answer, &[200])
    }

    /// The console's matter list; `query` starts with `?` or is empty.
    pub async fn try_list_matters(&self, caller: Caller<'_>, query: &str) -> (u16, Value) {
        self.call("GET", &format!("/matters{query}"), caller, None)
            .await
    }

    pub async fn list_matters(&self, query: &str) -> Value {
        let answer = self.try_list_matters(Caller::Staff, query).await;
        expect_status("list matters", answer, &[200])
    }

    pub async fn try_read_matter(&self, matter: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}");
        self.call("GET", &path, Caller::Staff, None).await
    }

    pub async fn read_matter(&self, matter: &str) -> Value {
        expect_status("read matter", self.try_read_matter(matter).await, &[200])
    }

    /// Grants (or updates) a contact's access; a new grant asks for an invitation, which the
    /// outbox then sends (as the deployed stream and mail worker do within seconds).
    pub async fn grant(
        &self,
        matter: &str,
        contact: &str,
        email: &str,
        access: impl Into<Access>,
    ) -> Value {
        let body = json!({
            "email": email,
            "name": format!("Client {contact}"),
            "canDownload": access.into() == Access::Download,
        });
        let path = format!("/matters/{matter}/contacts/{contact}");
        let answer = self.call("PUT", &path, Caller::Staff, Some(body)).await;
        let answer = expect_status("grant", answer, &[200, 201]);
        self.deliver_notifications().await;
        answer
    }

    /// Asks for another invitation, then runs the outbox that sends it.
    pub async fn try_resend_invitation(&self, matter: &str, contact: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/contacts/{contact}/invitations");
        let answer = self.call("POST", &path, Caller::Staff, None).await;
        self.deliver_notifications().await;
        answer
    }

    /// Emails the contact a fresh invitation, killing the old one once it is sent.
    pub async fn resend_invitation(&self, matter: &str, contact: &str) -> Value {
        let answer = self.try_resend_invitation(matter, contact).await;
        expect_status("resend invitation", answer, &[202])
    }

    pub async fn try_revoke(&self, matter: &str, contact: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/contacts/{contact}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }

    /// Revokes a contact's access to a matter.
    pub async fn revoke(&self, matter: &str, contact: &str) {
        expect_status("revoke", self.try_revoke(matter, contact).await, &[204]);
    }

    /// The Access section row for one contact.
    pub async fn access_row(&self, matter: &str, contact: &str) -> Value {
        let path = format!("/matters/{matter}/contacts");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        expect_status("access rows", answer, &[200])["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|row| row["contactId"] == contact)
            .cloned()
            .expect("contact row")
    }
}

/// Firm documents, shares and the Sharing section (staff).
impl Stack {
    pub async fn try_register_firm_document(
        &self,
        matter: &str,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> (u16, Value) {
        let body = declaration(file_name, content_type, bytes);
        let path = format!("/matters/{matter}/documents");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    /// Registers a firm document: its id and the presigned PUT for its bytes.
    pub async fn register_firm_document(
        &self,
        matter: &str,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Value {
        let answer = self
            .try_register_firm_document(matter, file_name, content_type, bytes)
            .await;
        expect_status("register firm document", answer, &[201])
    }

    /// A firm PDF whose bytes are uploaded through its presigned PUT: its id.
    pub async fn upload_firm_document(
        &self,
        matter: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> String {
        let answer = self
            .register_firm_document(matter, file_name, "application/pdf", bytes)
            .await;
        assert_eq!(self.put_presigned(&answer, bytes.to_vec()).await, 200);
        answer["documentId"]
            .as_str()
            .expect("documentId")
            .to_string()
    }

    /// Firm PDFs uploaded in order, one per `(file name, bytes)`: their ids.
    pub async fn upload_firm_documents<const N: usize>(
        &self,
        matter: &str,
        files: [(&str, &[u8]); N],
    ) -> [String; N] {
        let mut documents = Vec::with_capacity(N);
        for (file_name, bytes) in files {
            documents.push(self.upload_firm_document(matter, file_name, bytes).await);
        }
        documents
            .try_into()
            .unwrap_or_else(|_| unreachable!("one id per file"))
    }

    pub async fn try_share(
        &self,
        matter: &str,
        documents: &[&str],
        contacts: &[&str],
    ) -> (u16, Value) {
        let body = json!({"documentIds": documents, "contactIds": contacts});
        let path = format!("/matters/{matter}/shares");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    pub async fn share(&self, matter: &str, documents: &[&str], contacts: &[&str]) -> Value {
        let answer = self.try_share(matter, documents, contacts).await;
        expect_status("share", answer, &[200])
    }

    /// A firm PDF uploaded and shared with `contacts`: its id.
    pub async fn share_new_document(
        &self,
        matter: &str,
        file_name: &str,
        bytes: &[u8],
        contacts: &[&str],
    ) -> String {
        let document = self.upload_firm_document(matter, file_name, bytes).await;
        self.share(matter, &[&document], contacts).await;
        document
    }

    pub async fn try_stop_share(
        &self,
        matter: &str,
        document: &str,
        contact: &str,
    ) -> (u16, Value) {
        let path = format!("/matters/{matter}/shares/{document}/{contact}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }

    /// Stops sharing one document with one contact.
    pub async fn stop_share(&self, matter: &str, document: &str, contact: &str) {
        let answer = self.try_stop_share(matter, document, contact).await;
        expect_status("stop share", answer, &[204]);
    }

    pub async fn try_delete_document(&self, matter: &str, document: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/documents/{document}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }

    /// Deletes a document from its matter, with every share of it.
    pub async fn delete_document(&self, matter: &str, document: &str) {
        let answer = self.try_delete_document(matter, document).await;
        expect_status("delete document", answer, &[204]);
    }

    /// The matter's Documents section.
    pub async fn matter_documents(&self, matter: &str) -> Value {
        let path = format!("/matters/{matter}/documents");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        expect_status("matter documents", answer, &[200])
    }

    pub async fn try_matter_shares(&self, matter: &str, query: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/shares{query}");
        self.call("GET", &path, Caller::Staff, None).await
    }

    /// One page of the matter's Sharing section; `query` starts with `?` or is empty.
    pub async fn matter_shares(&self, matter: &str, query: &str) -> Value {
        let answer = self.try_matter_shares(matter, query).await;
        expect_status("matter shares", answer, &[200])
    }

    /// The document's stored record, read straight from the table (status `deleting`
    /// included, which no list shows a contact).
    pub async fn document_record(&self, document: &str) -> Option<shared::records::DocumentRecord> {
        self.app
            .table
            .get(&shared::records::DocumentRecord::key_for(document))
            .await
            .expect("read the document")
    }

    /// Every page of a list, following `nextCursor` from `base` (a path with a query).
    pub async fn walk_pages(&self, caller: Caller<'_>, base: &str) -> Vec<Value> {
        let mut pages = Vec::new();
        let mut path = base.to_string();
        loop {
            let answer = self.call("GET", &path, caller, None).await;
            let page = expect_status(&path, answer, &[200]);
            let next = page["nextCursor"].as_str().map(String::from);
            pages.push(page);
            match next {
                Some(cursor) => path = format!("{base}&cursor={cursor}"),
                None => return pages,
            }
        }
    }
}

/// Invitations, sign-in links and sessions (a contact, anonymous until signed in).
impl Stack {
    /// The token in the newest portal link emailed to `email`.
    pub async fn emailed_token(&self, email: &str) -> String {
        self.emails_to(email)
            .await
            .iter()
            .rev()
            .find(|m| m.body.contains("#invite="))
            .expect("a link was emailed")
            .link_token()
    }

    /// Exchanges an emailed token for a session.
    pub async fn try_exchange(&self, token: &str) -> (u16, Value) {
        let body = json!({"invitation": token});
        self.call("POST", "/portal/sessions", Caller::Anonymous, Some(body))
            .await
    }

    pub async fn exchange(&self, token: &str) -> Value {
        expect_status("exchange", self.try_exchange(token).await, &[201])
    }

    /// Exchanges the newest link emailed to `email` for a session token.
    pub async fn sign_in(&self, email: &str) -> String {
        let answer = self.exchange(&self.emailed_token(email).await).await;
        answer["session"].as_str().expect("session").to_string()
    }

    /// Asks for a sign-in link, then runs the outbox so that the mail worker sends it (as
    /// the deployed stream and queue do within seconds); the answer never says whether one
    /// was sent.
    pub async fn try_request_sign_in_link(&self, email: &str) -> (u16, Value) {
        let answer = self.request_sign_in_link_only(email).await;
        self.deliver_notifications().await;
        answer
    }

    /// Asks for a sign-in link and leaves the request to the mail worker.
    pub async fn request_sign_in_link_only(&self, email: &str) -> (u16, Value) {
        let body = json!({"email": email});
        self.call(
            "POST",
            "/portal/sign-in-links",
            Caller::Anonymous,
            Some(body),
        )
        .await
    }

    pub async fn try_sign_out(&self, session: &str) -> (u16, Value) {
        self.call(
            "DELETE",
            "/portal/sessions/current",
            Caller::Bearer(session),
            None,
        )
        .await
    }

    pub async fn sign_out(&self, session: &str) {
        expect_status("sign out", self.try_sign_out(session).await, &[204]);
    }
}

/// The portal (a signed-in contact).
impl Stack {
    pub async fn try_portal_documents(&self, session: &str, query: &str) -> (u16, Value) {
        let path = format!("/portal/documents{query}");
        self.call("GET", &path, Caller::Bearer(session), None).await
    }

    /// One page of the contact's documents; `query` starts with `?` or is empty.
    pub async fn portal_documents(&self, session: &str, query: &str) -> Value {
        let answer = self.try_portal_documents(session, query).await;
        expect_status("portal documents", answer, &[200])
    }

    pub async fn try_link(&self, session: &str, document: &str, disposition: &str) -> (u16, Value) {
        let body = json!({"disposition": disposition});
        let path = format!("/portal/documents/{document}/links");
        self.call("POST", &path, Caller::Bearer(session), Some(body))
            .await
    }

    /// A presigned GET for a document, `view` or `download`.
    pub async fn link(&self, session: &str, document: &str, disposition: &str) -> Value {
        let answer = self.try_link(session, document, disposition).await;
        expect_status("link", answer, &[200])
    }

    /// A presigned GET for a view-only PDF's stamped copy: status and answer.
    pub async fn try_stamped_link(&self, session: &str, document: &str) -> (u16, Value) {
        let path = format!("/portal/documents/{document}/stamped-links");
        self.call("POST", &path, Caller::Bearer(session), None)
            .await
    }

    /// The contact's matters (portal).
    pub async fn portal_matters(&self, session: &str) -> Value {
        let answer = self
            .call("GET", "/portal/matters", Caller::Bearer(session), None)
            .await;
        expect_status("portal matters", answer, &[200])
    }

    /// Where a contact's upload stands.
    pub async fn try_upload_status(
        &self,
        session: &str,
        matter: &str,
        upload: &str,
    ) -> (u16, Value) {
        let path = format!("/portal/matters/{matter}/uploads/{upload}");
        self.call("GET", &path, Caller::Bearer(session), None).await
    }

    pub async fn upload_status(&self, session: &str, matter: &str, upload: &str) -> Value {
        let answer = self.try_upload_status(session, matter, upload).await;
        expect_status("upload status", answer, &[200])
    }

    /// A contact's upload intent: status and the presigned PUT answer.
    pub async fn try_request_upload(
        &self,
        session: &str,
        matter: &str,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> (u16, Value) {
        let body = declaration(file_name, content_type, bytes);
        let path = format!("/portal/matters/{matter}/uploads");
        self.call("POST", &path, Caller::Bearer(session), Some(body))
            .await
    }

    pub async fn request_upload(
        &self,
        session: &str,
        matter: &str,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Value {
        let answer = self
            .try_request_upload(session, matter, file_name, content_type, bytes)
            .await;
        expect_status("request upload", answer, &[201])
    }

    /// A contact's PDF put into the bucket through its presigned PUT, its S3 event not yet
    /// delivered: the upload intent.
    pub async fn put_contact_upload(
        &self,
        session: &str,
        matter: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Value {
        let intent = self
            .request_upload(session, matter, file_name, "application/pdf", bytes)
            .await;
        assert_eq!(self.put_presigned(&intent, bytes.to_vec()).await, 200);
        intent
    }

    /// A contact's PDF uploaded and its S3 event delivered to `attach-upload`.
    pub async fn upload_as_contact(
        &self,
        session: &str,
        matter: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> ContactUpload {
        let intent = self
            .put_contact_upload(session, matter, file_name, bytes)
            .await;
        let id = intent["uploadId"].as_str().expect("uploadId").to_string();
        let outcomes = self.deliver_object_events().await;
        ContactUpload {
            intent,
            id,
            outcomes,
        }
    }
}

impl Stack {
    /// Staff post `body` (`{"text": ..}` and more) to a contact's conversation.
    pub async fn try_post_message(&self, matter: &str, contact: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/conversations/{contact}/messages");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    pub async fn post_message(&self, matter: &str, contact: &str, text: &str) -> Value {
        let answer = self
            .try_post_message(matter, contact, json!({ "text": text }))
            .await;
        expect_status("post a message", answer, &[201])
    }

    /// A contact's reply on a matter.
    pub async fn try_reply(&self, session: &str, matter: &str, body: Value) -> (u16, Value) {
        let path = format!("/portal/matters/{matter}/messages");
        self.call("POST", &path, Caller::Bearer(session), Some(body))
            .await
    }

    pub async fn reply(&self, session: &str, matter: &str, text: &str) -> Value {
        let answer = self
            .try_reply(session, matter, json!({ "text": text }))
            .await;
        expect_status("reply", answer, &[201])
    }

    /// A conversation as staff read it: its first page, newest first.
    pub async fn staff_messages(&self, matter: &str, contact: &str) -> Vec<Value> {
        let path = format!("/matters/{matter}/conversations/{contact}/messages");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        let page = expect_status("messages", answer, &[200]);
        page["items"].as_array().cloned().unwrap_or_default()
    }

    pub async fn try_my_messages(&self, session: &str, matter: &str) -> (u16, Value) {
        let path = format!("/portal/matters/{matter}/messages");
        self.call("GET", &path, Caller::Bearer(session), None).await
    }

    /// A conversation as its contact reads it: its first page, newest first.
    pub async fn my_messages(&self, session: &str, matter: &str) -> Vec<Value> {
        let page = expect_status(
            "my messages",
            self.try_my_messages(session, matter).await,
            &[200],
        );
        page["items"].as_array().cloned().unwrap_or_default()
    }

    pub async fn conversations(&self, matter: &str) -> Vec<Value> {
        let path = format!("/matters/{matter}/conversations");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        let list = expect_status("conversations", answer, &[200]);
        list.as_array().cloned().unwrap_or_default()
    }

    pub async fn my_conversations(&self, session: &str) -> Vec<Value> {
        let answer = self
            .call(
                "GET",
                "/portal/conversations",
                Caller::Bearer(session),
                None,
            )
            .await;
        let list = expect_status("my conversations", answer, &[200]);
        list.as_array().cloned().unwrap_or_default()
    }

    /// Staff open a conversation: the contact's messages marked read.
    pub async fn staff_read(&self, matter: &str, contact: &str) -> Value {
        let path = format!("/matters/{matter}/conversations/{contact}/read");
        expect_status(
            "read",
            self.call("POST", &path, Caller::Staff, None).await,
            &[200],
        )
    }

    /// The contact opens their conversation: the firm's messages marked read.
    pub async fn read_mine(&self, session: &str, matter: &str) -> Value {
        let path = format!("/portal/matters/{matter}/messages/read");
        let answer = self
            .call("POST", &path, Caller::Bearer(session), None)
            .await;
        expect_status("read mine", answer, &[200])
    }

    pub async fn try_delete_message(
        &self,
        matter: &str,
        contact: &str,
        message: &str,
    ) -> (u16, Value) {
        let path = format!("/matters/{matter}/conversations/{contact}/messages/{message}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }
}

/// What a contact's upload left behind.
#[derive(Clone, Debug)]
pub struct ContactUpload {
    /// The presigned PUT answer.
    pub intent: Value,
    /// The upload's (and so the document's) id.
    pub id: String,
    /// `attach-upload`'s outcomes for every event delivered.
    pub outcomes: Vec<Value>,
}

/// Events and versions (staff).
impl Stack {
    /// The matter's events of one type, newest first (one page).
    pub async fn events_of(&self, matter: &str, kind: &str) -> Vec<Value> {
        let path = format!("/matters/{matter}/events?type={kind}");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        let answer = expect_status("events", answer, &[200]);
        answer["items"].as_array().cloned().unwrap_or_default()
    }

    pub async fn try_new_version(&self, matter: &str, document: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/documents/{document}/versions");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    /// `bytes` uploaded as the document's next version, its S3 event delivered: the answer
    /// with the upload's id and its presigned PUT.
    pub async fn add_version(&self, matter: &str, document: &str, bytes: &[u8]) -> Value {
        let body = declaration("next.pdf", "application/pdf", bytes);
        let answer = self.try_new_version(matter, document, body).await;
        let upload = expect_status("new version", answer, &[201]);
        assert_eq!(self.put_presigned(&upload, bytes.to_vec()).await, 200);
        self.deliver_object_events().await;
        upload
    }

    /// Where an upload into the matter stands, as staff read it.
    pub async fn staff_upload_status(&self, matter: &str, upload: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/uploads/{upload}");
        self.call("GET", &path, Caller::Staff, None).await
    }

    pub async fn try_versions(&self, matter: &str, document: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/documents/{document}/versions");
        self.call("GET", &path, Caller::Staff, None).await
    }

    /// A staff link to one version (`number` as the path has it).
    pub async fn try_version_link(
        &self,
        matter: &str,
        document: &str,
        number: &str,
    ) -> (u16, Value) {
        let path = format!("/matters/{matter}/documents/{document}/versions/{number}/links");
        let body = json!({"disposition": "view"});
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }
}

/// Folders (staff).
impl Stack {
    pub async fn try_create_folder(&self, matter: &str, name: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/folders");
        let body = json!({ "name": name });
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    /// A new folder's id.
    pub async fn create_folder(&self, matter: &str, name: &str) -> String {
        let answer = self.try_create_folder(matter, name).await;
        let folder = expect_status("create folder", answer, &[201]);
        folder["folderId"].as_str().expect("folderId").to_string()
    }

    pub async fn try_move(
        &self,
        matter: &str,
        document: &str,
        folder: Option<&str>,
    ) -> (u16, Value) {
        let path = format!("/matters/{matter}/documents/{document}/folder");
        let body = json!({ "folderId": folder });
        self.call("PUT", &path, Caller::Staff, Some(body)).await
    }

    pub async fn move_to(&self, matter: &str, document: &str, folder: Option<&str>) {
        let answer = self.try_move(matter, document, folder).await;
        expect_status("move", answer, &[200]);
    }

    pub async fn try_share_folder(&self, matter: &str, folder: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/folders/{folder}/shares");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    pub async fn share_folder(&self, matter: &str, folder: &str, contacts: &[&str]) -> Value {
        let body = json!({ "contactIds": contacts });
        let answer = self.try_share_folder(matter, folder, body).await;
        expect_status("share folder", answer, &[200])
    }

    pub async fn try_stop_folder_share(
        &self,
        matter: &str,
        folder: &str,
        contact: &str,
    ) -> (u16, Value) {
        let path = format!("/matters/{matter}/folders/{folder}/shares/{contact}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }

    pub async fn folders(&self, matter: &str) -> Vec<Value> {
        let path = format!("/matters/{matter}/folders");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        let answer = expect_status("folders", answer, &[200]);
        answer["items"].as_array().cloned().unwrap_or_default()
    }
}

/// Zip downloads.
impl Stack {
    /// A contact's zip of a matter, or of one folder.
    pub async fn try_my_zip(
        &self,
        session: &str,
        matter: &str,
        folder: Option<&str>,
    ) -> (u16, Value) {
        let path = format!("/portal/matters/{matter}/zips");
        let body = folder.map_or_else(|| json!({}), |f| json!({ "folderId": f }));
        self.call("POST", &path, Caller::Bearer(session), Some(body))
            .await
    }

    /// Staff's zip of a matter, or of one folder.
    pub async fn try_matter_zip(&self, matter: &str, folder: Option<&str>) -> (u16, Value) {
        let path = format!("/matters/{matter}/zips");
        let body = folder.map_or_else(|| json!({}), |f| json!({ "folderId": f }));
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }
}

/// What an uploader declares for `bytes`: name, type, size and SHA-256.
pub fn declaration(file_name: &str, content_type: &str, bytes: &[u8]) -> Value {
    json!({
        "fileName": file_name,
        "contentType": content_type,
        "size": bytes.len(),
        "checksumSha256": shared::checksum::sha256_base64(bytes),
    })
}

/// Bills and trust requests.
impl Stack {
    pub async fn try_create_bill(&self, matter: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/bills");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    /// A bill of the matter: its view.
    pub async fn create_bill(&self, matter: &str, body: Value) -> Value {
        expect_status(
            "create bill",
            self.try_create_bill(matter, body).await,
            &[201],
        )
    }

    pub async fn try_edit_bill(&self, matter: &str, bill: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/bills/{bill}");
        self.call("PUT", &path, Caller::Staff, Some(body)).await
    }

    pub async fn try_send_bills(&self, matter: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/bill-sendings");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    pub async fn send_bills(&self, matter: &str, bills: &[&str], contacts: &[&str]) -> Value {
        let body = json!({ "billIds": bills, "contactIds": contacts });
        expect_status(
            "send bills",
            self.try_send_bills(matter, body).await,
            &[200],
        )
    }

    /// Staff's Bills section of a matter.
    pub async fn bills(&self, matter: &str) -> Value {
        let path = format!("/matters/{matter}/bills");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        expect_status("bills", answer, &[200])
    }

    pub async fn try_my_bills(&self, session: &str) -> (u16, Value) {
        self.call("GET", "/portal/bills", Caller::Bearer(session), None)
            .await
    }

    /// A contact's bills, newest sent first.
    pub async fn my_bills(&self, session: &str) -> Vec<Value> {
        let answer = expect_status("my bills", self.try_my_bills(session).await, &[200]);
        answer["items"].as_array().cloned().unwrap_or_default()
    }
}

/// Calendar events.
impl Stack {
    pub async fn try_create_appointment(&self, matter: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/appointments");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    pub async fn try_change_appointment(
        &self,
        matter: &str,
        appointment: &str,
        body: Value,
    ) -> (u16, Value) {
        let path = format!("/matters/{matter}/appointments/{appointment}");
        self.call("PUT", &path, Caller::Staff, Some(body)).await
    }

    pub async fn try_cancel_appointment(&self, matter: &str, appointment: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/appointments/{appointment}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }

    /// Staff's Calendar of a matter.
    pub async fn appointments(&self, matter: &str) -> Vec<Value> {
        let path = format!("/matters/{matter}/appointments");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        let answer = expect_status("appointments", answer, &[200]);
        answer["items"].as_array().cloned().unwrap_or_default()
    }

    /// A contact's upcoming events.
    pub async fn my_appointments(&self, session: &str) -> Vec<Value> {
        let answer = self
            .call("GET", "/portal/appointments", Caller::Bearer(session), None)
            .await;
        let answer = expect_status("my appointments", answer, &[200]);
        answer["items"].as_array().cloned().unwrap_or_default()
    }

    /// An event's .ics as a contact gets it: the status and the file's text.
    pub async fn ics(&self, session: &str, matter: &str, appointment: &str) -> (u16, String) {
        let path = format!("/portal/matters/{matter}/appointments/{appointment}/ics");
        let (status, body) = self.call("GET", &path, Caller::Bearer(session), None).await;
        (status, body.as_str().unwrap_or_default().to_string())
    }
}

/// Tasks.
impl Stack {
    pub async fn try_give_task(&self, matter: &str, body: Value) -> (u16, Value) {
        let path = format!("/matters/{matter}/tasks");
        self.call("POST", &path, Caller::Staff, Some(body)).await
    }

    pub async fn try_withdraw_task(&self, matter: &str, task: &str) -> (u16, Value) {
        let path = format!("/matters/{matter}/tasks/{task}");
        self.call("DELETE", &path, Caller::Staff, None).await
    }

    /// Staff's Tasks of a matter, with the firm's day they were judged on.
    pub async fn tasks(&self, matter: &str) -> Value {
        let path = format!("/matters/{matter}/tasks");
        let answer = self.call("GET", &path, Caller::Staff, None).await;
        expect_status("tasks", answer, &[200])
    }

    /// A contact's tasks across their matters.
    pub async fn my_tasks(&self, session: &str) -> Vec<Value> {
        let answer = self
            .call("GET", "/portal/tasks", Caller::Bearer(session), None)
            .await;
        let answer = expect_status("my tasks", answer, &[200]);
        answer["items"].as_array().cloned().unwrap_or_default()
    }

    pub async fn try_task_done(&self, session: &str, matter: &str, task: &str) -> (u16, Value) {
        let path = format!("/portal/matters/{matter}/tasks/{task}/done");
        self.call("POST", &path, Caller::Bearer(session), None)
            .await
    }

    /// A contact's upload intent for the document their task asks for.
    pub async fn try_upload_for_task(
        &self,
        session: &str,
        matter: &str,
        task: &str,
        bytes: &[u8],
    ) -> (u16, Value) {
        let mut body = declaration("signed.pdf", "application/pdf", bytes);
        body["taskId"] = json!(task);
        let path = format!("/portal/matters/{matter}/uploads");
        self.call("POST", &path, Caller::Bearer(session), Some(body))
            .await
    }
}

/// The portal's home.
impl Stack {
    pub async fn try_portal_home(&self, session: &str) -> (u16, Value) {
        self.call("GET", "/portal/home", Caller::Bearer(session), None)
            .await
    }

    pub async fn portal_home(&self, session: &str) -> Value {
        expect_status("home", self.try_portal_home(session).await, &[200])
    }
}
