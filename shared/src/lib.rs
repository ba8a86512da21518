//! Domain rules, AWS adapters, auth and HTTP helpers for the client portal.
//!
//! Functions wire an [`App`] once per cold start and hand each request to one domain call.

pub mod app;
pub mod auth;
pub mod aws;
pub mod clock;
pub mod config;
pub mod content;
pub mod disposition;
pub mod email;
pub mod error;
pub mod files;
pub mod http;
pub mod keys;
pub mod model;
pub mod pagination;
pub mod queue;
pub mod routes;
pub mod service;
pub mod startup;
pub mod store;
pub mod tokens;
pub mod validate;

pub use app::App;
pub use config::Config;
pub use error::{Error, Result};
