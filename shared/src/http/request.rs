//! A request as its route's handler sees it: the path parameters the route table named,
//! the query string, the JSON body and the bearer credential.

use crate::error::{Error, Result};
use lambda_http::Request;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// One request to one route.
pub struct Call<'r> {
    request: &'r Request,
    params: Vec<(&'static str, String)>,
}

impl<'r> Call<'r> {
    pub fn new(request: &'r Request, params: Vec<(&'static str, String)>) -> Self {
        Self { request, params }
    }

    /// A path parameter of the route (`matterId`), percent-decoded. The route table names
    /// every parameter a handler asks for, so an unknown name is empty, never a panic.
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Query parameters, form-decoded; the first of a repeated name wins.
    pub fn query(&self) -> HashMap<String, String> {
        let mut params = HashMap::new();
        for pair in self.request.uri().query().unwrap_or("").split('&') {
            if pair.is_empty() {
                continue;
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            params
                .entry(form_decode(k))
                .or_insert_with(|| form_decode(v));
        }
        params
    }

    /// The JSON body; a missing, malformed or mistyped body is a 400 that says why.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T> {
        let bytes: &[u8] = self.request.body().as_ref();
        if bytes.is_empty() {
            return Err(Error::validation("a JSON body is required"));
        }
        serde_json::from_slice(bytes)
            .map_err(|e| Error::validation(format!("invalid JSON body: {e}")))
    }

    pub fn request(&self) -> &Request {
        self.request
    }
}

/// The request's path with any `cargo lambda` function-URL prefix dropped, so that local
/// and deployed paths route the same way.
pub fn path(request: &Request) -> &str {
    let path = request.uri().path();
    match path.strip_prefix("/lambda-url/") {
        Some(rest) => rest.split_once('/').map_or("", |(_, tail)| tail),
        None => path,
    }
}

/// Form decoding of a query-string part: '+' is a space, %XX a byte, invalid UTF-8 replaced.
pub fn form_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::Body;

    fn req(uri: &str, body: &str) -> Request {
        lambda_http::http::Request::builder()
            .uri(uri)
            .body(Body::from(body))
            .expect("request")
    }

    #[test]
    fn the_local_function_prefix_is_not_part_of_the_path() {
        assert_eq!(path(&req("/matters/m1", "")), "/matters/m1");
        assert_eq!(
            path(&req("/lambda-url/grant-access/matters/m1", "")),
            "matters/m1"
        );
    }

    #[test]
    fn query_decodes_plus_and_percent_and_the_first_wins() {
        let r = req("/x?q=tax+return%202024&sort=name&sort=created&flag", "");
        let q = Call::new(&r, vec![]).query();
        assert_eq!(q["q"], "tax return 2024");
        assert_eq!(q["sort"], "name");
        assert_eq!(q["flag"], "");
    }

    #[test]
    fn bodies_must_be_json_of_the_asked_shape() {
        for body in ["{nope", ""] {
            let r = req("/x", body);
            let refused = Call::new(&r, vec![]).body::<serde_json::Value>();
            assert_eq!(refused.map_err(|e| e.status()).err(), Some(400), "{body:?}");
        }
    }

    #[test]
    fn parameters_are_found_by_name() {
        let r = req("/x", "");
        let call = Call::new(&r, vec![("matterId", "m 1".into())]);
        assert_eq!((call.param("matterId"), call.param("other")), ("m 1", ""));
    }
}
