//! Scenarios many tests start from: a saved matter with contacts granted access, signed in.

use crate::Stack;
use serde_json::Value;

/// What a grant lets a contact do with shared documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Download,
    ViewOnly,
}

/// `canDownload` as the API and older callers (the bench) spell it.
impl From<bool> for Access {
    fn from(can_download: bool) -> Self {
        if can_download {
            Self::Download
        } else {
            Self::ViewOnly
        }
    }
}

/// A contact granted access to a matter and emailed an invitation.
#[derive(Clone, Debug)]
pub struct Contact {
    pub matter: String,
    pub id: String,
    pub email: String,
    /// The grant's answer.
    pub granted: Value,
}

/// A contact signed in through the newest link emailed to them.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub matter: String,
    pub id: String,
    pub email: String,
    pub session: String,
}

impl Stack {
    /// A saved matter whose id is unique to this run: its id.
    pub async fn new_matter(&self, name: &str) -> String {
        let matter = self.id(name);
        self.save_matter(&matter).await;
        matter
    }

    /// A saved matter titled `title` whose owner (Olive Owner, at an address unique to this
    /// run) is the firm's one recipient of its notifications: its id and the owner's address.
    pub async fn matter_with_owner(&self, title: &str) -> (String, String) {
        let matter = self.id("m");
        let owner_email = format!("owner.{}@firm.example", self.run);
        let owner = serde_json::json!({"id": "o1", "email": owner_email, "name": "Olive Owner"});
        self.save_matter_as(&matter, serde_json::json!({"title": title, "owner": owner}))
            .await;
        (matter, owner_email)
    }

    /// A contact with id and address unique to this run, granted access to `matter`.
    pub async fn new_contact(&self, matter: &str, name: &str, access: Access) -> Contact {
        let (id, email) = (self.id(name), self.email(name));
        let granted = self.grant(matter, &id, &email, access).await;
        Contact {
            matter: matter.to_string(),
            id,
            email,
            granted,
        }
    }

    /// A new matter and the named contacts granted access to it, in order.
    pub async fn matter_with_contacts<const N: usize>(
        &self,
        contacts: [(&str, Access); N],
    ) -> [Contact; N] {
        let matter = self.new_matter("m").await;
        let mut granted = Vec::with_capacity(N);
        for (name, access) in contacts {
            granted.push(self.new_contact(&matter, name, access).await);
        }
        granted
            .try_into()
            .unwrap_or_else(|_| unreachable!("one contact per name"))
    }

    /// A new matter with one invited contact.
    pub async fn matter_with_contact(&self, access: Access) -> Contact {
        let [contact] = self.matter_with_contacts([("c", access)]).await;
        contact
    }

    /// A contact's session, from the newest link emailed to them.
    pub async fn sign_in_contact(&self, contact: Contact) -> SignedIn {
        let session = self.sign_in(&contact.email).await;
        SignedIn {
            matter: contact.matter,
            id: contact.id,
            email: contact.email,
            session,
        }
    }

    /// A new matter with one signed-in contact.
    pub async fn signed_in_contact(&self, access: Access) -> SignedIn {
        let contact = self.matter_with_contact(access).await;
        self.sign_in_contact(contact).await
    }

    /// A new matter with one firm PDF shared with its one contact, who then signed in: the
    /// contact and the document's id.
    pub async fn signed_in_with_document(
        &self,
        access: Access,
        file_name: &str,
        bytes: &[u8],
    ) -> (SignedIn, String) {
        let contact = self.matter_with_contact(access).await;
        let document = self
            .share_new_document(&contact.matter, file_name, bytes, &[&contact.id])
            .await;
        (self.sign_in_contact(contact).await, document)
    }
}
