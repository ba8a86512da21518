//! Lambda entry point for `attach-upload` (S3 ObjectCreated, and the deletion sweep's
//! schedule); the handling lives in lib.rs.

use lambda_http::lambda_runtime::{run, service_fn, LambdaEvent};

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(async {
        shared::http::init_logging();
        let app: &'static shared::App = Box::leak(Box::new(shared::App::from_env().await?));
        run(service_fn(|event: LambdaEvent<serde_json::Value>| {
            attach_upload::handle_event(app, event.payload)
        }))
        .await
    })
}
