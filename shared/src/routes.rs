//! The one route table of the HTTP API: which function serves which method and path, and
//! who may call it.
//!
//! infra/template.yaml (HttpApi events), the `cargo lambda watch` router in the root
//! Cargo.toml, openapi.json and the tests' request routing are copies of this table; the
//! integration tests check that every copy agrees with it and that each function's handler
//! answers exactly its own routes.

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Firm staff: the API Gateway JWT authorizer (or the local HS256 token).
    Staff,
    /// A signed-in portal contact: a session token, checked by the function.
    Contact,
    /// Anyone: the request itself carries what is checked (an invitation, an address).
    Public,
}

/// One method and path of the HTTP API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    /// Template form, as API Gateway writes it: `/matters/{matterId}/contacts/{contactId}`.
    pub path: &'static str,
    /// The Lambda function that serves it, by its contract name (`grant-access`).
    pub function: &'static str,
    pub auth: Auth,
    pub summary: &'static str,
}

impl Route {
    /// Whether `method` and a concrete `path` (query string ignored) are this route.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        if self.method != method {
            return false;
        }
        let mut concrete = segments(path);
        let mut template = segments(self.path);
        loop {
            match (template.next(), concrete.next()) {
                (None, None) => return true,
                (Some(t), Some(c)) if is_parameter(t) || t == c => {}
                _ => return false,
            }
        }
    }

    /// The names of the path parameters, in order: `["matterId", "contactId"]`.
    pub fn parameters(&self) -> impl Iterator<Item = &'static str> {
        segments(self.path)
            .filter(|s| is_parameter(s))
            .map(|s| &s[1..s.len() - 1])
    }
}

/// Non-empty path segments, the query string dropped. Empty segments are skipped, as the
/// handlers' own path parsing (`shared::http::segments`) skips them.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    path.split('/').filter(|s| !s.is_empty())
}

fn is_parameter(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// The route serving `method` and a concrete `path` (query string ignored); a `{x}`
/// segment of a template matches any non-empty segment.
pub fn find(method: &str, path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.matches(method, path))
}

const fn route(
    method: &'static str,
    path: &'static str,
    function: &'static str,
    auth: Auth,
    summary: &'static str,
) -> Route {
    Route {
        method,
        path,
        function,
        auth,
        summary,
    }
}

/// Every route the functions serve.
pub const ROUTES: &[Route] = &[
    // Staff: matter settings and contact access.
    route(
        "GET",
        "/matters",
        "list-shares",
        Auth::Staff,
        "Matters with portal settings: counts and last activity; searchable, paginated",
    ),
    route(
        "GET",
        "/matters/{matterId}",
        "grant-access",
        Auth::Staff,
        "The matter's portal settings",
    ),
    route(
        "PUT",
        "/matters/{matterId}",
        "grant-access",
        Auth::Staff,
        "Save the matter's portal settings: title, owner and who is notified",
    ),
    route(
        "PUT",
        "/matters/{matterId}/contacts/{contactId}",
        "grant-access",
        Auth::Staff,
        "Grant a contact access or update it; the first grant emails an invitation",
    ),
    route(
        "DELETE",
        "/matters/{matterId}/contacts/{contactId}",
        "grant-access",
        Auth::Staff,
        "Revoke a contact's access; their sessions and links end at once",
    ),
    route(
        "POST",
        "/matters/{matterId}/contacts/{contactId}/invitations",
        "grant-access",
        Auth::Staff,
        "Resend the invitation: a new link, the old one dead",
    ),
    // Staff: the Access and Sharing sections and matter documents.
    route(
        "GET",
        "/matters/{matterId}/contacts",
        "list-shares",
        Auth::Staff,
        "The Access section: every contact of the matter and their access",
    ),
    route(
        "GET",
        "/matters/{matterId}/documents",
        "list-shares",
        Auth::Staff,
        "The matter's documents, firm and portal uploads, newest first",
    ),
    route(
        "POST",
        "/matters/{matterId}/documents",
        "presign-upload",
        Auth::Staff,
        "Register a firm document and get the presigned PUT for its bytes",
    ),
    route(
        "DELETE",
        "/matters/{matterId}/documents/{documentId}",
        "stop-share",
        Auth::Staff,
        "Delete a document from the matter and every share of it",
    ),
    route(
        "GET",
        "/matters/{matterId}/shares",
        "list-shares",
        Auth::Staff,
        "The Sharing section: who has what, searched, sorted and paginated",
    ),
    route(
        "POST",
        "/matters/{matterId}/shares",
        "share-documents",
        Auth::Staff,
        "Share documents with contacts; each contact is emailed once",
    ),
    route(
        "DELETE",
        "/matters/{matterId}/shares/{documentId}/{contactId}",
        "stop-share",
        Auth::Staff,
        "Stop sharing a document with a contact; the document stays in the matter",
    ),
    // Staff: the event log and read receipts.
    route(
        "GET",
        "/matters/{matterId}/events",
        "list-events",
        Auth::Staff,
        "The matter's portal events, newest first; filters documentId, contactId, type; format=csv exports",
    ),
    route(
        "GET",
        "/matters/{matterId}/documents/{documentId}/readers",
        "list-events",
        Auth::Staff,
        "Who opened the document (how often, when last) and who it is shared with but has not opened it",
    ),
    // Portal: signing in and out.
    route(
        "POST",
        "/portal/sessions",
        "grant-access",
        Auth::Public,
        "Exchange an emailed invitation or sign-in link for a session",
    ),
    route(
        "DELETE",
        "/portal/sessions/current",
        "grant-access",
        Auth::Contact,
        "Sign out: end this session",
    ),
    route(
        "POST",
        "/portal/sign-in-links",
        "grant-access",
        Auth::Public,
        "Email a fresh sign-in link to an address with active access; always 202",
    ),
    // Portal: what a signed-in contact sees, opens and uploads.
    route(
        "GET",
        "/portal/matters",
        "list-shares",
        Auth::Contact,
        "My matters: title, whether I may download, the firm's contact",
    ),
    route(
        "GET",
        "/portal/matters/{matterId}/uploads/{uploadId}",
        "presign-upload",
        Auth::Contact,
        "Where my upload stands: pending, attached, or rejected and why",
    ),
    route(
        "GET",
        "/portal/documents",
        "list-shares",
        Auth::Contact,
        "Documents shared with me and uploaded by me, across my matters",
    ),
    route(
        "POST",
        "/portal/documents/{documentId}/links",
        "presign-download",
        Auth::Contact,
        "A short-lived link to view or download a document shared with me",
    ),
    route(
        "POST",
        "/portal/matters/{matterId}/uploads",
        "presign-upload",
        Auth::Contact,
        "A presigned PUT for uploading a document into a matter",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The route's template with every parameter replaced by a concrete id.
    fn concrete(route: &Route) -> String {
        route
            .path
            .split('/')
            .map(|s| if is_parameter(s) { "id-1" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn every_route_is_found_from_a_concrete_path() {
        for route in ROUTES {
            let path = concrete(route);
            assert_eq!(find(route.method, &path), Some(route), "{path}");
        }
    }

    #[test]
    fn no_concrete_path_matches_two_routes() {
        for route in ROUTES {
            let path = concrete(route);
            let matching: Vec<&Route> = ROUTES
                .iter()
                .filter(|r| r.matches(route.method, &path))
                .collect();
            assert_eq!(matching, [route], "{} {path}", route.method);
        }
    }

    #[test]
    fn routes_are_unique_well_formed_and_served_by_contract_functions() {
        let functions = [
            "grant-access",
            "share-documents",
            "list-shares",
            "presign-download",
            "presign-upload",
            "stop-share",
            "list-events",
        ];
        let mut seen = HashSet::new();
        for route in ROUTES {
            assert!(seen.insert((route.method, route.path)), "{route:?} twice");
            assert!(
                ["GET", "PUT", "POST", "DELETE"].contains(&route.method),
                "{route:?}"
            );
            assert!(functions.contains(&route.function), "{route:?}");
            assert!(route.path.starts_with('/') && !route.path.ends_with('/'));
            assert!(!route.summary.is_empty());
            for segment in route.path.split('/').skip(1) {
                let plain = segment.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                assert!(plain || is_parameter(segment), "{}", route.path);
            }
            // Portal routes are never staff routes and vice versa.
            assert_eq!(
                route.path.starts_with("/portal/"),
                route.auth != Auth::Staff,
                "{route:?}"
            );
        }
        assert_eq!(ROUTES.len(), 23);
    }

    #[test]
    fn query_strings_are_ignored_and_parameters_match_any_segment() {
        let route = find("GET", "/portal/documents?matterId=m1&q=tax").expect("route");
        assert_eq!(route.function, "list-shares");
        let route = find("DELETE", "/matters/m%201/shares/d-1/c_1?x=1").expect("route");
        assert_eq!(
            route.path,
            "/matters/{matterId}/shares/{documentId}/{contactId}"
        );
        assert_eq!(
            find("POST", "/matters/m1/contacts/c1/invitations/").map(|r| r.function),
            Some("grant-access")
        );
        // A literal segment is never taken by a parameter of another route.
        assert_eq!(
            find("DELETE", "/portal/sessions/current").map(|r| r.auth),
            Some(Auth::Contact)
        );
    }

    #[test]
    fn unknown_methods_and_paths_are_not_found() {
        for (method, path) in [
            ("GET", "/"),
            ("GET", ""),
            ("POST", "/matters"),
            ("PATCH", "/matters/m1"),
            ("get", "/matters/m1"),
            ("POST", "/matters/m1"),
            ("GET", "/matters/m1/contacts/c1"),
            ("GET", "/matters/m1/contacts/c1/invitations/x"),
            ("DELETE", "/matters/m1/shares/d1"),
            ("DELETE", "/portal/sessions"),
            ("POST", "/portal/documents/d1"),
            ("PUT", "/portal/matters"),
            ("GET", "/other/m1"),
        ] {
            assert_eq!(find(method, path), None, "{method} {path}");
        }
    }

    #[test]
    fn parameters_are_named_in_order() {
        let route = find("DELETE", "/matters/m/shares/d/c").expect("route");
        assert_eq!(
            route.parameters().collect::<Vec<_>>(),
            ["matterId", "documentId", "contactId"]
        );
        let route = find("POST", "/portal/sessions").expect("route");
        assert_eq!(route.parameters().count(), 0);
    }
}
