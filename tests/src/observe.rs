//! Watching the AWS calls the functions make: interceptors added to every SDK client of an
//! [`App`](shared::App) built by [`instrumented_app`] (the bench counts calls with them, the
//! suite injects faults and records each function's operations).

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
pub use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub struct CallCounter {
    calls: Arc<Mutex<BTreeMap<String, u64>>>,
}

impl CallCounter {
    /// Calls since the last take, as `Service.Operation -> count`.
    pub fn take(&self) -> BTreeMap<String, u64> {
        std::mem::take(&mut *self.calls.lock().expect("counter lock"))
    }

    /// The DynamoDB calls since the last take, as `Operation -> count` (`GetItem`).
    pub fn take_dynamodb(&self) -> BTreeMap<String, u64> {
        self.take()
            .into_iter()
            .filter_map(|(op, n)| op.strip_prefix("DynamoDB.").map(|o| (o.to_string(), n)))
            .collect()
    }
}

/// `Service.Operation` of the call whose config bag this is (known once serialization starts).
pub fn operation_name(cfg: &ConfigBag) -> String {
    cfg.load::<Metadata>().map_or_else(
        || "unknown".to_string(),
        |m| format!("{}.{}", m.service(), m.name()),
    )
}

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "CallCounter"
    }

    // Once per call (retries are not counted again); the operation's name is in the bag by now.
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let operation = operation_name(cfg);
        *self
            .calls
            .lock()
            .expect("counter lock")
            .entry(operation)
            .or_default() += 1;
        Ok(())
    }
}

/// Total and per-operation summary, e.g. `3 (DynamoDB.GetItem×2, DynamoDB.Query×1)`.
pub fn summary(calls: &BTreeMap<String, u64>) -> String {
    let total: u64 = calls.values().sum();
    let parts: Vec<String> = calls.iter().map(|(op, n)| format!("{op}×{n}")).collect();
    format!("{total} ({})", parts.join(", "))
}

/// An App like `config`'s, whose every SDK client (DynamoDB, S3, SES) runs `interceptors`.
pub fn instrumented_app(
    config: shared::Config,
    sdk: &aws_config::SdkConfig,
    interceptors: &[SharedInterceptor],
) -> shared::App {
    let mut dynamodb = aws_sdk_dynamodb::config::Builder::from(sdk);
    let mut s3 =
        aws_sdk_s3::config::Builder::from(sdk).force_path_style(sdk.endpoint_url().is_some());
    let mut ses = aws_sdk_sesv2::config::Builder::from(sdk);
    for interceptor in interceptors {
        dynamodb = dynamodb.interceptor(interceptor.clone());
        s3 = s3.interceptor(interceptor.clone());
        ses = ses.interceptor(interceptor.clone());
    }
    shared::App {
        table: shared::store::Table::with_client(
            aws_sdk_dynamodb::Client::from_conf(dynamodb.build()),
            &config.table_name,
        ),
        files: shared::files::Files::with_client(
            aws_sdk_s3::Client::from_conf(s3.build()),
            &config.bucket_name,
        ),
        mailer: shared::email::Mailer::with_client(
            aws_sdk_sesv2::Client::from_conf(ses.build()),
            &config.sender_email,
        )
        .branded(config.brand()),
        config,
    }
}

/// The digest queue at `url` over a client that runs `interceptors`, as `file-notifications`
/// builds it.
pub fn instrumented_queue(
    sdk: &aws_config::SdkConfig,
    url: &str,
    interceptors: &[SharedInterceptor],
) -> shared::queue::Queue {
    let mut sqs = aws_sdk_sqs::config::Builder::from(sdk);
    for interceptor in interceptors {
        sqs = sqs.interceptor(interceptor.clone());
    }
    shared::queue::Queue::with_client(aws_sdk_sqs::Client::from_conf(sqs.build()), url)
}

tokio::task_local! {
    /// The Lambda function whose code is running: [`Stack::call`](crate::Stack::call) and
    /// the trigger and schedule entry points set it, so that [`Recorder`] files each call
    /// under the function (and so the role) that made it.
    static FUNCTION: &'static str;
}

/// Runs `work` as the function `name`.
pub async fn as_function<F: std::future::Future>(name: &'static str, work: F) -> F::Output {
    FUNCTION.scope(name, work).await
}

/// The function running now; calls the tests make themselves are filed under this.
pub const OUTSIDE_ANY_FUNCTION: &str = "(test code)";

fn current_function() -> &'static str {
    FUNCTION.try_with(|f| *f).unwrap_or(OUTSIDE_ANY_FUNCTION)
}

/// One AWS call as IAM sees it: the action and, for DynamoDB queries of an index, the index
/// (IAM authorises those on `table/index/<name>`, not on the table).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Action {
    pub action: String,
    pub index: Option<String>,
    /// For S3 object calls, the key's first segment (`matters`, `zips`): roles grant each
    /// prefix on its own.
    pub under: Option<String>,
}

impl Action {
    fn new(action: &str) -> Self {
        Self {
            action: action.into(),
            index: None,
            under: None,
        }
    }

    fn under(mut self, key: Option<&str>) -> Self {
        self.under = key.and_then(|k| k.split('/').next()).map(String::from);
        self
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.index {
            Some(index) => write!(f, "{} (index/{index})", self.action),
            None => f.write_str(&self.action),
        }
    }
}

#[derive(Debug, Default)]
struct Recorded {
    /// Function -> IAM actions its calls needed.
    actions: BTreeMap<&'static str, std::collections::BTreeSet<Action>>,
    /// Function -> `Service.Operation` as the SDK named each call, `(presigned)` for a
    /// presign (signed, never sent).
    operations: BTreeMap<&'static str, std::collections::BTreeSet<String>>,
    /// Every DynamoDB read: function, operation, index, whether strongly consistent.
    reads: Vec<Read>,
}

/// A DynamoDB read and how consistent it asked to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    pub function: &'static str,
    pub operation: String,
    pub index: Option<String>,
    pub consistent: bool,
}

/// Records, per function, the IAM action of every SDK call (see [`iam_actions`]).
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    recorded: Arc<Mutex<Recorded>>,
}

impl Recorder {
    /// Function -> the IAM actions its calls needed.
    pub fn actions(&self) -> BTreeMap<&'static str, std::collections::BTreeSet<Action>> {
        self.recorded.lock().expect("recorder lock").actions.clone()
    }

    /// Function -> the SDK operations it called.
    pub fn operations(&self) -> BTreeMap<&'static str, std::collections::BTreeSet<String>> {
        self.recorded
            .lock()
            .expect("recorder lock")
            .operations
            .clone()
    }

    /// Every DynamoDB read made so far.
    pub fn reads(&self) -> Vec<Read> {
        self.recorded.lock().expect("recorder lock").reads.clone()
    }
}

/// The IAM actions a call needs. DynamoDB's are named like its operations, except that a
/// transaction is authorised item by item (there is no `dynamodb:TransactWriteItems`); S3's
/// HeadObject is authorised as GetObject, and answers 404 for a missing key only to a caller
/// that may also list the bucket (else 403), which `files::head` relies on; SESv2 SendEmail
/// is `ses:SendEmail`.
pub fn iam_actions(
    service: &str,
    operation: &str,
    input: &aws_smithy_runtime_api::client::interceptors::context::Input,
) -> Vec<Action> {
    use aws_sdk_dynamodb::operation::query::QueryInput;
    use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsInput;
    match (service.to_ascii_lowercase().as_str(), operation) {
        ("dynamodb", "TransactWriteItems") => input
            .downcast_ref::<TransactWriteItemsInput>()
            .map(|i| {
                i.transact_items()
                    .iter()
                    .filter_map(|item| {
                        let action = if item.put().is_some() {
                            "dynamodb:PutItem"
                        } else if item.update().is_some() {
                            "dynamodb:UpdateItem"
                        } else if item.delete().is_some() {
                            "dynamodb:DeleteItem"
                        } else if item.condition_check().is_some() {
                            "dynamodb:ConditionCheckItem"
                        } else {
                            return None;
                        };
                        Some(Action::new(action))
                    })
                    .collect()
            })
            .unwrap_or_else(|| vec![Action::new("dynamodb:TransactWriteItems (unread input)")]),
        ("dynamodb", "Query") => vec![Action {
            action: "dynamodb:Query".into(),
            under: None,
            index: input
                .downcast_ref::<QueryInput>()
                .and_then(|q| q.index_name().map(String::from)),
        }],
        ("dynamodb", other) => vec![Action::new(&format!("dynamodb:{other}"))],
        ("s3", "HeadObject") => vec![
            Action::new("s3:GetObject").under(s3_key(input)),
            Action::new("s3:ListBucket"),
        ],
        ("s3", "ListObjectsV2") => vec![Action::new("s3:ListBucket")],
        // A multipart upload is authorised as PutObject, its abort on its own.
        ("s3", "CreateMultipartUpload" | "UploadPart" | "CompleteMultipartUpload") => {
            vec![Action::new("s3:PutObject").under(s3_key(input))]
        }
        ("s3", other) => vec![Action::new(&format!("s3:{other}")).under(s3_key(input))],
        ("sesv2", other) => vec![Action::new(&format!("ses:{other}"))],
        (service, other) => vec![Action::new(&format!("{service}:{other}"))],
    }
}

/// The object key an S3 call names, if it names one.
fn s3_key(input: &aws_smithy_runtime_api::client::interceptors::context::Input) -> Option<&str> {
    use aws_sdk_s3::operation::{
        abort_multipart_upload::AbortMultipartUploadInput,
        complete_multipart_upload::CompleteMultipartUploadInput,
        create_multipart_upload::CreateMultipartUploadInput, delete_object::DeleteObjectInput,
        get_object::GetObjectInput, head_object::HeadObjectInput, put_object::PutObjectInput,
        upload_part::UploadPartInput,
    };
    macro_rules! key_of {
        ($($input:ty),+) => {
            None$(.or_else(|| input.downcast_ref::<$input>().and_then(|i| i.key())))+
        };
    }
    key_of!(
        GetObjectInput,
        HeadObjectInput,
        PutObjectInput,
        DeleteObjectInput,
        CreateMultipartUploadInput,
        UploadPartInput,
        CompleteMultipartUploadInput,
        AbortMultipartUploadInput
    )
}

/// A DynamoDB read: its index and whether it asked for a strongly consistent read.
pub fn dynamodb_read(
    operation: &str,
    input: &aws_smithy_runtime_api::client::interceptors::context::Input,
) -> Option<(Option<String>, bool)> {
    use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemInput;
    use aws_sdk_dynamodb::operation::get_item::GetItemInput;
    use aws_sdk_dynamodb::operation::query::QueryInput;
    match operation {
        "Query" => input.downcast_ref::<QueryInput>().map(|q| {
            (
                q.index_name().map(String::from),
                q.consistent_read() == Some(true),
            )
        }),
        "GetItem" => input
            .downcast_ref::<GetItemInput>()
            .map(|g| (None, g.consistent_read() == Some(true))),
        "BatchGetItem" => input.downcast_ref::<BatchGetItemInput>().map(|b| {
            let consistent = b
                .request_items()
                .is_some_and(|r| r.values().all(|k| k.consistent_read() == Some(true)));
            (None, consistent)
        }),
        _ => None,
    }
}

impl Intercept for Recorder {
    fn name(&self) -> &'static str {
        "Recorder"
    }

    // Once per call, before it is serialized: the input is still typed here.
    fn read_before_serialization(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(metadata) = cfg.load::<Metadata>() else {
            return Ok(());
        };
        let function = current_function();
        let actions = iam_actions(metadata.service(), metadata.name(), context.input());
        let read = if metadata.service().eq_ignore_ascii_case("dynamodb") {
            dynamodb_read(metadata.name(), context.input())
        } else {
            None
        };
        let mut recorded = self.recorded.lock().expect("recorder lock");
        recorded
            .actions
            .entry(function)
            .or_default()
            .extend(actions);
        recorded
            .operations
            .entry(function)
            .or_default()
            .insert(format!("{}.{}", metadata.service(), metadata.name()));
        if let Some((index, consistent)) = read {
            recorded.reads.push(Read {
                function,
                operation: metadata.name().to_string(),
                index,
                consistent,
            });
        }
        Ok(())
    }

    // A presign is signed into the query string and never sent: noted as such.
    fn read_after_signing(
        &self,
        context: &aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let presigned = context.request().uri().contains("X-Amz-Signature=");
        if let (true, Some(metadata)) = (presigned, cfg.load::<Metadata>()) {
            self.recorded
                .lock()
                .expect("recorder lock")
                .operations
                .entry(current_function())
                .or_default()
                .insert(format!(
                    "{}.{} (presigned)",
                    metadata.service(),
                    metadata.name()
                ));
        }
        Ok(())
    }
}

/// Fails every call to the named operations (`Service.Operation`, e.g. `S3.DeleteObject`)
/// while armed, before anything is sent: a dependency that is down.
#[derive(Clone, Debug, Default)]
pub struct Refuse {
    armed: Arc<Mutex<Vec<String>>>,
    refused: Arc<Mutex<u64>>,
}

impl Refuse {
    /// From now on, `operations` fail.
    pub fn arm(&self, operations: &[&str]) {
        *self.armed.lock().expect("refuse lock") =
            operations.iter().map(|o| o.to_string()).collect();
    }

    /// Every call goes through again.
    pub fn disarm(&self) {
        self.armed.lock().expect("refuse lock").clear();
    }

    /// Calls failed so far.
    pub fn refused(&self) -> u64 {
        *self.refused.lock().expect("refuse lock")
    }
}

impl Intercept for Refuse {
    fn name(&self) -> &'static str {
        "Refuse"
    }

    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let operation = operation_name(cfg);
        if self.armed.lock().expect("refuse lock").contains(&operation) {
            *self.refused.lock().expect("refuse lock") += 1;
            return Err(format!("{operation} refused by the test").into());
        }
        Ok(())
    }
}
