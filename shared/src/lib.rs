//! Domain rules, AWS adapters, auth and HTTP for the client portal.
//!
//! Layers, each depending only on those below it:
//! `routes` (the route table and each function's dispatch) -> `api` (handlers) ->
//! `http` (requests, callers, replies) -> `service` (domain operations) -> `records`
//! (stored records, their keys and queries) -> adapters (`store` for DynamoDB, `files` for
//! S3, `email` for SES, `queue` for SQS) and plain helpers (`validate`, `clock`, ...).
//! Functions wire an [`App`] once per cold start and hand each request to their dispatch.

pub mod api;
pub mod app;
pub mod archive;
pub mod auth;
pub mod aws;
pub mod brand;
pub mod checksum;
pub mod clock;
pub mod config;
pub mod content;
pub mod disposition;
pub mod email;
pub mod error;
pub mod files;
pub mod http;
pub mod ics;
pub mod locale;
pub mod money;
pub mod pagination;
pub mod queue;
pub mod records;
pub mod routes;
pub mod scan;
pub mod service;
pub mod stamp;
pub mod startup;
pub mod store;
pub mod tokens;
pub mod validate;

pub use app::App;
pub use config::Config;
pub use error::{Error, Result};
