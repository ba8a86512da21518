//! Domain operations, one concern per module. Each route makes exactly one call into one
//! of them, named at the call site (`sharing::share_documents(app, ...)`).
//!
//! They depend one way, lower first; nothing below imports anything above it:
//!
//! ```text
//! listing -----------------------------+
//!    |                                 |
//! events (the log; every module below  |
//!    |    writes into its transactions)|
//! matters        objects     readers   |
//!    |              |                  |
//! sessions      documents -------------+
//!    |              |                  |
//! access         sharing --------------+
//!                   |                  |
//!         removal, uploads, portal ----+
//!                   |
//!                digests (the outbox: re-reads grants, shares, documents at send time)
//! ```
//! (`uploads` and `portal` also use `sessions::Contact`; `access` uses `sessions` to issue
//! tokens and end sessions; `readers` reads shares only.)

pub mod access;
pub mod digests;
pub mod documents;
pub mod events;
pub mod listing;
pub mod matters;
pub mod objects;
pub mod portal;
pub mod readers;
pub mod removal;
pub mod sessions;
pub mod sharing;
pub mod uploads;
