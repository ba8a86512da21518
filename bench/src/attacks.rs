//! `portal-bench attacks`: what an attacker tries, run again (issue 29's figures). Two
//! contacts on one matter (one may download, one may only view), a third on another matter,
//! a revoked fourth, documents shared with some of them and not others; then every attempt
//! to reach what is not theirs, through the real handlers against the emulator. Each kind
//! prints how many attempts were made, how many were refused as they should be, and what got
//! through; the run fails when anything did. The local stack's own answers (Host, CORS,
//! malformed paths) are the browser layer's `local-boundaries.test.js`.

use crate::BoxError;
use integration_tests::{pdf, Access, Caller, Stack};
use serde_json::{json, Value};

/// The EICAR test string, in two halves so that no scanner flags this file.
const EICAR_START: &str = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
const EICAR_END: &str = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// What was tried, one row of the table each.
const OTHERS: &str = "another contact's or matter's document (view, download, stamped copy)";
const VIEW_ONLY: &str = "a view-only contact: a download, a zip, or a PDF's original";
const DRESSED_UP: &str =
    "a document id dressed up (case, padding, path, key, NUL), plain and stamped links";
const OTHER_MATTER: &str = "another matter's routes with a valid session";
const DEAD_SESSION: &str =
    "a session that is not live (tampered, signed out, revoked, random, empty)";
const STAFF_ROUTES: &str = "a contact's session, or nothing, on staff routes";
const INVITATIONS: &str = "an invitation used, tampered or made up";
const HIDDEN: &str = "hidden characters (bidi, zero-width) in names, titles, folders, file names";
const CURSORS: &str = "a cursor over 1,024 bytes, malformed or another list's";
const UPLOADS: &str =
    "uploads: the EICAR string, a program called a PDF, a second PUT, other bytes";
const FORMULAS: &str = "formulas in the events export (= + - @, their full-width forms, a `;`)";

#[derive(Default)]
struct Tally {
    kinds: Vec<(&'static str, usize, usize, Vec<String>)>,
}

impl Tally {
    /// One attempt of `kind`: refused when `status` is one of `refusals`.
    fn attempt(&mut self, kind: &'static str, what: String, status: u16, refusals: &[u16]) {
        let at = match self.kinds.iter().position(|k| k.0 == kind) {
            Some(at) => at,
            None => {
                self.kinds.push((kind, 0, 0, Vec::new()));
                self.kinds.len() - 1
            }
        };
        let row = &mut self.kinds[at];
        row.1 += 1;
        if refusals.contains(&status) {
            row.2 += 1;
        } else {
            row.3.push(format!("{what}: {status}"));
        }
    }

    fn print(&self) -> usize {
        println!("\n## Attacks run again (`portal-bench attacks`)\n");
        println!("| what was tried | attempts | refused | got through |");
        println!("|---|---:|---:|---|");
        let (mut attempts, mut refused, mut through) = (0, 0, 0);
        for (kind, n, ok, crossed) in &self.kinds {
            attempts += n;
            refused += ok;
            through += crossed.len();
            let shown = if crossed.is_empty() {
                "none".to_string()
            } else {
                crossed.join("; ")
            };
            println!("| {kind} | {n} | {ok} | {shown} |");
        }
        println!("| **all** | **{attempts}** | **{refused}** | **{through}** |");
        through
    }
}

pub async fn run(stack: &Stack) -> Result<(), BoxError> {
    let mut tally = Tally::default();
    let first = stack.new_matter("first").await;
    let second = stack.new_matter("second").await;
    let ann = stack.new_contact(&first, "ann", Access::Download).await;
    let ben = stack.new_contact(&first, "ben", Access::ViewOnly).await;
    let cat = stack.new_contact(&second, "cat", Access::Download).await;
    let dan = stack.new_contact(&first, "dan", Access::Download).await;
    let letter = |n| pdf::letter(n);
    let for_ann = stack
        .share_new_document(&first, "ann.pdf", &letter(1), &[&ann.id])
        .await;
    let for_ben = stack
        .share_new_document(&first, "ben.pdf", &letter(2), &[&ben.id])
        .await;
    let for_both = stack
        .share_new_document(&first, "both.pdf", &letter(3), &[&ann.id, &ben.id])
        .await;
    let for_cat = stack
        .share_new_document(&second, "cat.pdf", &letter(4), &[&cat.id])
        .await;
    let unshared = stack
        .upload_firm_document(&first, "none.pdf", &letter(5))
        .await;
    stack.deliver_object_events().await;
    let (ann_id, ben_id, cat_id) = (ann.id.clone(), ben.id.clone(), cat.id.clone());
    let ann_s = stack.sign_in_contact(ann).await.session;
    let ben_s = stack.sign_in_contact(ben).await.session;
    let cat_s = stack.sign_in_contact(cat).await.session;
    let dan_s = stack.sign_in(&dan.email).await;
    // The link that session came from, used once already.
    let dan_invitation = stack.emailed_token(&dan.email).await;
    stack.revoke(&first, &dan.id).await;

    // Every contact, every document, every way of opening it: only their own, and a
    // view-only contact never the original of a PDF or a download.
    let shared: [(&str, &str, bool); 5] = [
        (&ann_id, &for_ann, true),
        (&ann_id, &for_both, true),
        (&ben_id, &for_ben, false),
        (&ben_id, &for_both, false),
        (&cat_id, &for_cat, true),
    ];
    let sessions = [(&ann_id, &ann_s), (&ben_id, &ben_s), (&cat_id, &cat_s)];
    let documents = [&for_ann, &for_ben, &for_both, &for_cat, &unshared];
    for (contact, session) in sessions {
        for document in documents {
            let share = shared
                .iter()
                .find(|(c, d, _)| c == contact && d == document);
            for how in ["view", "download", "stamped"] {
                let allowed =
                    matches!((share, how), (Some(_), "stamped") | (Some((_, _, true)), _));
                if allowed {
                    continue;
                }
                let (status, _) = if how == "stamped" {
                    stack.try_stamped_link(session, document).await
                } else {
                    stack.try_link(session, document, how).await
                };
                let kind = if share.is_some() { VIEW_ONLY } else { OTHERS };
                tally.attempt(
                    kind,
                    format!("{contact} {how} {document}"),
                    status,
                    &[403, 404],
                );
            }
        }
    }
    // The same ids dressed up.
    for (contact, session) in sessions {
        for document in documents {
            for trick in [
                document.to_uppercase(),
                format!("{document}%20"),
                format!("..%2F{document}"),
                format!("{document}%23SHARE%23{contact}"),
                format!("{document}%00"),
            ] {
                let (status, _) = stack.try_link(session, &trick, "view").await;
                tally.attempt(DRESSED_UP, trick.clone(), status, &[400, 404]);
                let (status, _) = stack.try_stamped_link(session, &trick).await;
                tally.attempt(DRESSED_UP, trick, status, &[400, 404]);
            }
        }
    }
    // Another matter's routes with a valid session.
    for (session, matter) in [(&ann_s, &second), (&cat_s, &first), (&ben_s, &second)] {
        let attempts: Vec<(&str, String, Option<Value>)> = vec![
            ("GET", format!("/portal/matters/{matter}/messages"), None),
            (
                "POST",
                format!("/portal/matters/{matter}/messages"),
                Some(json!({"text": "hi"})),
            ),
            (
                "POST",
                format!("/portal/matters/{matter}/messages/read"),
                None,
            ),
            (
                "POST",
                format!("/portal/matters/{matter}/zips"),
                Some(json!({})),
            ),
            (
                "POST",
                format!("/portal/matters/{matter}/uploads"),
                Some(integration_tests::steps::declaration(
                    "x.pdf",
                    "application/pdf",
                    b"%PDF-1.7 x",
                )),
            ),
            (
                "GET",
                format!("/portal/matters/{matter}/uploads/u-nope"),
                None,
            ),
            (
                "POST",
                format!("/portal/matters/{matter}/tasks/t-nope/done"),
                None,
            ),
            (
                "GET",
                format!("/portal/matters/{matter}/appointments/a-nope/ics"),
                None,
            ),
        ];
        for (method, path, body) in attempts {
            let (status, _) = stack
                .call(method, &path, Caller::Bearer(session), body)
                .await;
            tally.attempt(
                OTHER_MATTER,
                format!("{method} {path}"),
                status,
                &[403, 404],
            );
        }
    }
    // Credentials that are not a live session, or the wrong kind.
    let mut tampered = ann_s.clone();
    let last = tampered
        .pop()
        .map_or('A', |c| if c == 'A' { 'B' } else { 'A' });
    tampered.push(last);
    stack.try_request_sign_in_link(&stack.email("ann")).await;
    let signed_out = stack.sign_in(&stack.email("ann")).await;
    stack.sign_out(&signed_out).await;
    let bad_tokens = [
        ("a tampered session", tampered),
        ("a signed-out session", signed_out),
        ("a revoked contact's session", dan_s),
        ("a random token", "x".repeat(43)),
        ("an empty token", String::new()),
    ];
    for (what, token) in &bad_tokens {
        for path in [
            "/portal/documents",
            "/portal/matters",
            "/portal/home",
            "/portal/preferences",
        ] {
            let (status, _) = stack.call("GET", path, Caller::Bearer(token), None).await;
            tally.attempt(DEAD_SESSION, format!("{what} GET {path}"), status, &[401]);
        }
    }
    for path in [
        format!("/matters/{first}/contacts"),
        format!("/matters/{first}/events"),
        "/matters".to_string(),
    ] {
        let (status, _) = stack.call("GET", &path, Caller::Bearer(&ann_s), None).await;
        tally.attempt(STAFF_ROUTES, path.clone(), status, &[401, 403]);
        let (status, _) = stack.call("GET", &path, Caller::Anonymous, None).await;
        tally.attempt(STAFF_ROUTES, path, status, &[401, 403]);
    }
    // Invitations: used, tampered, made up.
    let mut bent = dan_invitation.clone();
    bent.insert(0, 'z');
    for (what, token) in [
        ("used", dan_invitation.clone()),
        ("tampered", bent),
        ("made up", "y".repeat(43)),
    ] {
        let (status, _) = stack.try_exchange(&token).await;
        tally.attempt(INVITATIONS, what.to_string(), status, &[400, 401, 410]);
    }
    // Hidden direction and zero-width characters in every displayed text.
    for hidden in ["\u{202E}", "\u{200B}", "\u{2066}", "\u{FEFF}"] {
        let name = format!("Ann{hidden}Client");
        let body = json!({"email": stack.email("hid"), "name": name, "canDownload": false});
        let (status, _) = stack
            .call(
                "PUT",
                &format!("/matters/{first}/contacts/{}", stack.id("hid")),
                Caller::Staff,
                Some(body),
            )
            .await;
        tally.attempt(HIDDEN, format!("contact name {hidden:?}"), status, &[400]);
        let (status, _) = stack
            .try_create_folder(&first, &format!("Court{hidden}"))
            .await;
        tally.attempt(HIDDEN, format!("folder {hidden:?}"), status, &[400]);
        let (status, _) = stack
            .try_request_upload(
                &ann_s,
                &first,
                &format!("Invoice{hidden}fdp.pdf"),
                "application/pdf",
                b"%PDF-1.7 x",
            )
            .await;
        tally.attempt(HIDDEN, format!("file name {hidden:?}"), status, &[400]);
        let settings = json!({"title": format!("Estate{hidden}"), "owner": {"id": "o", "email": "o@firm.example", "name": "Olive"}, "notify": []});
        let (status, _) = stack
            .call(
                "PUT",
                &format!("/matters/{first}"),
                Caller::Staff,
                Some(settings),
            )
            .await;
        tally.attempt(HIDDEN, format!("matter title {hidden:?}"), status, &[400]);
    }
    // Cursors: too long for DynamoDB, not a cursor, another list's.
    let foreign = stack
        .walk_pages(Caller::Bearer(&ann_s), "/portal/documents?limit=1")
        .await;
    let foreign = foreign
        .first()
        .and_then(|p| p["nextCursor"].as_str())
        .unwrap_or("none")
        .to_string();
    for cursor in ["A".repeat(1400), "%%%".to_string(), "e30".to_string()] {
        let (status, _) = stack
            .try_portal_documents(&ann_s, &format!("?cursor={cursor}"))
            .await;
        tally.attempt(CURSORS, "portal".into(), status, &[400]);
    }
    let (status, _) = stack
        .try_matter_shares(&first, &format!("?cursor={foreign}"))
        .await;
    tally.attempt(CURSORS, "staff".into(), status, &[400]);
    // View-only: a zip.
    let (status, _) = stack.try_my_zip(&ben_s, &first, None).await;
    tally.attempt(VIEW_ONLY, "zip".into(), status, &[403]);
    // Uploads: the malware test string, a program called a PDF, a second PUT, other bytes.
    let eicar = stack
        .upload_as_contact(
            &ann_s,
            &first,
            "scan.pdf",
            format!("%PDF-1.7\n{EICAR_START}{EICAR_END}\n").as_bytes(),
        )
        .await;
    tally.attempt(
        UPLOADS,
        "EICAR".into(),
        if rejected(&eicar.outcomes) { 422 } else { 200 },
        &[422],
    );
    let program = stack
        .upload_as_contact(&ann_s, &first, "invoice.pdf", b"MZ\x90\x00 a program")
        .await;
    tally.attempt(
        UPLOADS,
        "MZ as PDF".into(),
        if rejected(&program.outcomes) {
            422
        } else {
            200
        },
        &[422],
    );
    let bytes = b"%PDF-1.7\n1 0 obj twice".to_vec();
    let intent = stack
        .request_upload(&ann_s, &first, "twice.pdf", "application/pdf", &bytes)
        .await;
    stack.put_presigned(&intent, bytes.clone()).await;
    let again = stack.put_presigned(&intent, bytes).await;
    tally.attempt(UPLOADS, "second PUT".into(), again, &[412]);
    stack.deliver_object_events().await;
    let declared = b"%PDF-1.7\n1 0 obj declared".to_vec();
    let intent = stack
        .request_upload(&ann_s, &first, "other.pdf", "application/pdf", &declared)
        .await;
    let mut other = declared.clone();
    other[10] ^= 1;
    // S3 refuses them (BadDigest; tests/suite/signatures.rs on s3s-fs); moto takes them, and
    // then the trigger's own SHA-256 must refuse them.
    let status = match stack.put_presigned(&intent, other).await {
        200 if rejected(&stack.deliver_object_events().await) => 422,
        status => status,
    };
    tally.attempt(UPLOADS, "other bytes".into(), status, &[400, 403, 422]);

    // Formulas in the events export: names a spreadsheet would run, with ASCII and
    // full-width signs, and a `;` that splits a cell where `;` separates.
    let formulas = [
        "=HYPERLINK(1)",
        "+1+1",
        "-1-1",
        "@SUM(1)",
        "\u{FF1D}1",
        "\u{FF0B}1",
        "\u{FF0D}1",
        "\u{FF20}1",
        "a;=1",
    ];
    for (n, name) in formulas.iter().enumerate() {
        let id = stack.id(&format!("formula{n}"));
        let body = json!({"email": stack.email(&format!("formula{n}")), "name": name, "canDownload": false});
        stack
            .call(
                "PUT",
                &format!("/matters/{first}/contacts/{id}"),
                Caller::Staff,
                Some(body),
            )
            .await;
    }
    let (_, csv) = stack
        .call(
            "GET",
            &format!("/matters/{first}/events?format=csv&type=accessGranted"),
            Caller::Staff,
            None,
        )
        .await;
    let csv = csv.as_str().unwrap_or_default();
    for name in formulas {
        // Every cell is quoted (so `;` splits nothing) and a formula's starts with `'`.
        let defused = if name.starts_with('a') {
            csv.contains(&format!("\"{name}\""))
        } else {
            csv.contains(&format!("\"'{name}")) && !csv.contains(&format!("\"{name}"))
        };
        tally.attempt(
            FORMULAS,
            name.to_string(),
            if defused { 200 } else { 0 },
            &[200],
        );
    }

    let through = tally.print();
    if through > 0 {
        return Err(format!("{through} attempts got through").into());
    }
    Ok(())
}

/// Whether every record `attach-upload` handled was refused (and there was one).
fn rejected(outcomes: &[Value]) -> bool {
    let outcomes: Vec<&Value> = outcomes
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .collect();
    !outcomes.is_empty() && outcomes.iter().all(|o| o["outcome"] == "rejected")
}
