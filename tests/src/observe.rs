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
        let operation = cfg.load::<Metadata>().map_or_else(
            || "unknown".to_string(),
            |m| format!("{}.{}", m.service(), m.name()),
        );
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
        ),
        config,
    }
}
