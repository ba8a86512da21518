//! Folders on the emulator through the real handlers: one level, a folder share that makes
//! every document in the folder (and every one moved in later) visible to its contacts under
//! its download limit, stopping it (documents also shared directly stay), moves in and out,
//! rename carried to the portal's rows, delete only when empty, the portal page still two
//! DynamoDB calls, and the refusals.

use integration_tests::{document_ids, Access, Stack};
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj folder document";

/// The contact's portal rows on one matter, by document id: (folder name, downloads left).
async fn rows(stack: &Stack, session: &str, matter: &str) -> Vec<(String, Value, Value)> {
    let page = stack
        .portal_documents(session, &format!("?matterId={matter}"))
        .await;
    let mut rows: Vec<(String, Value, Value)> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| {
            (
                d["documentId"].as_str().expect("id").to_string(),
                d["folderName"].clone(),
                d["downloadsLeft"].clone(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[tokio::test]
async fn a_folder_share_reaches_every_document_now_and_later_until_it_stops() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let [will, deed, later, loose] = stack
        .upload_firm_documents(
            &matter,
            [
                ("Will.pdf", PDF),
                ("Deed.pdf", PDF),
                ("Later.pdf", PDF),
                ("Loose.pdf", PDF),
            ],
        )
        .await;
    stack.deliver_object_events().await;
    let pleadings = stack.create_folder(&matter, "Pleadings").await;
    stack.move_to(&matter, &will, Some(&pleadings)).await;
    stack.move_to(&matter, &deed, Some(&pleadings)).await;
    // Deed is also shared with Ann directly.
    stack.share(&matter, &[&deed], &[&ann.id]).await;

    let body = json!({"contactIds": [&ann.id], "downloadLimit": 2});
    let (status, outcome) = stack.try_share_folder(&matter, &pleadings, body).await;
    assert_eq!((status, &outcome["created"]), (200, &json!(1)), "{outcome}");
    let ann = stack.sign_in_contact(ann).await;
    let bob = stack.sign_in_contact(bob).await;
    assert_eq!(
        rows(&stack, &ann.session, &matter).await,
        sorted(vec![deed.clone(), will.clone()])
            .into_iter()
            .map(|d| {
                let left = if d == will { json!(2) } else { Value::Null };
                (d, json!("Pleadings"), left)
            })
            .collect::<Vec<_>>(),
        "both documents, grouped under the folder; the folder's limit on the one it shared"
    );
    assert!(
        rows(&stack, &bob.session, &matter).await.is_empty(),
        "not shared with Bob"
    );
    let access = stack.access_row(&matter, &ann.id).await;
    assert_eq!(access["sharedCount"], 2, "the Access count counts both");

    // A document moved in later is shared through the folder at once; the Sharing section
    // says how each is shared.
    stack.move_to(&matter, &later, Some(&pleadings)).await;
    let listed = document_ids(&stack.portal_documents(&ann.session, "").await);
    assert!(listed.contains(&later), "{listed:?}");
    let sharing = stack
        .matter_shares(&matter, &format!("?contactId={}", ann.id))
        .await;
    let how: Vec<(String, Value, Value)> = sharing["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|s| {
            (
                s["fileName"].as_str().expect("name").to_string(),
                s["direct"].clone(),
                s["viaFolder"].clone(),
            )
        })
        .collect();
    assert!(
        how.contains(&("Deed.pdf".into(), json!(true), json!(pleadings))),
        "{how:?}"
    );
    assert!(
        how.contains(&("Later.pdf".into(), json!(false), json!(pleadings))),
        "{how:?}"
    );
    // Staff cannot stop a share the contact has only through the folder: they stop the
    // folder share.
    let (status, answer) = stack.try_stop_share(&matter, &will, &ann.id).await;
    assert_eq!(status, 409, "{answer}");
    assert!(answer["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("folder")));

    // A message carrying Later makes it Ann's directly: it outlasts the folder share.
    let body = json!({"text": "The later filing.", "documentId": &later});
    let (status, answer) = stack.try_post_message(&matter, &ann.id, body).await;
    assert_eq!(status, 201, "{answer}");

    // Stopping the folder share: only Deed and Later, also shared directly, stay.
    let (status, answer) = stack
        .try_stop_folder_share(&matter, &pleadings, &ann.id)
        .await;
    assert_eq!(status, 204, "{answer}");
    assert_eq!(
        sorted(document_ids(
            &stack.portal_documents(&ann.session, "").await
        )),
        sorted(vec![deed.clone(), later.clone()])
    );
    assert_eq!(stack.access_row(&matter, &ann.id).await["sharedCount"], 2);
    // Their direct shares stopped too: gone.
    stack.stop_share(&matter, &deed, &ann.id).await;
    stack.stop_share(&matter, &later, &ann.id).await;
    assert!(document_ids(&stack.portal_documents(&ann.session, "").await).is_empty());
    assert_eq!(
        stack
            .try_stop_folder_share(&matter, &pleadings, &ann.id)
            .await
            .0,
        404,
        "stopped already"
    );

    // The log names the folder shares.
    let shared = stack.events_of(&matter, "folderShared").await;
    assert_eq!(shared.len(), 1);
    assert_eq!(
        (&shared[0]["contactId"], &shared[0]["detail"]),
        (&json!(ann.id), &json!("Pleadings"))
    );
    assert_eq!(
        stack.events_of(&matter, "folderShareStopped").await.len(),
        1
    );
    let _ = loose;
}

#[tokio::test]
async fn moves_rename_and_delete_keep_shares_and_the_portal_right() {
    let stack = Stack::new().await;
    let ann = stack.matter_with_contact(Access::Download).await;
    let matter = ann.matter.clone();
    let [letter, direct] = stack
        .upload_firm_documents(&matter, [("Letter.pdf", PDF), ("Direct.pdf", PDF)])
        .await;
    stack.deliver_object_events().await;
    let a = stack.create_folder(&matter, "Correspondence").await;
    let b = stack.create_folder(&matter, "Archive").await;
    stack.move_to(&matter, &letter, Some(&a)).await;
    stack.move_to(&matter, &direct, Some(&a)).await;
    stack.share(&matter, &[&direct], &[&ann.id]).await;
    stack.share_folder(&matter, &a, &[&ann.id]).await;
    let ann = stack.sign_in_contact(ann).await;

    // Renamed: the portal's rows carry the new name.
    let path = format!("/matters/{matter}/folders/{a}");
    let (status, renamed) = stack
        .call(
            "PUT",
            &path,
            integration_tests::Caller::Staff,
            Some(json!({"name": "Letters"})),
        )
        .await;
    assert_eq!(
        (status, &renamed["name"]),
        (200, &json!("Letters")),
        "{renamed}"
    );
    let names: Vec<Value> = rows(&stack, &ann.session, &matter)
        .await
        .into_iter()
        .map(|r| r.1)
        .collect();
    assert_eq!(names, [json!("Letters"), json!("Letters")]);

    // Moved to a folder not shared with Ann: the letter goes from her portal, the document
    // also shared directly stays (now under Archive).
    stack.move_to(&matter, &letter, Some(&b)).await;
    stack.move_to(&matter, &direct, Some(&b)).await;
    assert_eq!(
        rows(&stack, &ann.session, &matter).await,
        vec![(direct.clone(), json!("Archive"), Value::Null)]
    );
    // Moving where it is already changes nothing; out of every folder is allowed.
    stack.move_to(&matter, &direct, Some(&b)).await;
    stack.move_to(&matter, &direct, None).await;
    assert_eq!(
        rows(&stack, &ann.session, &matter).await,
        vec![(direct.clone(), Value::Null, Value::Null)]
    );
    let counts: Vec<(String, i64)> = stack
        .folders(&matter)
        .await
        .iter()
        .map(|f| {
            (
                f["name"].as_str().expect("name").to_string(),
                f["documentCount"].as_i64().expect("count"),
            )
        })
        .collect();
    assert_eq!(counts, [("Archive".into(), 1), ("Letters".into(), 0)]);

    // Delete only when empty; deleting the document empties its folder.
    let path_b = format!("/matters/{matter}/folders/{b}");
    let staff = integration_tests::Caller::Staff;
    let (status, answer) = stack.call("DELETE", &path_b, staff, None).await;
    assert_eq!(status, 409, "{answer}");
    stack.delete_document(&matter, &letter).await;
    let (status, _) = stack.call("DELETE", &path_b, staff, None).await;
    assert_eq!(status, 204);
    let (status, _) = stack.call("DELETE", &path, staff, None).await;
    assert_eq!(status, 204, "an empty folder with a folder share");
    assert!(stack.folders(&matter).await.is_empty());
    for kind in [
        "folderCreated",
        "folderRenamed",
        "folderDeleted",
        "documentMoved",
    ] {
        assert!(
            !stack.events_of(&matter, kind).await.is_empty(),
            "{kind} in the log"
        );
    }
}

#[tokio::test]
async fn folders_refuse_bad_input_and_other_matters() {
    let stack = Stack::new().await;
    let ann = stack.matter_with_contact(Access::Download).await;
    let matter = ann.matter.clone();
    let other = stack.new_matter("other").await;
    let document = stack.upload_firm_document(&matter, "A.pdf", PDF).await;
    stack.deliver_object_events().await;
    let folder = stack.create_folder(&matter, "Pleadings").await;
    let elsewhere = stack.create_folder(&other, "Elsewhere").await;

    for bad in ["", "a/b", "..", "Invoice\u{202E}fdp"] {
        let (status, answer) = stack.try_create_folder(&matter, bad).await;
        assert_eq!(status, 400, "{bad:?}: {answer}");
    }
    assert_eq!(
        stack.try_create_folder(&matter, "pleadings").await.0,
        409,
        "a name the matter has, ignoring case"
    );
    assert_eq!(
        stack.try_move(&matter, &document, Some(&elsewhere)).await.0,
        404,
        "another matter's folder"
    );
    assert_eq!(
        stack.try_move(&other, &document, Some(&elsewhere)).await.0,
        404,
        "a document of another matter"
    );
    assert_eq!(
        stack.try_move(&matter, &document, Some("nope")).await.0,
        404
    );
    let outsider = stack
        .new_contact(&other, "outsider", Access::Download)
        .await;
    let body = json!({"contactIds": [&outsider.id]});
    assert_eq!(
        stack.try_share_folder(&matter, &folder, body).await.0,
        404,
        "a contact without access to the matter"
    );
    let body = json!({"contactIds": [&ann.id], "downloadLimit": 0});
    assert_eq!(stack.try_share_folder(&matter, &folder, body).await.0, 400);
    assert_eq!(
        stack
            .try_share_folder(&other, &folder, json!({"contactIds": [&ann.id]}))
            .await
            .0,
        404,
        "the folder through another matter"
    );
}
