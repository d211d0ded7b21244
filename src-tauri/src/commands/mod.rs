//! One file per area; each command takes the state, calls one core method, maps the error.

pub mod app;
pub mod backup;
pub mod calendar;
pub mod cases;
pub mod guestbook;
pub mod organisation;
pub mod replies;
pub mod reports;
pub mod session;
pub mod settings;
