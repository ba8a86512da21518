//! Calendar events on the emulator through the real handlers: created and shared with chosen
//! contacts, moved and changed (SEQUENCE raised, each contact told), cancelled (kept, sent as
//! cancelled), the contact's upcoming list and .ics files read back by the icalendar crate's
//! parser, the digest, and the boundaries (another contact, another matter, revoked access).

use icalendar::{Calendar, CalendarComponent, Component, EventLike, EventStatus};
use integration_tests::faults::MailRecorder;
use integration_tests::{Access, Stack};
use serde_json::{json, Value};

fn event(title: &str, contacts: &[&str]) -> Value {
    json!({
        "title": title,
        "startsAt": "2030-01-05T15:00:00-05:00",
        "endsAt": "2030-01-05T16:30:00-05:00",
        "timeZone": "America/New_York",
        "place": "Smith & Jones, 2nd floor; Room 4",
        "videoUrl": "https://meet.example.com/j/123?pwd=a,b",
        "notes": "Bring a photo ID,\nand the signed copy.",
        "contactIds": contacts,
    })
}

/// The file's one event, read by a parser we did not write; and the calendar's METHOD.
fn parsed(text: &str) -> (String, icalendar::Event) {
    let calendar: Calendar = text.parse().expect("a calendar the parser reads");
    let method = calendar
        .property_value("METHOD")
        .unwrap_or_default()
        .to_string();
    let event = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e.clone()),
            _ => None,
        })
        .expect("one VEVENT");
    (method, event)
}

fn id(view: &Value) -> String {
    view["appointmentId"].as_str().expect("id").to_string()
}

#[tokio::test]
async fn an_event_is_shared_moved_and_cancelled_and_its_ics_says_so_each_time() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let ann = stack.sign_in_contact(ann).await;
    let bob = stack.sign_in_contact(bob).await;
    stack.skip_stream().await;

    let (status, created) = stack
        .try_create_appointment(&matter, event("Signing, at last", &[&ann.id]))
        .await;
    assert_eq!(status, 201, "{created}");
    let a = id(&created);
    assert_eq!(
        created["startsAt"], "2030-01-05T20:00:00.000000Z",
        "kept in UTC"
    );
    assert_eq!(
        (&created["sequence"], &created["timeZone"]),
        (&json!(0), &json!("America/New_York"))
    );
    assert_eq!(created["sharedWith"][0]["contactId"], json!(ann.id));

    let mine = stack.my_appointments(&ann.session).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["title"], "Signing, at last");
    assert!(
        stack.my_appointments(&bob.session).await.is_empty(),
        "not shared with Bob"
    );
    let (status, _) = stack.ics(&bob.session, &matter, &a).await;
    assert_eq!(status, 404, "Bob's session may not take Ann's event");

    let (status, text) = stack.ics(&ann.session, &matter, &a).await;
    assert_eq!(status, 200);
    let (method, e) = parsed(&text);
    assert_eq!(method, "PUBLISH");
    assert_eq!(e.get_summary(), Some("Signing, at last"));
    assert_eq!(
        e.get_description(),
        Some("Bring a photo ID,\nand the signed copy.")
    );
    assert_eq!(e.get_location(), Some("Smith & Jones, 2nd floor; Room 4"));
    assert_eq!(e.get_sequence(), Some(0));
    assert_eq!(
        e.get_uid(),
        Some(format!("{a}@portal.firm.example").as_str())
    );
    assert!(text.contains("DTSTART:20300105T200000Z\r\n"), "{text}");
    assert!(text.contains("DTEND:20300105T213000Z\r\n"));

    // Moved a day and shared with Bob too: the sequence is raised, Ann is told it moved.
    let mut moved = event("Signing, at last", &[&bob.id]);
    moved["startsAt"] = json!("2030-01-06T15:00:00-05:00");
    moved["endsAt"] = json!("2030-01-06T16:00:00-05:00");
    moved["sequence"] = json!(0);
    let (status, changed) = stack
        .try_change_appointment(&matter, &a, moved.clone())
        .await;
    assert_eq!(
        (status, &changed["sequence"]),
        (200, &json!(1)),
        "{changed}"
    );
    assert_eq!(changed["sharedWith"].as_array().map(Vec::len), Some(2));
    let (status, stale) = stack.try_change_appointment(&matter, &a, moved).await;
    assert_eq!(status, 409, "an old sequence: {stale}");
    let (_, text) = stack.ics(&ann.session, &matter, &a).await;
    let (_, e) = parsed(&text);
    assert_eq!(e.get_sequence(), Some(1));
    assert!(
        text.contains("DTSTART:20300106T200000Z\r\n"),
        "the same UID at the new time"
    );
    assert_eq!(
        stack.my_appointments(&bob.session).await.len(),
        1,
        "now Bob's too"
    );

    // Cancelled: kept, marked, and the file is a cancellation with the sequence raised.
    assert_eq!(stack.try_cancel_appointment(&matter, &a).await.0, 204);
    assert_eq!(
        stack.try_cancel_appointment(&matter, &a).await.0,
        204,
        "again: nothing more"
    );
    let mine = stack.my_appointments(&ann.session).await;
    assert_eq!(mine[0]["cancelled"], true);
    let (_, text) = stack.ics(&ann.session, &matter, &a).await;
    let (method, e) = parsed(&text);
    assert_eq!(method, "CANCEL");
    assert_eq!(e.get_status(), Some(EventStatus::Cancelled));
    assert_eq!(e.get_sequence(), Some(2));
    let mut late = event("Signing", &[]);
    late["sequence"] = json!(2);
    let (status, _) = stack.try_change_appointment(&matter, &a, late).await;
    assert_eq!(status, 409, "a cancelled event does not change");

    // The log and one digest each: Ann hears of the event, its move and its cancellation.
    let kinds = [
        "appointmentCreated",
        "appointmentShared",
        "appointmentMoved",
        "appointmentCancelled",
    ];
    let mut counts = Vec::new();
    for kind in kinds {
        counts.push(stack.events_of(&matter, kind).await.len());
    }
    assert_eq!(counts, [1, 2, 1, 2]);
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    let digest: Vec<_> = mail
        .to(&ann.email)
        .into_iter()
        .filter(|m| m.body.contains("event"))
        .collect();
    assert_eq!(digest.len(), 1, "{digest:?}");
    let body = &digest[0].body;
    assert!(
        // In the zone it was set in, named (an email does not know its reader's).
        body.contains("new event: Signing, at last, January 5, 2030 at 15:00 (America/New_York)"),
        "{body}"
    );
    assert!(
        body.contains("event moved: Signing, at last, January 6, 2030 at 15:00 (America/New_York)"),
        "{body}"
    );
    assert!(body.contains("event cancelled: Signing, at last"), "{body}");
}

#[tokio::test]
async fn events_stay_within_their_matter_and_refuse_bad_times() {
    let stack = Stack::new().await;
    let [ann] = stack
        .matter_with_contacts([("ann", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let other = stack.new_matter("other").await;
    let carl = stack.new_contact(&other, "carl", Access::Download).await;

    let mut backwards = event("Call", &[]);
    backwards["endsAt"] = json!("2030-01-05T14:00:00-05:00");
    assert_eq!(
        stack.try_create_appointment(&matter, backwards).await.0,
        400
    );
    let mut no_offset = event("Call", &[]);
    no_offset["startsAt"] = json!("2030-01-05T15:00:00");
    assert_eq!(
        stack.try_create_appointment(&matter, no_offset).await.0,
        400
    );
    let mut insecure = event("Call", &[]);
    insecure["videoUrl"] = json!("http://meet.example.com/1");
    assert_eq!(stack.try_create_appointment(&matter, insecure).await.0, 400);
    let mut zone = event("Call", &[]);
    zone["timeZone"] = json!("Eastern Time");
    assert_eq!(stack.try_create_appointment(&matter, zone).await.0, 400);
    // Another matter's contact; an unknown matter.
    let (status, _) = stack
        .try_create_appointment(&matter, event("Call", &[&carl.id]))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        stack
            .try_create_appointment("no-such-matter", event("Call", &[]))
            .await
            .0,
        404
    );

    let (_, created) = stack
        .try_create_appointment(&matter, event("Call", &[&ann.id]))
        .await;
    let a = id(&created);
    assert_eq!(
        stack.try_cancel_appointment(&other, &a).await.0,
        404,
        "not the other matter's"
    );
    assert_eq!(stack.appointments(&other).await.len(), 0);
    assert_eq!(stack.appointments(&matter).await.len(), 1);

    let ann = stack.sign_in_contact(ann).await;
    let carl = stack.sign_in_contact(carl).await;
    assert!(stack.my_appointments(&carl.session).await.is_empty());
    assert_eq!(
        stack.ics(&carl.session, &matter, &a).await.0,
        404,
        "another matter's contact"
    );
    assert_eq!(
        stack.ics(&ann.session, &other, &a).await.0,
        404,
        "the wrong matter"
    );
    assert_eq!(
        stack.ics(&ann.session, &matter, "a#b").await.0,
        404,
        "a malformed id finds nothing"
    );
    assert_eq!(stack.ics(&ann.session, &matter, &a).await.0, 200);
    // Revoked: the session ends at once.
    stack.revoke(&matter, &ann.id).await;
    assert_eq!(stack.ics(&ann.session, &matter, &a).await.0, 401);
}
