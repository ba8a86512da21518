//! Malware scanning of uploads: which scanner speaks, and what its verdict means. An upload
//! is attached only on a clean verdict (`service::intake`).
//!
//! Deployed, GuardDuty Malware Protection for S3 scans each new object of the documents
//! bucket and reports its verdict as an EventBridge event (and a tag on the object); that
//! event settles the upload. Locally and in tests there is no GuardDuty: a *stand-in* flags
//! the EICAR test string, the industry's harmless stand-in for malware, and nothing else. It
//! is named so wherever it speaks, since it is not a malware scanner.

use crate::error::{Error, Result};
use serde::Deserialize;

/// The reason an infected upload is refused with, as the uploader and staff read it.
pub const FAILED_SCAN: &str = "failed a malware scan";
/// The tag GuardDuty writes on each object it scanned, holding its scan status.
pub const VERDICT_TAG: &str = "GuardDutyMalwareScanStatus";
/// The reason an upload the scanner cannot read (an encrypted archive, say) is refused with.
pub const UNSCANNABLE: &str = "could not be scanned for malware";

/// Which scanner decides (`MALWARE_SCAN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scanner {
    /// GuardDuty Malware Protection for S3: its scan-result event settles each upload.
    GuardDuty,
    /// Flags the EICAR test string in an upload's leading bytes; for the local stack and
    /// tests only.
    StandIn,
}

impl Scanner {
    /// `guardduty` or `stand-in`; unset: the stand-in (the template sets `guardduty`).
    pub fn parse(raw: Option<&str>) -> Result<Self> {
        match raw.map(str::trim) {
            Some("guardduty") => Ok(Self::GuardDuty),
            None | Some("") | Some("stand-in") => Ok(Self::StandIn),
            Some(other) => Err(Error::internal(format!(
                "MALWARE_SCAN must be guardduty or stand-in, not {other:?}"
            ))),
        }
    }
}

/// What a scan said of one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    Infected,
    /// Scanned, but the scanner could not read it: refused, never attached unscanned.
    Unscannable,
    /// No verdict to act on yet (the scan has not reported, or failed and is retried).
    Awaiting,
}

// Split so that the source file itself is not taken for the test file by a scanner.
const EICAR: &[u8] = concat!(
    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
    "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
)
.as_bytes();

/// The stand-in's verdict on an object's leading bytes: infected when they hold the EICAR
/// test string, else clean.
pub fn stand_in_verdict(head: &[u8]) -> Verdict {
    if head.windows(EICAR.len()).any(|w| w == EICAR) {
        Verdict::Infected
    } else {
        Verdict::Clean
    }
}

/// GuardDuty's scan status (`scanResultStatus`, and the `GuardDutyMalwareScanStatus` tag)
/// as a verdict. A failed scan or one denied access has no verdict: it is retried.
pub fn guardduty_verdict(status: &str) -> Verdict {
    match status {
        "NO_THREATS_FOUND" => Verdict::Clean,
        "THREATS_FOUND" => Verdict::Infected,
        "UNSUPPORTED" => Verdict::Unscannable,
        _ => Verdict::Awaiting,
    }
}

/// A GuardDuty Malware Protection scan result, as EventBridge delivers it: the object's
/// bucket and key, and the verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanResult {
    pub bucket: String,
    pub key: String,
    pub status: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Detail {
    s3_object_details: ObjectDetails,
    scan_result_details: ResultDetails,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ObjectDetails {
    bucket_name: String,
    object_key: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultDetails {
    scan_result_status: String,
}

/// The scan result an EventBridge event carries; `None` for any other event.
pub fn scan_result(event: &serde_json::Value) -> Option<ScanResult> {
    let kind = event.get("detail-type").and_then(|d| d.as_str());
    if kind != Some("GuardDuty Malware Protection Object Scan Result") {
        return None;
    }
    let detail: Detail = serde_json::from_value(event.get("detail")?.clone()).ok()?;
    Some(ScanResult {
        bucket: detail.s3_object_details.bucket_name,
        key: detail.s3_object_details.object_key,
        status: detail.scan_result_details.scan_result_status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stand_in_flags_the_eicar_string_in_the_leading_bytes_and_nothing_else() {
        assert_eq!(stand_in_verdict(EICAR), Verdict::Infected);
        let mut padded = b"  \r\n".to_vec();
        padded.extend_from_slice(EICAR);
        padded.extend_from_slice(b"\n");
        assert_eq!(stand_in_verdict(&padded), Verdict::Infected);
        assert_eq!(stand_in_verdict(&EICAR[..EICAR.len() - 1]), Verdict::Clean);
        assert_eq!(stand_in_verdict(b"%PDF-1.7 a letter"), Verdict::Clean);
        assert_eq!(stand_in_verdict(b""), Verdict::Clean);
    }

    #[test]
    fn guardduty_statuses_become_verdicts_and_a_failed_scan_is_awaited_again() {
        assert_eq!(guardduty_verdict("NO_THREATS_FOUND"), Verdict::Clean);
        assert_eq!(guardduty_verdict("THREATS_FOUND"), Verdict::Infected);
        assert_eq!(guardduty_verdict("UNSUPPORTED"), Verdict::Unscannable);
        assert_eq!(guardduty_verdict("FAILED"), Verdict::Awaiting);
        assert_eq!(guardduty_verdict("ACCESS_DENIED"), Verdict::Awaiting);
    }

    #[test]
    fn scan_result_events_are_read_and_others_are_not() {
        let event = serde_json::json!({
            "version": "0",
            "source": "aws.guardduty",
            "detail-type": "GuardDuty Malware Protection Object Scan Result",
            "detail": {
                "schemaVersion": "1.0",
                "scanStatus": "COMPLETED",
                "resourceType": "S3_OBJECT",
                "s3ObjectDetails": {
                    "bucketName": "portal-documents",
                    "objectKey": "matters/m1/uploads/u1",
                    "eTag": "abc",
                    "versionId": null
                },
                "scanResultDetails": {"scanResultStatus": "THREATS_FOUND", "threats": null}
            }
        });
        let result = scan_result(&event).expect("a scan result");
        assert_eq!(result.key, "matters/m1/uploads/u1");
        assert_eq!(result.bucket, "portal-documents");
        assert_eq!(guardduty_verdict(&result.status), Verdict::Infected);
        assert!(scan_result(&serde_json::json!({"Records": []})).is_none());
        let other = serde_json::json!({"detail-type": "Scheduled Event", "detail": {}});
        assert!(scan_result(&other).is_none());
    }

    #[test]
    fn the_scanner_is_named_by_the_setting() {
        assert_eq!(
            Scanner::parse(Some("guardduty")).ok(),
            Some(Scanner::GuardDuty)
        );
        assert_eq!(Scanner::parse(None).ok(), Some(Scanner::StandIn));
        assert_eq!(
            Scanner::parse(Some("stand-in")).ok(),
            Some(Scanner::StandIn)
        );
        assert!(Scanner::parse(Some("clamav")).is_err());
    }
}
