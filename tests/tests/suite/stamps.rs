//! View-only PDFs on the emulator through the real handlers: a view-only contact's PDF opens
//! only as a copy stamped on every page with their name, address and the time (read back by
//! a parser we did not write), the original's bytes never change, a contact who may download
//! gets the original, and nobody reaches a copy, or a document, that is not theirs.

use integration_tests::{pdf, Access, Stack};
use serde_json::Value;

/// The text of every page of a PDF, in order.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).expect("page text"))
        .collect()
}

async fn bytes_at(stack: &Stack, link: &Value) -> Vec<u8> {
    let (status, bytes) = stack.get_url(link["url"].as_str().expect("url")).await;
    assert_eq!(status, 200);
    bytes
}

/// The object a presigned URL names: its path without the query.
fn object_of(link: &Value) -> String {
    let url = link["url"].as_str().expect("url");
    url.split('?').next().expect("path").to_string()
}

/// The hour part of a stamped copy's key (`…/<contact>-<hour>-<hash>.pdf`).
fn hour_of(object: &str) -> &str {
    object.rsplit('-').nth(1).unwrap_or_default()
}

#[tokio::test]
async fn a_view_only_pdf_opens_stamped_on_every_page_and_the_original_never_changes() {
    let stack = Stack::new().await;
    let [ann, bob, cat] = stack
        .matter_with_contacts([
            ("ann", Access::Download),
            ("bob", Access::ViewOnly),
            ("cat", Access::ViewOnly),
        ])
        .await;
    let matter = ann.matter.clone();
    let letter = pdf::letter(3);
    let id = stack
        .upload_firm_document(&matter, "Letter.pdf", &letter)
        .await;
    stack.deliver_object_events().await;
    stack.share(&matter, &[&id], &[&ann.id, &bob.id]).await;
    let (ann, bob, cat) = (
        stack.sign_in_contact(ann).await,
        stack.sign_in_contact(bob).await,
        stack.sign_in_contact(cat).await,
    );

    // The original is never handed to a view-only contact: no download, and no plain view.
    let (status, answer) = stack.try_link(&bob.session, &id, "view").await;
    assert_eq!(status, 403, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .expect("message")
            .contains("stamped"),
        "{answer}"
    );
    assert_eq!(stack.try_link(&bob.session, &id, "download").await.0, 403);

    let (status, link) = stack.try_stamped_link(&bob.session, &id).await;
    assert_eq!(status, 200, "{link}");
    let copy = bytes_at(&stack, &link).await;
    let texts = page_texts(&copy);
    assert_eq!(texts.len(), 3);
    let words = format!("Opened view-only by Client {} <{}> on ", bob.id, bob.email);
    for (n, text) in texts.iter().enumerate() {
        assert!(
            text.contains(&format!("Page {} of the letter", n + 1)),
            "{text}"
        );
        assert!(text.contains(&words), "page {}: {text}", n + 1);
        assert!(text.contains(" UTC"), "{text}");
    }
    assert!(object_of(&link).contains("/stamps/"), "{link}");

    // Opened again within the hour: the same copy, and each opening is a view in the log.
    let (status, again) = stack.try_stamped_link(&bob.session, &id).await;
    assert_eq!(status, 200, "{again}");
    let (first, second) = (object_of(&link), object_of(&again));
    assert!(
        first == second || hour_of(&first) != hour_of(&second),
        "{second} reuses {first} (the key's hour part differs only across an hour's end)"
    );
    let views = stack.events_of(&matter, "documentViewed").await;
    let bobs = views
        .iter()
        .filter(|e| e["contactId"].as_str() == Some(bob.id.as_str()))
        .count();
    assert_eq!(bobs, 2, "{views:?}");

    // A contact who may download gets the original, byte for byte, to view or to keep.
    let view = stack.link(&ann.session, &id, "view").await;
    assert_eq!(bytes_at(&stack, &view).await, letter);
    let download = stack.link(&ann.session, &id, "download").await;
    assert_eq!(bytes_at(&stack, &download).await, letter);

    // Another view-only contact of the matter it is not shared with: as if it did not exist.
    assert_eq!(stack.try_stamped_link(&cat.session, &id).await.0, 404);
    assert_eq!(stack.try_link(&cat.session, &id, "view").await.0, 404);
    // Once shared, their copy is their own: their words, another object, never Bob's.
    stack.share(&matter, &[&id], &[&cat.id]).await;
    let (status, cats) = stack.try_stamped_link(&cat.session, &id).await;
    assert_eq!(status, 200, "{cats}");
    assert_ne!(object_of(&cats), object_of(&link));
    let text = page_texts(&bytes_at(&stack, &cats).await).join("\n");
    assert!(
        text.contains(&cat.email) && !text.contains(&bob.email),
        "{text}"
    );

    // Stopped sharing: no more copies for Bob.
    stack.stop_share(&matter, &id, &bob.id).await;
    assert_eq!(stack.try_stamped_link(&bob.session, &id).await.0, 404);
}

#[tokio::test]
async fn only_pdfs_are_stamped_and_one_that_cannot_be_is_never_handed_out_whole() {
    let stack = Stack::new().await;
    let [bob] = stack
        .matter_with_contacts([("bob", Access::ViewOnly)])
        .await;
    let matter = bob.matter.clone();
    // Passes the upload checks (it starts as a PDF does) but no parser can read it.
    let broken = stack
        .upload_firm_document(&matter, "Broken.pdf", b"%PDF-1.7\n1 0 obj not really a PDF")
        .await;
    let answer = stack
        .register_firm_document(&matter, "Notes.txt", "text/plain", b"call the bank")
        .await;
    assert_eq!(
        stack
            .put_presigned(&answer, b"call the bank".to_vec())
            .await,
        200
    );
    let notes = answer["documentId"].as_str().expect("id").to_string();
    stack.deliver_object_events().await;
    stack.share(&matter, &[&broken, &notes], &[&bob.id]).await;
    let bob = stack.sign_in_contact(bob).await;

    let (status, answer) = stack.try_stamped_link(&bob.session, &broken).await;
    assert_eq!(status, 415, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .expect("message")
            .contains("cannot be stamped"),
        "{answer}"
    );
    assert_eq!(stack.try_link(&bob.session, &broken, "view").await.0, 403);

    // Other files open as they are (what view-only promises for them: no download button).
    assert_eq!(stack.try_stamped_link(&bob.session, &notes).await.0, 415);
    let view = stack.link(&bob.session, &notes, "view").await;
    assert_eq!(bytes_at(&stack, &view).await, b"call the bank");
}
