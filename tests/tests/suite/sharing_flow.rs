//! The whole staff-to-contact flow, end to end on the emulator.

use integration_tests::{document_ids, url_parameter, Access, Stack, FIRM, PORTAL_URL};
use serde_json::json;

#[tokio::test]
async fn grant_share_sign_in_view_and_download() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let (matter, email) = (contact.matter.clone(), contact.email.clone());
    assert_eq!(contact.granted["created"], true);
    assert_eq!(contact.granted["invitationSent"], true);
    assert_eq!(contact.granted["status"], "invited");

    let invitations = stack.emails_to(&email).await;
    assert_eq!(invitations.len(), 1);
    let invitation = &invitations[0];
    assert_eq!(invitation.to, vec![email.clone()]);
    assert!(invitation.subject.contains(FIRM), "{}", invitation.subject);
    assert!(invitation.body.contains(&format!("{PORTAL_URL}/#invite=")));
    assert!(invitation.body.contains("60 minutes"));

    let bytes = b"%PDF-1.7 engagement letter".to_vec();
    let document = stack
        .upload_firm_document(&matter, "Engagement letter.pdf", &bytes)
        .await;
    let shared = stack.share(&matter, &[&document], &[&contact.id]).await;
    assert_eq!(shared["created"], 1);
    // Told through the outbox: one digest when the window closes.
    assert_eq!(stack.emails_to(&email).await.len(), 1);
    stack.deliver_notifications().await;
    let mail = stack.emails_to(&email).await;
    assert_eq!(mail.len(), 2);
    assert!(mail[1].body.contains("Engagement letter.pdf"));
    assert!(
        !mail[1].body.contains("#invite="),
        "a digest carries no token"
    );

    let contact = stack.sign_in_contact(contact).await;
    let session = &contact.session;
    let listed = stack.portal_documents(session, "").await;
    assert_eq!(document_ids(&listed), vec![document.clone()]);
    assert_eq!(listed["items"][0]["fileName"], "Engagement letter.pdf");
    assert_eq!(listed["items"][0]["canDownload"], true);
    assert_eq!(listed["nextCursor"], serde_json::Value::Null);

    let view = stack.link(session, &document, "view").await;
    let view_url = view["url"].as_str().expect("url");
    let (got, body) = stack.get_url(view_url).await;
    assert_eq!(got, 200);
    assert_eq!(body, bytes);
    let disposition = url_parameter(view_url, "response-content-disposition").expect("disposition");
    assert!(disposition.starts_with("inline;"), "{disposition}");
    assert_eq!(
        url_parameter(view_url, "X-Amz-Expires").as_deref(),
        Some("300")
    );
    assert_eq!(
        url_parameter(view_url, "response-content-type").as_deref(),
        Some("application/pdf")
    );

    let download = stack.link(session, &document, "download").await;
    let download_url = download["url"].as_str().expect("url");
    assert_eq!(stack.get_url(download_url).await.0, 200);
    assert_eq!(
        url_parameter(download_url, "response-content-disposition").expect("disposition"),
        "attachment; filename=\"Engagement letter.pdf\"; filename*=UTF-8''Engagement%20letter.pdf"
    );

    let row = stack.access_row(&matter, &contact.id).await;
    assert_eq!(row["sharedCount"], 1);
    assert_eq!(row["status"], "active");
    assert_eq!(row["canDownload"], true);
    assert!(row["lastSeenAt"].is_string());

    let documents = stack.matter_documents(&matter).await;
    assert_eq!(documents["items"][0]["origin"], "firm");
    assert_eq!(documents["items"][0]["status"], "available");
    assert_eq!(documents["items"][0]["author"]["name"], "Ann Lawyer");

    stack.sign_out(session).await;
    assert_eq!(stack.try_portal_documents(session, "").await.0, 401);
}

#[tokio::test]
async fn matter_settings_are_saved_and_read_back() {
    let stack = Stack::new().await;
    let matter = stack.id("m");
    assert_eq!(stack.try_read_matter(&matter).await.0, 404);

    stack.save_matter(&matter).await;
    let read = stack.read_matter(&matter).await;
    assert_eq!(read["owner"]["id"], "staff-1");
    assert_eq!(
        read["notify"],
        json!([read["owner"].clone()]),
        "notify defaults to the owner"
    );

    let settings = json!({
        "title": "Renamed",
        "owner": {"id": "o1", "email": "o1@firm.example", "name": "Owner"},
        "notify": [
            {"id": "n1", "email": "n1@firm.example", "name": "N One"},
            {"id": "n1", "email": "n1@firm.example", "name": "N One"},
            {"id": "n2", "email": "n2@firm.example", "name": "N Two"}
        ]
    });
    stack.save_matter_as(&matter, settings).await;
    let read = stack.read_matter(&matter).await;
    assert_eq!(read["title"], "Renamed");
    let notify: Vec<&str> = read["notify"]
        .as_array()
        .expect("notify")
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    assert_eq!(notify, ["n1", "n2"]);
}

#[tokio::test]
async fn updating_a_grant_changes_download_without_a_new_invitation() {
    let stack = Stack::new().await;
    let first = stack.matter_with_contact(Access::ViewOnly).await;
    assert_eq!(first.granted["created"], true);
    let (matter, contact, email) = (&first.matter, &first.id, &first.email);
    let second = stack.grant(matter, contact, email, Access::Download).await;
    assert_eq!(second["created"], false);
    assert_eq!(second["invitationSent"], false);
    assert_eq!(stack.access_row(matter, contact).await["canDownload"], true);
    assert_eq!(
        stack.emails_to(email).await.len(),
        1,
        "only the first grant invites"
    );
}

#[tokio::test]
async fn the_portal_names_my_matters_and_follows_a_rename() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::ViewOnly).await;
    let first = contact.matter.clone();
    let second = stack.new_matter("second").await;
    stack
        .grant(&second, &contact.id, &contact.email, true)
        .await;
    let document = stack
        .share_new_document(&first, "Will.pdf", b"%PDF-will", &[&contact.id])
        .await;
    let signed_in = stack.sign_in_contact(contact).await;
    let session = &signed_in.session;

    let matters = stack.portal_matters(session).await;
    let listed: Vec<(&str, &str, bool, &str)> = matters["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|m| {
            (
                m["matterId"].as_str().expect("matterId"),
                m["title"].as_str().expect("title"),
                m["canDownload"].as_bool().expect("canDownload"),
                m["owner"]["name"].as_str().expect("owner"),
            )
        })
        .collect();
    let title = |m: &str| format!("Estate of Smith {m}");
    assert_eq!(
        listed,
        [
            (first.as_str(), title(&first).as_str(), false, "Ann Lawyer"),
            (second.as_str(), title(&second).as_str(), true, "Ann Lawyer"),
        ]
    );
    let documents = stack.portal_documents(session, "").await;
    assert_eq!(documents["items"][0]["documentId"], document.as_str());
    assert_eq!(documents["items"][0]["matterTitle"], title(&first).as_str());

    let renamed = json!({
        "title": "Zephyr Holdings",
        "owner": {"id": "o2", "email": "olive@firm.example", "name": "Olive Owner"},
    });
    stack.save_matter_as(&first, renamed).await;
    stack.revoke(&second, &signed_in.id).await;
    // A revoke ends the contact's sessions; a sign-in link opens a new one.
    stack.try_request_sign_in_link(&signed_in.email).await;
    let session = stack.sign_in(&signed_in.email).await;
    let matters = stack.portal_matters(&session).await;
    assert_eq!(
        matters["items"],
        json!([{"matterId": first, "title": "Zephyr Holdings", "canDownload": false,
                "owner": {"name": "Olive Owner"}}]),
        "renamed, and the revoked matter is gone"
    );
    let documents = stack.portal_documents(&session, "").await;
    assert_eq!(documents["items"][0]["matterTitle"], "Zephyr Holdings");
}
