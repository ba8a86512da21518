//! Lambda entry point for `file-notifications` (the table's stream); the handling lives in
//! lib.rs. The only function that sends to SQS, so the only one that builds its client.

use lambda_http::lambda_runtime::{run, service_fn, LambdaEvent};

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(async {
        shared::http::init_logging();
        let (app, queue) = shared::App::from_env_with(shared::queue::Queue::digests).await?;
        let app: &'static shared::App = Box::leak(Box::new(app));
        let queue: &'static shared::queue::Queue = Box::leak(Box::new(queue));
        run(service_fn(|event: LambdaEvent<serde_json::Value>| {
            file_notifications::handle(app, queue, event.payload)
        }))
        .await
    })
}
