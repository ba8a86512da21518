//! `portal-bench zip`: the zip of 20 documents of 5 MB each, made by the release
//! `presign-download` binary as Lambda runs it at the template's 512 MB (that size's CPU
//! share, AWS behind TLS): the time to write the zip, the time to hand out the same zip again,
//! moto's part of each, and the process's peak RSS, which must stay far under 512 MB because
//! no document is ever held whole (two 8 MiB parts at most).

use crate::processes::{api_event, function_env, status_of, Conditions, Job, Started};
use crate::quota::Quotas;
use crate::{machine, mib, moto_address, tls, BoxError, TEMPLATE_MB};
use integration_tests::Stack;
use serde_json::{json, Value};
use std::path::Path;

const DOCUMENTS: usize = 20;
const DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// A PDF-looking document of 5 MiB whose bytes differ from every other's.
fn document(i: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..DOCUMENT_BYTES - bytes.len()).map(|n| ((n * 31 + i * 7) % 251) as u8));
    bytes
}

pub async fn run(bin_dir: &Path) -> Result<(), BoxError> {
    let stack = Stack::new().await;
    let matter = stack.new_matter("zip").await;
    eprintln!(
        "zip: uploading {DOCUMENTS} documents of {} MiB",
        DOCUMENT_BYTES >> 20
    );
    for i in 0..DOCUMENTS {
        let name = format!("Exhibit {i:02}.pdf");
        stack
            .upload_firm_document(&matter, &name, &document(i))
            .await;
    }
    stack.deliver_object_events().await;

    let front = tls::Front::start(moto_address()?, true).await?;
    let quotas = Quotas::create(&[TEMPLATE_MB]);
    let quota = quotas.sizes().first().ok_or("no memory size")?;
    let conditions = Conditions {
        endpoint: &front.endpoint,
        ca_bundle: front.ca_bundle(),
        meter: &front.meter,
        quota,
    };
    let job = Job {
        binary: bin_dir.join("presign-download"),
        name: "presign-download",
        label: "matter zip",
        env: function_env(&stack, &conditions),
        event: api_event(
            "POST",
            &format!("/matters/{matter}/zips"),
            Some(stack.staff_token()),
            Some(json!({})),
        ),
    };
    let mut started = Started::start(&job, &conditions).await?;
    let written = started.invoke(job.event.clone()).await?;
    let reused = started.invoke(job.event.clone()).await?;
    let ended = started.stop().await;
    let zip = answer_body(&written.answer)?;
    if zip["reused"] != json!(false) || answer_body(&reused.answer)?["reused"] != json!(true) {
        return Err(format!("the zip was not written then reused: {zip}").into());
    }
    let size = zip["size"].as_u64().unwrap_or(0);
    let seconds = written.latency.as_secs_f64();
    println!("## A zip of {DOCUMENTS} × 5 MiB documents\n");
    println!("machine: {}\n", machine());
    println!(
        "presign-download (release) at {}, AWS over TLS to moto; staff's zip of the matter.\n",
        quota.label()
    );
    println!(
        "| zip | entries | written in | moto's part | throughput | same zip again | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {:.1} MiB | {} | {:.2} s | {:.2} s | {:.0} MiB/s | {:.0} ms | {:.1} MiB |",
        mib(size),
        zip["entries"],
        seconds,
        written.moto.time.as_secs_f64(),
        mib(size) / seconds,
        reused.latency.as_secs_f64() * 1000.0,
        ended.peak_kib as f64 / 1024.0,
    );
    Ok(())
}

/// The JSON a function's HTTP answer carries, or why there is none.
fn answer_body(answer: &crate::runtime_api::Answer) -> Result<Value, BoxError> {
    let status = status_of(answer);
    let outer: Value = serde_json::from_str(&answer.body)?;
    let body = outer["body"]
        .as_str()
        .ok_or_else(|| format!("no body ({status})"))?;
    if status != "200" {
        return Err(format!("the zip failed: {status} {body}").into());
    }
    Ok(serde_json::from_str(body)?)
}
