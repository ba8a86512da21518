//! The one route table of the HTTP API: each route's method, path, function, who may call
//! it, and its handler.
//!
//! [`ROUTES`] lists them; [`dispatch`] has one entry point per function, which serves
//! exactly that function's routes: it finds the route, resolves the caller the route's
//! [`Auth`] asks for (once, here), and hands the request to the route's handler. Each
//! function's binary links only its own handlers.
//!
//! Copies of this table that cannot be generated are checked against it by the integration
//! tests: the template's HttpApi events, openapi.json. The `cargo lambda watch` router in
//! the root Cargo.toml and the README's route table are generated from it
//! (`portal-local routes`, checked by `make check`).

use crate::api;

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
        parameters(self.method, self.path, method, path).is_some()
    }

    /// The names of the path parameters, in order: `["matterId", "contactId"]`.
    pub fn parameters(&self) -> impl Iterator<Item = &'static str> {
        segments(self.path)
            .filter(|s| is_parameter(s))
            .map(|s| &s[1..s.len() - 1])
    }
}

/// Non-empty path segments, the query string dropped.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    path.split('/').filter(|s| !s.is_empty())
}

fn is_parameter(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// The path parameters (percent-decoded) when `method` and `path` are the route with this
/// method and template; a `{x}` segment matches any non-empty segment.
pub fn parameters(
    route_method: &'static str,
    template: &'static str,
    method: &str,
    path: &str,
) -> Option<Vec<(&'static str, String)>> {
    if route_method != method {
        return None;
    }
    let mut concrete = segments(path);
    let mut params = Vec::new();
    for t in segments(template) {
        let c = concrete.next()?;
        if is_parameter(t) {
            let value = percent_encoding::percent_decode_str(c)
                .decode_utf8_lossy()
                .into_owned();
            params.push((&t[1..t.len() - 1], value));
        } else if t != c {
            return None;
        }
    }
    concrete.next().is_none().then_some(params)
}

/// The route serving `method` and a concrete `path` (query string ignored).
pub fn find(method: &str, path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.matches(method, path))
}

/// Defines [`ROUTES`] and [`dispatch`] from one list, grouped by function. Each route:
/// `METHOD "path", Auth[, reads], "summary" => handler;` where a contact route's optional
/// `[reads]` adds records to the session's own BatchGetItem.
macro_rules! routes {
    ($(
        $function:literal as $entry:ident, expiries $expiries:ident {
            $($method:ident $path:literal, $auth:ident $([$reads:path])?, $summary:literal => $handler:path;)+
        }
    )+) => {
        /// Every route the functions serve.
        pub const ROUTES: &[Route] = &[$($(Route {
            method: stringify!($method),
            path: $path,
            function: $function,
            auth: Auth::$auth,
            summary: $summary,
        },)+)+];

        /// One entry point per HTTP function: its routes, each behind its caller check.
        pub mod dispatch {
            use super::*;
            use crate::http::{respond, route_not_found, Call};
            use crate::service::sessions::Expiries;
            use crate::App;
            use lambda_http::{Body, Request, Response};

            $(
            pub async fn $entry(app: &App, request: Request) -> Response<Body> {
                let origin_secret = app.config.origin_secret.as_deref();
                if let Err(refused) = crate::http::caller::through_the_distribution(origin_secret, &request) {
                    return respond(Err(refused));
                }
                let path = crate::http::request::path(&request).to_string();
                let method = request.method().as_str().to_string();
                $(
                if let Some(params) = parameters(stringify!($method), $path, &method, &path) {
                    let call = Call::new(&request, params);
                    let result = routes!(@run $auth $([$reads])?, $handler, app, call, Expiries::$expiries);
                    return respond(result);
                }
                )+
                respond(Err(route_not_found()))
            }
            )+

            /// The entry point of the function named `function` (tests and local tools
            /// route by it); `None` for a name that serves no HTTP route.
            pub async fn by_function(
                function: &str,
                app: &App,
                request: Request,
            ) -> Option<Response<Body>> {
                match function {
                    $($function => Some(Box::pin($entry(app, request)).await),)+
                    _ => None,
                }
            }
        }
    };
    (@run Staff, $handler:path, $app:ident, $call:ident, $expiries:expr) => {
        match crate::http::caller::staff($app, &$call) {
            Ok(staff) => $handler($app, &staff, &$call).await,
            Err(err) => Err(err),
        }
    };
    (@run Public, $handler:path, $app:ident, $call:ident, $expiries:expr) => {
        $handler($app, &$call).await
    };
    (@run Contact, $handler:path, $app:ident, $call:ident, $expiries:expr) => {
        match crate::http::caller::contact($app, &$call, $expiries, |_, _| {}).await {
            Ok(mut signed_in) => $handler($app, &mut signed_in, &$call).await,
            Err(err) => Err(err),
        }
    };
    (@run Contact [$reads:path], $handler:path, $app:ident, $call:ident, $expiries:expr) => {
        match crate::http::caller::contact($app, &$call, $expiries, |contact, batch| {
            $reads(&$call, contact, batch)
        })
        .await
        {
            Ok(mut signed_in) => $handler($app, &mut signed_in, &$call).await,
            Err(err) => Err(err),
        }
    };
}

routes! {
    "grant-access" as grant_access, expiries Record {
        GET "/matters/{matterId}", Staff,
            "The matter's portal settings" => api::matters::get;
        PUT "/matters/{matterId}", Staff,
            "Save the matter's portal settings: title, owner and who is notified" => api::matters::save;
        PUT "/matters/{matterId}/contacts/{contactId}", Staff,
            "Grant a contact access or update it; the first grant emails an invitation" => api::access::grant;
        DELETE "/matters/{matterId}/contacts/{contactId}", Staff,
            "Revoke a contact's access; their sessions and links end at once" => api::access::revoke;
        POST "/matters/{matterId}/contacts/{contactId}/invitations", Staff,
            "Resend the invitation: a new link, the old one dead" => api::access::resend;
        POST "/portal/sessions", Public,
            "Exchange an emailed invitation or sign-in link for a session" => api::sessions::open;
        DELETE "/portal/sessions/current", Contact,
            "Sign out: end this session" => api::sessions::close;
        POST "/portal/sign-in-links", Public,
            "Email a fresh sign-in link to an address with active access; always 202" => api::sessions::sign_in_link;
        GET "/portal/preferences", Contact,
            "The contact's choices: the language the portal and its emails use, and how often they are emailed news" => api::sessions::preferences;
        PUT "/portal/preferences", Contact,
            "Choose the language and how often the portal emails news, on every matter" => api::sessions::save_preferences;
    }
    "list-shares" as list_shares, expiries Leave {
        GET "/matters", Staff,
            "Matters with portal settings: counts and last activity; searchable, paginated" => api::matters::list;
        GET "/matters/{matterId}/contacts", Staff,
            "The Access section: every contact of the matter and their access" => api::access::list;
        GET "/matters/{matterId}/documents", Staff,
            "The matter's documents, firm and portal uploads, newest first" => api::documents::list;
        GET "/matters/{matterId}/documents/{documentId}/versions", Staff,
            "A document's versions, newest first: number, who, when, size, SHA-256" => api::documents::versions;
        GET "/matters/{matterId}/folders", Staff,
            "The matter's folders by name: documents in each, and whom each is shared with" => api::folders::list;
        GET "/matters/{matterId}/shares", Staff,
            "The Sharing section: who has what, searched, sorted and paginated" => api::sharing::list;
        GET "/portal/matters", Contact,
            "My matters: title, whether I may download, the firm's contact" => api::portal::matters;
        GET "/portal/home", Contact,
            "My home: what needs me (owed bills, upcoming events, open tasks, unread messages, new documents) and everything shared, newest first" => api::portal::home;
        GET "/portal/documents", Contact,
            "Documents shared with me and uploaded by me, across my matters" => api::portal::documents;
        GET "/matters/{matterId}/bills", Staff,
            "The matter's bills and trust requests with today's status and whom each was sent to" => api::bills::list;
        GET "/portal/bills", Contact,
            "Bills and trust requests sent to me, as they stand now: Unpaid, Past Due, Paid, Void" => api::bills::mine;
        GET "/matters/{matterId}/appointments", Staff,
            "The matter's calendar events by start, cancelled ones marked, with whom each is shared" => api::appointments::list;
        GET "/portal/appointments", Contact,
            "My upcoming calendar events across my matters, soonest first; cancelled ones marked" => api::appointments::mine;
        GET "/portal/matters/{matterId}/appointments/{appointmentId}/ics", Contact [api::appointments::ics_reads],
            "A calendar event shared with me as an .ics file (RFC 5545), cancelled ones as cancelled" => api::appointments::ics;
        GET "/matters/{matterId}/tasks", Staff,
            "The matter's tasks per contact: open, overdue (in the firm's time zone) or done" => api::tasks::list;
        GET "/portal/tasks", Contact,
            "Tasks given to me across my matters: open and overdue first, by due date" => api::tasks::mine;
    }
    "share-documents" as share_documents, expiries Record {
        POST "/matters/{matterId}/shares", Staff,
            "Share documents with contacts; each contact hears of them in their next digest" => api::sharing::share;
        POST "/matters/{matterId}/folders", Staff,
            "Create a folder in the matter" => api::folders::create;
        PUT "/matters/{matterId}/folders/{folderId}", Staff,
            "Rename a folder" => api::folders::rename;
        PUT "/matters/{matterId}/documents/{documentId}/folder", Staff,
            "Move a document into a folder, or out of every folder; its shares follow" => api::folders::move_document;
        POST "/matters/{matterId}/folders/{folderId}/shares", Staff,
            "Share a folder with contacts: its documents, now and later, are shared with them" => api::folders::share;
        POST "/matters/{matterId}/bills", Staff,
            "Create a matter bill or trust request; one spanning several matters is refused" => api::bills::create;
        PUT "/matters/{matterId}/bills/{billId}", Staff,
            "Edit a bill's balance, due date, status or PDF; the portal shows it at once" => api::bills::update;
        POST "/matters/{matterId}/bill-sendings", Staff,
            "Send one or many bills to chosen contacts of the matter, with an optional note" => api::bills::send;
        POST "/matters/{matterId}/appointments", Staff,
            "Create a calendar event and share it with chosen contacts" => api::appointments::create;
        PUT "/matters/{matterId}/appointments/{appointmentId}", Staff,
            "Change a calendar event (its sequence raised, contacts told) or share it with more contacts" => api::appointments::update;
    }
    "stop-share" as stop_share, expiries Record {
        DELETE "/matters/{matterId}/documents/{documentId}", Staff,
            "Delete a document from the matter and every share of it" => api::documents::delete;
        DELETE "/matters/{matterId}/shares/{documentId}/{contactId}", Staff,
            "Stop sharing a document with a contact; the document stays in the matter" => api::sharing::stop;
        DELETE "/matters/{matterId}/folders/{folderId}", Staff,
            "Delete an empty folder" => api::folders::delete;
        DELETE "/matters/{matterId}/folders/{folderId}/shares/{contactId}", Staff,
            "Stop sharing a folder with a contact; documents also shared directly stay" => api::folders::stop;
        DELETE "/matters/{matterId}/appointments/{appointmentId}", Staff,
            "Cancel a calendar event: kept and shown as cancelled, contacts told" => api::appointments::cancel;
        DELETE "/matters/{matterId}/tasks/{taskId}", Staff,
            "Withdraw a task given by mistake: it leaves the contact's portal at once" => api::tasks::withdraw;
    }
    "presign-upload" as presign_upload, expiries Record {
        POST "/matters/{matterId}/documents", Staff,
            "Register a firm document and get the presigned PUT for its bytes" => api::documents::register;
        POST "/matters/{matterId}/documents/{documentId}/versions", Staff,
            "Upload a new version of a document: the presigned PUT for its bytes" => api::documents::new_version;
        GET "/matters/{matterId}/uploads/{uploadId}", Staff,
            "Where an upload into the matter stands: pending, attached, or rejected and why" => api::documents::upload_status;
        POST "/portal/matters/{matterId}/uploads", Contact,
            "A presigned PUT for uploading a document into a matter" => api::portal::upload;
        GET "/portal/matters/{matterId}/uploads/{uploadId}", Contact,
            "Where my upload stands: pending, attached, or rejected and why" => api::portal::upload_status;
        POST "/matters/{matterId}/tasks", Staff,
            "Give a contact a task with a due date, optionally a document to send back" => api::tasks::create;
        POST "/portal/matters/{matterId}/tasks/{taskId}/done", Contact,
            "Mark my task done (uploading the document it asks for completes it too)" => api::tasks::done;
    }
    "presign-download" as presign_download, expiries Record {
        POST "/matters/{matterId}/documents/{documentId}/versions/{version}/links", Staff,
            "A short-lived link to view or download any version of a document" => api::documents::version_link;
        POST "/portal/documents/{documentId}/links", Contact [api::portal::link_reads],
            "A short-lived link to view or download a document shared with me" => api::portal::link;
        POST "/matters/{matterId}/zips", Staff,
            "The matter's documents, or one folder's, as one zip: a short-lived link" => api::zips::matter;
        POST "/portal/matters/{matterId}/zips", Contact,
            "My documents on a matter, or in one folder, as one zip; each counts as a download" => api::zips::mine;
    }
    "stamp-views" as stamp_views, expiries Record {
        POST "/portal/documents/{documentId}/stamped-links", Contact [api::portal::link_reads],
            "A view-only PDF shared with me: a short-lived link to its copy stamped with my name, address and the time on every page" => api::stamps::link;
    }
    "messages" as messages, expiries Record {
        GET "/matters/{matterId}/conversations", Staff,
            "The matter's conversations, one per contact, by last message, with unread counts" => api::messages::conversations;
        GET "/matters/{matterId}/conversations/{contactId}/messages", Staff,
            "A conversation's messages, newest first, paginated, with read receipts" => api::messages::list;
        POST "/matters/{matterId}/conversations/{contactId}/messages", Staff,
            "Post a message to a contact, with at most one matter document (shared with them)" => api::messages::post;
        POST "/matters/{matterId}/conversations/{contactId}/read", Staff,
            "Mark the contact's messages in this conversation read" => api::messages::read;
        DELETE "/matters/{matterId}/conversations/{contactId}/messages/{messageId}", Staff,
            "Delete a message; the log keeps that it was deleted, not its text" => api::messages::delete;
        GET "/portal/conversations", Contact,
            "My conversations, one per matter, with unread counts" => api::messages::my_conversations;
        GET "/portal/matters/{matterId}/messages", Contact,
            "My conversation with the firm on a matter, newest first, paginated" => api::messages::my_messages;
        POST "/portal/matters/{matterId}/messages", Contact [api::messages::post_reads],
            "Reply to the firm, with at most one document I can see or uploaded" => api::messages::reply;
        POST "/portal/matters/{matterId}/messages/read", Contact,
            "Mark the firm's messages to me on a matter read" => api::messages::mark_mine_read;
    }
    "list-events" as list_events, expiries Leave {
        GET "/matters/{matterId}/events", Staff,
            "The matter's portal events, newest first; filters documentId, contactId, type; format=csv exports" => api::events::list;
        GET "/matters/{matterId}/documents/{documentId}/readers", Staff,
            "Who opened the document (how often, when last) and who it is shared with but has not opened it" => api::events::readers;
    }
}

/// The functions behind the HTTP API, by contract name, in the table's order.
pub fn http_functions() -> Vec<&'static str> {
    let mut functions: Vec<&'static str> = Vec::new();
    for route in ROUTES {
        if !functions.contains(&route.function) {
            functions.push(route.function);
        }
    }
    functions
}

/// The `cargo lambda watch` router (the root Cargo.toml's
/// `[workspace.metadata.lambda.watch.router]`), generated from the table: local URLs equal
/// deployed ones.
pub fn watch_router() -> String {
    let mut paths: Vec<&'static str> = Vec::new();
    for route in ROUTES {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    paths.sort_unstable();
    let mut out = String::from("[workspace.metadata.lambda.watch.router]\n");
    for path in paths {
        let entries: Vec<String> = ROUTES
            .iter()
            .filter(|r| r.path == path)
            .map(|r| {
                format!(
                    "{{ method = \"{}\", function = \"{}\" }}",
                    r.method, r.function
                )
            })
            .collect();
        out.push_str(&format!("\"{path}\" = [{}]\n", entries.join(", ")));
    }
    out
}

/// The README's route table, generated from this one.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| method | path | function | caller | what |\n|---|---|---|---|---|\n");
    for route in ROUTES {
        let caller = match route.auth {
            Auth::Staff => "staff",
            Auth::Contact => "contact",
            Auth::Public => "anyone",
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {caller} | {} |\n",
            route.method, route.path, route.function, route.summary
        ));
    }
    out
}

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
        let contract = [
            "grant-access",
            "share-documents",
            "list-shares",
            "presign-download",
            "presign-upload",
            "stop-share",
            "list-events",
            "messages",
            // Not in DESIGN.md's list: added for stamped view-only PDFs (README, "Where this
            // differs from DESIGN.md").
            "stamp-views",
        ];
        assert_eq!(http_functions().len(), contract.len());
        let mut seen = HashSet::new();
        for route in ROUTES {
            assert!(seen.insert((route.method, route.path)), "{route:?} twice");
            assert!(
                ["GET", "PUT", "POST", "DELETE"].contains(&route.method),
                "{route:?}"
            );
            assert!(contract.contains(&route.function), "{route:?}");
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
        assert_eq!(ROUTES.len(), 65);
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
    fn parameters_are_named_in_order_and_decoded() {
        let route = find("DELETE", "/matters/m/shares/d/c").expect("route");
        assert_eq!(
            route.parameters().collect::<Vec<_>>(),
            ["matterId", "documentId", "contactId"]
        );
        let route = find("POST", "/portal/sessions").expect("route");
        assert_eq!(route.parameters().count(), 0);
        let params = parameters("GET", "/matters/{matterId}", "GET", "/matters/m%201?x=y");
        assert_eq!(params, Some(vec![("matterId", "m 1".to_string())]));
    }

    #[test]
    fn the_generated_router_names_every_route_once() {
        let router = watch_router();
        assert!(router.starts_with("[workspace.metadata.lambda.watch.router]\n"));
        for route in ROUTES {
            let entry = format!(
                "{{ method = \"{}\", function = \"{}\" }}",
                route.method, route.function
            );
            let line = router
                .lines()
                .find(|l| l.starts_with(&format!("\"{}\" = [", route.path)))
                .unwrap_or_default();
            assert!(line.contains(&entry), "{} {}", route.method, route.path);
        }
        let paths: HashSet<&str> = ROUTES.iter().map(|r| r.path).collect();
        assert_eq!(router.lines().count(), 1 + paths.len(), "one line per path");
        let table = markdown_table();
        assert_eq!(table.lines().count(), ROUTES.len() + 2);
    }
}
