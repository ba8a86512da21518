//! Running an HTTP function: logging and the [`App`] (SDK clients included) are set up once
//! per cold start, then every request goes to the function's dispatch from the route table.

use crate::App;
use lambda_http::{Body, Request, Response};

pub async fn serve<F, Fut>(dispatch: F) -> std::result::Result<(), lambda_http::Error>
where
    F: Fn(&'static App, Request) -> Fut,
    Fut: std::future::Future<Output = Response<Body>> + Send,
{
    init_logging();
    let app: &'static App = Box::leak(Box::new(App::from_env().await?));
    lambda_http::run(lambda_http::service_fn(|req: Request| {
        let reply = dispatch(app, req);
        async move { Ok::<_, std::convert::Infallible>(reply.await) }
    }))
    .await
}

/// Logs once per cold start; JSON when Lambda's log format is JSON (set in the template).
pub fn init_logging() {
    lambda_http::tracing::init_default_subscriber();
}
