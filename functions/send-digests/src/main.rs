//! Lambda entry point for `send-digests` (the digest queue); the handling lives in lib.rs.

use lambda_http::lambda_runtime::{run, service_fn, LambdaEvent};

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(async {
        shared::http::init_logging();
        let app: &'static shared::App = Box::leak(Box::new(shared::App::from_env().await?));
        run(service_fn(|event: LambdaEvent<serde_json::Value>| {
            send_digests::handle(app, event.payload)
        }))
        .await
    })
}
