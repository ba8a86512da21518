//! The budgets the README promises: DynamoDB calls per operation, whatever the matter holds.
//! The "Budgets" table prints each against both matters; a miss fails the bench.

use crate::{us, BoxError};
use shared::service::listing::MAX_READS_PER_PAGE;
use std::collections::BTreeMap;
use std::time::Duration;

/// DynamoDB calls per operation, as measured on one matter.
#[derive(Default)]
pub struct Records(BTreeMap<String, u64>);

impl Records {
    /// Keeps the DynamoDB calls among `calls` (as counted by `integration_tests::observe`) for `operation`.
    pub fn note(&mut self, operation: &str, calls: &BTreeMap<String, u64>) {
        let dynamodb = calls
            .iter()
            .filter(|(op, _)| op.starts_with("DynamoDB."))
            .map(|(_, n)| n)
            .sum();
        self.0.insert(operation.to_string(), dynamodb);
    }

    fn get(&self, operation: &str) -> Option<&u64> {
        self.0.get(operation)
    }
}

/// What the operations section measured, for the budgets.
pub struct Measured {
    pub small: Records,
    pub big: Records,
    /// Mean time of one presign.
    pub presign: Duration,
}

/// Prints the "Budgets" table and fails when one is missed.
pub fn check(measured: &Measured) -> Result<(), BoxError> {
    // The portal's BatchGetItem (session and grants), then the index reads.
    let searched = 1 + MAX_READS_PER_PAGE as u64;
    let budgets = [
        ("portal list, newest first, first page of 50", 2),
        ("portal list, by name, first page of 50", 2),
        (
            "portal list, searched (1 in 1,000), first page of 50",
            searched,
        ),
        (
            "Sharing section, whole matter, newest first, first page of 50",
            2,
        ),
        (
            "Sharing section, whole matter, by name, first page of 50",
            2,
        ),
        (
            "Sharing section, one contact, by created, first page of 50",
            2,
        ),
        (
            "Sharing section, one contact, searched (1 in 1,000), first page of 50",
            searched,
        ),
        // BatchGetItem (session, grants, share, document), one TransactWriteItems.
        ("download link", 2),
        // Matter, documents, contacts; then per contact its existing shares and one transaction.
        ("share 10 documents with 5 contacts", 3 + 2 * 5),
    ];
    println!("\n## Budgets (DynamoDB calls, from the counts above)\n");
    println!("| operation | budget | small matter | big matter | met |");
    println!("|---|---|---|---|---|");
    let mut missed = 0;
    for (operation, budget) in budgets {
        let (a, b) = (measured.small.get(operation), measured.big.get(operation));
        let met = matches!((a, b), (Some(a), Some(b)) if *a <= budget && *b <= budget);
        missed += usize::from(!met);
        let shown = |n: Option<&u64>| n.map_or("not measured".to_string(), u64::to_string);
        println!(
            "| {operation} | ≤ {budget} | {} | {} | {} |",
            shown(a),
            shown(b),
            yes_no(met)
        );
    }
    let presign_met = measured.presign < Duration::from_millis(1);
    missed += usize::from(!presign_met);
    println!(
        "| presign a GET URL | < 1 ms, no call | {:.1} µs | — | {} |",
        us(measured.presign),
        yes_no(presign_met)
    );
    if missed > 0 {
        return Err(format!("{missed} budget(s) missed").into());
    }
    Ok(())
}

fn yes_no(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "NO"
    }
}
