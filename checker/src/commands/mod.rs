//! One module per command of the CLI; `main` dispatches to their `run`.

pub mod check;
pub mod completions;
pub mod doctor;
pub mod grade;
pub mod grade_class;
pub mod handout;
pub mod hint;
pub mod list;
pub mod lock;
pub mod polish;
pub mod report;
pub mod reset;
pub mod verify;
pub mod watch;
