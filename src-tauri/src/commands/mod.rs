//! One file per area; each command takes the state, calls one core method, maps the error.

pub mod app;
pub mod calendar;
pub mod organisation;
pub mod settings;
