//! Bills and trust requests on the emulator through the real handlers: created, sent to
//! chosen contacts with a note, edited with no re-send (the portal shows the change at once),
//! statuses at the boundaries of the firm's day, Pay from the firm's template, the digest,
//! and the refusals and boundaries (several matters, contact level, another matter's PDF or
//! contact, another contact, revoked access).

use integration_tests::faults::MailRecorder;
use integration_tests::{Access, Caller, Stack, FIRM};
use serde_json::{json, Value};
use shared::clock;
use shared::email::long_date;
use shared::locale::Language;
use time::{Date, Duration};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj bill";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR bill";

/// A day `offset` days from today in the firm's zone (the stack's default, New York).
fn day(offset: i64) -> String {
    let today = clock::date_in("America/New_York", clock::now()).expect("today");
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = Date::parse(&today, format).expect("date") + Duration::days(offset);
    date.format(format).expect("format")
}

fn bill(number: &str, due_offset: i64, total: i64) -> Value {
    json!({
        "number": number,
        "issuedOn": day(-30),
        "dueOn": day(due_offset),
        "currency": "USD",
        "totalMinor": total,
    })
}

fn id(view: &Value) -> String {
    view["billId"].as_str().expect("billId").to_string()
}

fn by_number<'a>(bills: &'a [Value], number: &str) -> &'a Value {
    bills
        .iter()
        .find(|b| b["number"] == number)
        .unwrap_or_else(|| panic!("bill {number} in {bills:?}"))
}

fn message(answer: &Value) -> String {
    answer["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn bills_are_sent_with_a_note_edited_at_once_and_told_in_one_digest() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let [pdf] = stack
        .upload_firm_documents(&matter, [("Bill 1042.pdf", PDF)])
        .await;
    stack.deliver_object_events().await;
    let ann = stack.sign_in_contact(ann).await;
    let bob = stack.sign_in_contact(bob).await;
    stack.skip_stream().await;

    // Due today (not past due), due yesterday (past due), a trust request due tomorrow.
    let mut today = bill("1042", 0, 125_000);
    today["pdfDocumentId"] = json!(pdf);
    today["balanceMinor"] = json!(100_000);
    let today = stack.create_bill(&matter, today).await;
    assert_eq!(
        (&today["revision"], &today["pdf"]["fileName"]),
        (&json!(1), &json!("Bill 1042.pdf"))
    );
    assert!(
        today["status"].is_null(),
        "a write's answer carries no status"
    );
    let late = stack.create_bill(&matter, bill("1043", -1, 5_000)).await;
    let mut trust = bill("R-7", 1, 500_000);
    trust["kind"] = json!("trustRequest");
    let trust = stack.create_bill(&matter, trust).await;
    assert!(
        stack.my_bills(&ann.session).await.is_empty(),
        "nothing is seen before it is sent"
    );

    let body = json!({
        "billIds": [id(&today), id(&late), id(&trust)],
        "contactIds": [&ann.id],
        "message": "Your December statement",
    });
    let (status, outcome) = stack.try_send_bills(&matter, body.clone()).await;
    assert_eq!((status, &outcome["sent"]), (200, &json!(3)), "{outcome}");
    let (status, again) = stack.try_send_bills(&matter, body).await;
    assert_eq!(
        (status, &again["sent"]),
        (200, &json!(0)),
        "a repeat sends nothing new"
    );

    let mine = stack.my_bills(&ann.session).await;
    assert_eq!(mine.len(), 3);
    let (a, l, t) = (
        by_number(&mine, "1042"),
        by_number(&mine, "1043"),
        by_number(&mine, "R-7"),
    );
    assert_eq!(
        (&a["status"], &l["status"], &t["status"]),
        (&json!("unpaid"), &json!("pastDue"), &json!("requested"))
    );
    assert_eq!(
        (&a["balanceMinor"], &a["totalMinor"], &a["currency"]),
        (&json!(100_000), &json!(125_000), &json!("USD"))
    );
    assert_eq!(a["message"], "Your December statement");
    assert_eq!(
        a["matterTitle"],
        ann_title(&stack, &ann.session, &matter).await
    );
    let pay = format!("https://pay.example.com/bills/{}", id(&today));
    assert_eq!(a["payUrl"], json!(pay));
    assert!(l["payUrl"].is_string(), "a past-due bill can be paid");
    assert!(
        t["payUrl"].is_null(),
        "trust funds go by the firm's instructions"
    );
    assert!(
        stack.my_bills(&bob.session).await.is_empty(),
        "sent to Ann only"
    );
    // The bill's PDF was shared with Ann, so it opens through the document link's checks.
    let documents = stack.portal_documents(&ann.session, "").await;
    assert!(integration_tests::document_ids(&documents).contains(&pdf));

    // Staff mark the first paid in full and void the late one: the portal shows it at once.
    let paid = json!({"revision": 1, "balanceMinor": 0});
    let (status, edited) = stack
        .try_edit_bill(&matter, &id(&today), paid.clone())
        .await;
    assert_eq!(
        (status, &edited["balanceMinor"], &edited["revision"]),
        (200, &json!(0), &json!(2))
    );
    let (status, stale) = stack.try_edit_bill(&matter, &id(&today), paid).await;
    assert_eq!(status, 409, "an edit of an old revision: {stale}");
    let void = json!({"revision": 1, "state": "void"});
    assert_eq!(stack.try_edit_bill(&matter, &id(&late), void).await.0, 200);
    let mine = stack.my_bills(&ann.session).await;
    let (a, l) = (by_number(&mine, "1042"), by_number(&mine, "1043"));
    assert_eq!(
        (&a["status"], &a["balanceMinor"]),
        (&json!("paid"), &json!(0))
    );
    assert!(a["payUrl"].is_null(), "nothing to pay");
    assert_eq!(l["status"], "void");
    let due = json!({"revision": 1, "dueOn": day(-2)});
    assert_eq!(stack.try_edit_bill(&matter, &id(&trust), due).await.0, 200);
    let status_of = |bills: &Value, number: &str| {
        by_number(bills["items"].as_array().expect("items"), number)["status"].clone()
    };
    let listed = stack.bills(&matter).await;
    assert_eq!(status_of(&listed, "R-7"), "pastDue", "moved into the past");
    assert_eq!(status_of(&listed, "1042"), "paid");
    let received = json!({"revision": 2, "state": "settled"});
    assert_eq!(
        stack.try_edit_bill(&matter, &id(&trust), received).await.0,
        200
    );
    assert_eq!(status_of(&stack.bills(&matter).await, "R-7"), "received");

    // Staff see every bill with whom it went to.
    let listed = stack.bills(&matter).await;
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    assert_eq!(listed["today"], json!(day(0)));
    let sent_to = &by_number(items, "1042")["sentTo"];
    assert_eq!(sent_to.as_array().map(Vec::len), Some(1));
    assert_eq!(sent_to[0]["contactId"], json!(ann.id));

    // The log has each step; the sendings and the changes name Ann.
    let mut counts = Vec::new();
    for kind in ["billCreated", "billSent", "billUpdated"] {
        let events = stack.events_of(&matter, kind).await;
        assert!(events.iter().all(|e| e["itemId"].is_string()), "{events:?}");
        counts.push(events.len());
    }
    assert_eq!(counts, [3, 3, 4]);

    // One digest: the three bills and the changes, never a token.
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    let digests: Vec<_> = mail
        .to(&ann.email)
        .into_iter()
        .filter(|m| !m.body.contains("#invite=") && !m.subject.contains("sign-in"))
        .collect();
    assert_eq!(digests.len(), 1, "{digests:?}");
    let body = &digests[0].body;
    assert!(
        body.contains(&format!(
            "new from {FIRM}: Bill 1042, USD 1,000.00 due {}",
            long_date(Language::En, &day(0))
        )),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "changed: Bill 1042, USD 0.00 due {}",
            long_date(Language::En, &day(0))
        )),
        "{body}"
    );
    assert!(body.contains("Trust request R-7"), "{body}");
    assert!(mail
        .to(&bob.email)
        .iter()
        .all(|m| !m.body.contains("Bill 1042,")));
}

/// The matter's title as the contact's matters list gives it.
async fn ann_title(stack: &Stack, session: &str, matter: &str) -> Value {
    let matters = stack.portal_matters(session).await;
    matters["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|m| m["matterId"] == matter)
        .map(|m| m["title"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn bills_stay_within_their_matter_and_contact_and_refuse_what_the_portal_cannot_carry() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let other = stack.new_matter("other").await;
    let carl = stack.new_contact(&other, "carl", Access::Download).await;
    let [pdf] = stack
        .upload_firm_documents(&matter, [("Bill.pdf", PDF)])
        .await;
    let [elsewhere] = stack
        .upload_firm_documents(&other, [("Other.pdf", PDF)])
        .await;
    let png = stack
        .register_firm_document(&matter, "Scan.png", "image/png", PNG)
        .await;
    assert_eq!(stack.put_presigned(&png, PNG.to_vec()).await, 200);
    let png = png["documentId"].as_str().expect("id").to_string();
    stack.deliver_object_events().await;

    let refused = |body: Value| {
        let stack = &stack;
        let matter = matter.clone();
        async move { stack.try_create_bill(&matter, body).await }
    };
    let mut spanning = bill("9", 5, 100);
    spanning["matterIds"] = json!([&matter, &other]);
    let (status, answer) = refused(spanning).await;
    assert_eq!(status, 400);
    assert!(message(&answer).contains("several matters"), "{answer}");
    let mut contact_level = bill("R-1", 5, 100);
    contact_level["kind"] = json!("trustRequest");
    contact_level["level"] = json!("contact");
    let (status, answer) = refused(contact_level).await;
    assert_eq!(status, 400);
    assert!(
        message(&answer).contains("contact-level trust request"),
        "{answer}"
    );
    let mut floats = bill("9", 5, 100);
    floats["totalMinor"] = json!(12.5);
    assert_eq!(
        refused(floats).await.0,
        400,
        "amounts are whole minor units"
    );
    let mut currency = bill("9", 5, 100);
    currency["currency"] = json!("dollars");
    assert_eq!(refused(currency).await.0, 400);
    let mut another_matters_pdf = bill("9", 5, 100);
    another_matters_pdf["pdfDocumentId"] = json!(elsewhere);
    assert_eq!(refused(another_matters_pdf).await.0, 404);
    let mut not_a_pdf = bill("9", 5, 100);
    not_a_pdf["pdfDocumentId"] = json!(png);
    assert_eq!(refused(not_a_pdf).await.0, 415);
    let (status, _) = stack
        .try_create_bill("no-such-matter", bill("9", 5, 100))
        .await;
    assert_eq!(status, 404);

    let mut first = bill("1", 5, 100);
    first["pdfDocumentId"] = json!(pdf);
    let first = stack.create_bill(&matter, first).await;
    // Another matter's contact, an unknown bill, another matter's bill: not found.
    let body = json!({"billIds": [id(&first)], "contactIds": [&carl.id]});
    assert_eq!(stack.try_send_bills(&matter, body).await.0, 404);
    let body = json!({"billIds": ["nope"], "contactIds": [&ann.id]});
    assert_eq!(stack.try_send_bills(&matter, body).await.0, 404);
    let body = json!({"billIds": [id(&first)], "contactIds": [&carl.id]});
    assert_eq!(stack.try_send_bills(&other, body).await.0, 404);
    let edit = json!({"revision": 1, "balanceMinor": 1});
    assert_eq!(stack.try_edit_bill(&other, &id(&first), edit).await.0, 404);
    let too_much = json!({"revision": 1, "balanceMinor": 101});
    assert_eq!(
        stack.try_edit_bill(&matter, &id(&first), too_much).await.0,
        400
    );

    stack
        .send_bills(&matter, &[&id(&first)], &[&ann.id, &bob.id])
        .await;
    let void = stack.create_bill(&matter, bill("2", 5, 100)).await;
    let edit = json!({"revision": 1, "state": "void"});
    assert_eq!(stack.try_edit_bill(&matter, &id(&void), edit).await.0, 200);
    let body = json!({"billIds": [id(&void)], "contactIds": [&ann.id]});
    assert_eq!(
        stack.try_send_bills(&matter, body).await.0,
        409,
        "a void bill is not sent"
    );

    let ann = stack.sign_in_contact(ann).await;
    let bob = stack.sign_in_contact(bob).await;
    let carl = stack.sign_in_contact(carl).await;
    assert_eq!(stack.my_bills(&ann.session).await.len(), 1);
    assert_eq!(stack.my_bills(&bob.session).await.len(), 1);
    assert!(
        stack.my_bills(&carl.session).await.is_empty(),
        "another matter's contact"
    );
    assert!(stack.bills(&other).await["items"]
        .as_array()
        .is_some_and(Vec::is_empty));
    // No session, or staff's token: refused.
    assert_eq!(
        stack
            .call("GET", "/portal/bills", Caller::Anonymous, None)
            .await
            .0,
        401
    );
    assert_eq!(
        stack
            .call("GET", "/portal/bills", Caller::Staff, None)
            .await
            .0,
        401
    );

    // Revoked: the session ends at once; granted again, the bills sent before show again.
    stack.revoke(&matter, &bob.id).await;
    assert_eq!(stack.try_my_bills(&bob.session).await.0, 401);
    // Ann's session reaches the matter while her grant does: still there.
    assert_eq!(stack.my_bills(&ann.session).await.len(), 1);
}
