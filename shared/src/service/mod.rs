//! Domain operations, one concern per module. Each route makes exactly one call into one
//! of them, named at the call site (`sharing::share_documents(app, ...)`). Records come
//! from `records` through their constructors; decisions are pure functions with unit tests
//! beside them, and the storage and AWS calls wrap them.
//!
//! They depend one way, lower first; nothing below imports anything above it:
//!
//! ```text
//! listing -----------------------------+
//!    |                                 |
//! events, tally (the log and a matter's |
//!    |    counts; every module below    |
//!    |    writes into its transactions)|
//! completion (a task done, by its Done or by its upload's acceptance)
//! matters                   readers    |
//!    |                                 |
//!    |          versions (a document's history; every share moved to the current one)
//!    |              |                  |
//! sessions      intake (the one document pipeline: declare, check, accept or reject)
//!    |              |                  |
//! access        documents -------------+
//!    |              |                  |
//!    |          conversations (a post's transaction, attachments marked removed)
//!    |              |                  |
//!    |          unsharing (a share stopped; every share of a deleted document)
//!    |              |                  |
//!    |           sharing --------------+
//!    |              |                  |
//!    |           folders (one level; a folder share made of document shares)
//!    |              |                  |
//!    +-- removal, uploads, portal, messages, bills (a bill's PDF is shared as a document),
//!        appointments (calendar events, their .ics files), tasks; all send through deliveries
//!                   |
//!                 zips (a contact's or a matter's documents as one zip; counted as `portal` counts),
//!                 stamps (a view-only PDF's stamped copy; checked and counted as `portal` does)
//!                   |
//!                 home (the portal's home: each kind's rows by its own module's rules)
//!                   |
//!                digests (the outbox: re-reads grants, shares, documents, messages at send time)
//!                   |
//!                 mail (the mail worker's messages: a due digest, or a stored request, e.g. a
//!                       sign-in link, which `sessions` sends)
//! ```
//! (`uploads`, `portal`, `messages`, `zips` and `stamps` also use `sessions::Contact`; `access` uses
//! `sessions` to issue tokens and end sessions; `messages` uses `access` to send the
//! invitation with a first message; `readers` reads shares only.)

pub mod access;
pub mod appointments;
pub mod bills;
pub mod completion;
pub mod conversations;
pub mod deliveries;
pub mod digests;
pub mod documents;
pub mod events;
pub mod folders;
pub mod home;
pub mod intake;
pub mod listing;
pub mod mail;
pub mod matters;
pub mod messages;
pub mod portal;
pub mod preferences;
pub mod readers;
pub mod removal;
pub mod sessions;
pub mod sharing;
pub mod stamps;
pub mod tally;
pub mod tasks;
pub mod unsharing;
pub mod uploads;
pub mod versions;
pub mod zips;
