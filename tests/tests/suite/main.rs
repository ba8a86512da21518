//! Integration test suite (this branch: the route-table and OpenAPI modules only).

mod openapi;
mod routes;
