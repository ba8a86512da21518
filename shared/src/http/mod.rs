//! HTTP around the domain: a request as a route sees it ([`Call`]), who is calling
//! ([`caller`]), replies and the one mapping of errors to statuses ([`reply`]), and running
//! a function ([`serve`]).

pub mod caller;
pub mod reply;
pub mod request;
pub mod serve;

pub use caller::SignedIn;
pub use reply::{respond, route_not_found, Attachment, Reply};
pub use request::{form_decode, Call};
pub use serve::{init_logging, serve};
