//! Domain operations, one concern per module. Each route makes exactly one call into one
//! of them, named at the call site (`sharing::share_documents(app, ...)`).
//!
//! They depend one way, lower first; nothing below imports anything above it:
//!
//! ```text
//! listing ------------------------+
//!    |                            |
//! matters     objects             |
//!    |           |                |
//! sessions   documents -----------+
//!    |           |                |
//! access      sharing ------------+
//!                |                |
//!            removal, uploads, portal
//! ```
//! (`uploads` and `portal` also use `sessions::Contact`; `access` uses `sessions` to issue
//! tokens and end sessions.)

pub mod access;
pub mod documents;
pub mod listing;
pub mod matters;
pub mod objects;
pub mod portal;
pub mod removal;
pub mod sessions;
pub mod sharing;
pub mod uploads;
