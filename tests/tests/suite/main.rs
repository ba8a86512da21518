//! The integration tests, in one binary: each module was once a binary of its own.

mod access_boundaries;
mod appointments;
mod bills;
mod deletion;
mod digests;
mod emulator;
mod events;
mod faults;
mod folders;
mod hot_paths;
mod identity;
mod matters;
mod messages;
mod openapi;
mod roles;
mod routes;
mod sample_events;
mod sharing;
mod sharing_flow;
mod sign_in;
mod signatures;
mod tallies;
mod template;
mod uploads;
mod versions;
mod zips;
