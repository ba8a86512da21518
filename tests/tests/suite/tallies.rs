//! A matter's tally (contacts, documents, last activity) against its records: random changes
//! through the API, each followed by the matter list's row compared with what the Access and
//! Documents sections list; a tally that drifted is repaired by a recount, one still changing
//! is left alone, and a matter from before tallies is counted on the list and by the sweep.

use integration_tests::{Access, Stack};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use shared::records::MatterTallyRecord;
use shared::service::tally::{self, Recount};
use std::time::Duration;

/// A contact of the test, as the test knows it.
#[derive(Clone, Debug)]
struct Known {
    id: String,
    email: String,
    revoked: bool,
    /// A live session, if any.
    signed_in: Option<String>,
    /// Whether the latest invitation was spent (the next sign-in needs a sign-in link).
    invitation_spent: bool,
}

/// Signs a contact in: with the invitation if it was not spent yet, else a sign-in link.
async fn sign_in(stack: &Stack, who: &mut Known) -> String {
    if who.invitation_spent {
        assert_eq!(stack.try_request_sign_in_link(&who.email).await.0, 202);
    }
    let session = stack.sign_in(&who.email).await;
    who.invitation_spent = true;
    who.signed_in = Some(session.clone());
    session
}

/// One matter's row in the console's list (from its tally).
async fn row(stack: &Stack, matter: &str) -> Value {
    let listed = stack.list_matters(&format!("?q={matter}")).await;
    listed["items"]
        .as_array()
        .and_then(|items| items.iter().find(|r| r["matterId"] == matter))
        .cloned()
        .unwrap_or_else(|| panic!("{matter} in {listed}"))
}

/// What the records say: contacts not revoked (the Access section), documents (the Documents
/// section, every status).
async fn truth(stack: &Stack, matter: &str) -> (u64, u64) {
    let (status, access) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/contacts"),
            integration_tests::Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 200, "{access}");
    let contacts = access["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|c| c["status"] != "revoked")
        .count() as u64;
    let documents = stack.matter_documents(matter).await["items"]
        .as_array()
        .expect("items")
        .len() as u64;
    (contacts, documents)
}

async fn documents_of(stack: &Stack, matter: &str, status: &str) -> Vec<String> {
    stack.matter_documents(matter).await["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|d| d["status"] == status)
        .filter_map(|d| d["documentId"].as_str().map(String::from))
        .collect()
}

fn pdf(label: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {label}\n").into_bytes()
}

#[tokio::test]
async fn random_changes_keep_every_tally_equal_to_the_records() {
    let seed = std::env::var("TALLY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_203u64);
    println!("tallies: seed {seed} (TALLY_SEED to repeat another)");
    let mut rng = StdRng::seed_from_u64(seed);
    // Sign-in links at once, as often as the test signs in.
    let stack = Stack::with_settings(&[("SIGN_IN_COOLDOWN", "0"), ("SIGN_IN_LIMIT", "1000")]).await;
    let matters = [stack.new_matter("a").await, stack.new_matter("b").await];
    let mut people: [Vec<Known>; 2] = [Vec::new(), Vec::new()];
    let mut last: [String; 2] = [String::new(), String::new()];
    let mut done = std::collections::BTreeMap::<&str, u32>::new();
    let mut deck: Vec<u32> = Vec::new();

    for step in 0..66 {
        let m = rng.random_range(0..2usize);
        let matter = matters[m].clone();
        let live: Vec<usize> = (0..people[m].len())
            .filter(|&i| !people[m][i].revoked)
            .collect();
        let revoked: Vec<usize> = (0..people[m].len())
            .filter(|&i| people[m][i].revoked)
            .collect();
        let available = documents_of(&stack, &matter, "available").await;
        // Each kind of change once per round of eleven, in a random order, so that every kind
        // runs whatever the seed.
        if deck.is_empty() {
            deck = (0..11u32).collect();
            deck.shuffle(&mut rng);
        }
        let op = deck.pop().unwrap_or_default();
        let name = match op {
            0 | 1 => {
                let n = people[m].len();
                let (id, email) = (
                    stack.id(&format!("{m}c{n}")),
                    stack.email(&format!("{m}c{n}")),
                );
                stack.grant(&matter, &id, &email, Access::Download).await;
                people[m].push(Known {
                    id,
                    email,
                    revoked: false,
                    signed_in: None,
                    invitation_spent: false,
                });
                "grant"
            }
            2 if !live.is_empty() && (revoked.is_empty() || rng.random_bool(0.5)) => {
                let who = live[rng.random_range(0..live.len())];
                stack.revoke(&matter, &people[m][who].id).await;
                people[m][who].revoked = true;
                people[m][who].signed_in = None;
                "revoke"
            }
            2 if !revoked.is_empty() => {
                let who = &mut people[m][revoked[0]];
                stack
                    .grant(&matter, &who.id, &who.email, Access::ViewOnly)
                    .await;
                who.revoked = false;
                "grant again"
            }
            3 if !live.is_empty() => {
                let who = live[rng.random_range(0..live.len())];
                let email = stack.email(&format!("{m}moved{step}"));
                let id = people[m][who].id.clone();
                stack.grant(&matter, &id, &email, Access::Download).await;
                people[m][who].email = email;
                people[m][who].signed_in = None;
                people[m][who].invitation_spent = false;
                "address change"
            }
            4 => {
                stack
                    .upload_firm_document(&matter, &format!("F{step}.pdf"), &pdf("firm"))
                    .await;
                stack.deliver_object_events().await;
                "firm upload"
            }
            5 => {
                // Declared, never sent: pending, and counted.
                stack
                    .register_firm_document(
                        &matter,
                        &format!("P{step}.pdf"),
                        "application/pdf",
                        &[0; 9],
                    )
                    .await;
                "firm declared"
            }
            6 if !live.is_empty() => {
                let who = live[rng.random_range(0..live.len())];
                let session = match people[m][who].signed_in.clone() {
                    Some(session) => session,
                    None => sign_in(&stack, &mut people[m][who]).await,
                };
                stack
                    .upload_as_contact(&session, &matter, &format!("U{step}.pdf"), &pdf("up"))
                    .await;
                "contact upload"
            }
            7 if !available.is_empty() => {
                let document = &available[rng.random_range(0..available.len())];
                stack.delete_document(&matter, document).await;
                "delete"
            }
            8 if !available.is_empty() && !live.is_empty() => {
                let document = &available[rng.random_range(0..available.len())];
                let who = &people[m][live[rng.random_range(0..live.len())]];
                let answer = stack.share(&matter, &[document], &[&who.id]).await;
                // Shared before: nothing changes, nothing is activity.
                if answer["created"] == 0 {
                    "nothing"
                } else {
                    "share"
                }
            }
            10 => {
                let shares = stack.matter_shares(&matter, "").await;
                let listed = shares["items"].as_array().cloned().unwrap_or_default();
                match listed.get(rng.random_range(0..listed.len().max(1))) {
                    Some(share) => {
                        let (document, contact) = (
                            share["documentId"].as_str().unwrap_or_default(),
                            share["contactId"].as_str().unwrap_or_default(),
                        );
                        stack.stop_share(&matter, document, contact).await;
                        "stop share"
                    }
                    None => "nothing",
                }
            }
            9 if !live.is_empty() => {
                let who = live[rng.random_range(0..live.len())];
                sign_in(&stack, &mut people[m][who]).await;
                "sign in"
            }
            _ => "nothing",
        };
        *done.entry(name).or_default() += 1;
        let shown = row(&stack, &matter).await;
        let (contacts, documents) = truth(&stack, &matter).await;
        assert_eq!(
            (shown["contacts"].as_u64(), shown["documents"].as_u64()),
            (Some(contacts), Some(documents)),
            "step {step} ({name}) on {matter}: {shown}"
        );
        let at = shown["lastActivityAt"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(at >= last[m], "step {step}: last activity went back");
        if name != "nothing" {
            assert!(at > last[m], "step {step} ({name}) is activity: {shown}");
        }
        last[m] = at;
    }
    println!("tallies: {done:?}");
    // Every kind of change ran at least once.
    for kind in [
        "grant",
        "revoke",
        "grant again",
        "address change",
        "firm upload",
        "firm declared",
        "contact upload",
        "delete",
        "share",
        "stop share",
        "sign in",
    ] {
        assert!(done.contains_key(kind), "{kind} never ran: {done:?}");
    }
    // And a recount finds nothing to repair.
    for matter in &matters {
        assert_eq!(
            tally::recount(&stack.app, matter, Duration::ZERO)
                .await
                .expect("recount"),
            Recount::Unchanged
        );
    }
}

async fn stored_tally(stack: &Stack, matter: &str) -> Option<MatterTallyRecord> {
    stack
        .app
        .table
        .get(&MatterTallyRecord::key_for(matter))
        .await
        .expect("read tally")
}

#[tokio::test]
async fn a_recount_repairs_drift_waits_for_a_changing_matter_and_counts_an_old_one() {
    let stack = Stack::new().await;
    let [ann, _bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    stack
        .upload_firm_document(&matter, "One.pdf", &pdf("one"))
        .await;

    // Changed a moment ago: the index may lag, so a recount that waits for a quiet minute
    // leaves it; one told not to wait finds it right.
    assert_eq!(
        tally::recount(&stack.app, &matter, tally::SETTLE)
            .await
            .expect("recount"),
        Recount::Busy
    );
    assert_eq!(
        tally::recount(&stack.app, &matter, Duration::ZERO)
            .await
            .expect("recount"),
        Recount::Unchanged
    );

    // Drifted (a bug, a hand edit): repaired to the records, once.
    let mut wrong = stored_tally(&stack, &matter).await.expect("a tally");
    (wrong.contacts, wrong.documents) = (9, 9);
    wrong.last_activity_at = Some("2026-01-01T00:00:00.000000Z".into());
    stack.app.table.put(&wrong, None).await.expect("corrupt");
    assert_eq!(
        tally::recount(&stack.app, &matter, tally::SETTLE)
            .await
            .expect("recount"),
        Recount::Repaired {
            contacts: (9, 2),
            documents: (9, 1)
        }
    );
    let repaired = stored_tally(&stack, &matter).await.expect("a tally");
    assert_eq!((repaired.contacts, repaired.documents), (2, 1));
    assert!(
        repaired.last_activity_at.as_deref() > Some("2026-01-01T00:00:00.000000Z"),
        "the grants' times are activity too"
    );
    assert_eq!(
        tally::recount(&stack.app, &matter, Duration::ZERO)
            .await
            .expect("recount"),
        Recount::Unchanged
    );

    // A matter from before tallies: the list counts it from its records (reads only), the
    // sweep writes its tally; changes before that do not make it trusted.
    stack
        .app
        .table
        .delete(&MatterTallyRecord::key_for(&matter))
        .await
        .expect("forget the tally");
    stack
        .upload_firm_document(&matter, "Two.pdf", &pdf("two"))
        .await;
    let partial = stored_tally(&stack, &matter)
        .await
        .expect("a change's tally");
    assert_eq!(partial.documents, 1, "only what changed since");
    assert!(!partial.is_counted());
    let shown = row(&stack, &matter).await;
    assert_eq!(
        (shown["contacts"].as_u64(), shown["documents"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        stored_tally(&stack, &matter).await,
        Some(partial),
        "the list wrote nothing"
    );
    let swept = stack.sweep_deletions(0).await;
    assert_eq!(swept["tallies"]["checked"], 1, "{swept}");
    // Changed a moment ago (the upload): the sweep leaves it to a later run, which the test
    // stands in for with no wait.
    assert_eq!(
        tally::recount(&stack.app, &matter, Duration::ZERO)
            .await
            .expect("recount"),
        Recount::Repaired {
            contacts: (0, 2),
            documents: (1, 2)
        }
    );
    let counted = stored_tally(&stack, &matter).await.expect("a tally");
    assert!(counted.is_counted());
    assert_eq!((counted.contacts, counted.documents), (2, 2));
}
