//! Does the sign-in link route's answer time tell whether an address has access? (Issue 29:
//! padded answers had a slow tail for addresses with access.) Now the route only stores the
//! request and the mail worker does the rest, so it should not: 30 addresses with access and
//! 30 without ask at once, in random order, over several rounds, through the route's handler
//! against the emulator. The figure is the best any threshold on the answer time does at
//! telling the two apart, beside what the same search finds when the labels are shuffled
//! (chance, including the luck of picking the best threshold after the fact).

use crate::{ms, BoxError};
use futures_util::future::join_all;
use integration_tests::{Access, Stack};
use rand::seq::SliceRandom;
use std::time::{Duration, Instant};

const PER_SIDE: usize = 30;
const ROUNDS: usize = 5;
const SHUFFLES: usize = 2_000;

/// One answer: whether the address has access, and how long its answer took.
type Sample = (bool, Duration);

pub async fn run(stack: &Stack) -> Result<(), BoxError> {
    let matter = stack.new_matter("timing").await;
    let mut known = Vec::with_capacity(PER_SIDE);
    for n in 0..PER_SIDE {
        let contact = stack.id(&format!("known{n}"));
        let email = stack.email(&format!("known{n}"));
        stack
            .grant(&matter, &contact, &email, Access::ViewOnly)
            .await;
        known.push(email);
    }
    let unknown: Vec<String> = (0..PER_SIDE)
        .map(|n| stack.email(&format!("nobody{n}")))
        .collect();

    let mut samples: Vec<Sample> = Vec::with_capacity(ROUNDS * PER_SIDE * 2);
    for _ in 0..ROUNDS {
        let mut asks: Vec<(bool, &String)> = known
            .iter()
            .map(|a| (true, a))
            .chain(unknown.iter().map(|a| (false, a)))
            .collect();
        asks.shuffle(&mut rand::rng());
        let answers = join_all(asks.into_iter().map(|(has_access, address)| async move {
            let started = Instant::now();
            let (status, answer) = stack.request_sign_in_link_only(address).await;
            (has_access, started.elapsed(), status, answer)
        }))
        .await;
        for (has_access, took, status, answer) in answers {
            if status != 202 {
                return Err(format!("sign-in link for a test address: {status} {answer}").into());
            }
            samples.push((has_access, took));
        }
        // The worker's part (lookups, limits, mail) runs apart from the answers measured.
        stack.deliver_notifications().await;
    }

    let best = best_threshold_accuracy(&samples);
    let mut shuffled = samples.clone();
    let mut as_good = 0;
    let mut chance = Vec::with_capacity(SHUFFLES);
    for _ in 0..SHUFFLES {
        let mut labels: Vec<bool> = shuffled.iter().map(|s| s.0).collect();
        labels.shuffle(&mut rand::rng());
        for (sample, label) in shuffled.iter_mut().zip(labels) {
            sample.0 = label;
        }
        let accuracy = best_threshold_accuracy(&shuffled);
        if accuracy >= best {
            as_good += 1;
        }
        chance.push(accuracy);
    }
    chance.sort_by(f64::total_cmp);
    let p_value = (as_good + 1) as f64 / (SHUFFLES + 1) as f64;

    println!("## Sign-in link answers: addresses with access and without\n");
    println!(
        "{PER_SIDE} addresses with access and {PER_SIDE} without ask for a link at once, in random order, {ROUNDS} rounds (`POST /portal/sign-in-links` through its handler against the emulator; the mail worker runs between rounds, apart from the answers).\n"
    );
    println!("| addresses | answers | p50 | p90 | max |\n|---|---|---|---|---|");
    for (label, side) in [("with access", true), ("without", false)] {
        let mut times: Vec<Duration> = samples
            .iter()
            .filter(|s| s.0 == side)
            .map(|s| s.1)
            .collect();
        times.sort();
        let at = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
        println!(
            "| {label} | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
            times.len(),
            at(0.5),
            at(0.9),
            at(1.0)
        );
    }
    println!(
        "\nThe best threshold on the answer time tells them apart {:.0}% of the time; with the labels shuffled ({SHUFFLES} times) the best threshold does {:.0}% at the median and {:.0}% at the 95th percentile, and as well or better {:.0}% of the time (p = {p_value:.2}): {}.\n",
        best * 100.0,
        chance[SHUFFLES / 2] * 100.0,
        chance[SHUFFLES * 95 / 100] * 100.0,
        p_value * 100.0,
        if p_value > 0.05 {
            "no better than chance"
        } else {
            "BETTER THAN CHANCE: the answer time tells"
        }
    );
    Ok(())
}

/// The share of samples the best rule "slower than t means one side" gets right, over every
/// threshold and both sides.
fn best_threshold_accuracy(samples: &[Sample]) -> f64 {
    let mut sorted: Vec<Sample> = samples.to_vec();
    sorted.sort_by_key(|s| s.1);
    let total = sorted.len();
    let known = sorted.iter().filter(|s| s.0).count();
    // Cut after the first `k`: the fast ones are called unknown, the slow ones known.
    let mut known_fast = 0;
    let mut best = 0usize;
    for k in 0..=total {
        if k > 0 && sorted[k - 1].0 {
            known_fast += 1;
        }
        let unknown_fast = k - known_fast;
        let right = unknown_fast + (known - known_fast);
        best = best.max(right).max(total - right);
    }
    best as f64 / total.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_threshold_finds_a_separation_and_chance_finds_half() {
        let ms = Duration::from_millis;
        let apart: Vec<Sample> = (0..10)
            .map(|n| (false, ms(n)))
            .chain((0..10).map(|n| (true, ms(100 + n))))
            .collect();
        assert_eq!(best_threshold_accuracy(&apart), 1.0);
        let reversed: Vec<Sample> = apart.iter().map(|&(k, t)| (!k, t)).collect();
        assert_eq!(best_threshold_accuracy(&reversed), 1.0, "either side slow");
        let alternating: Vec<Sample> = (0..20).map(|n| (n % 2 == 0, ms(n))).collect();
        assert!(best_threshold_accuracy(&alternating) <= 0.55);
    }
}
