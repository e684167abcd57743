//! The checker's tests, in one binary (one link, one process): its commands and reports on the
//! small fixture course (`tests/fixture`), hostile submissions, the workflows, and the proof that
//! the real course verifies.

#[cfg(unix)]
mod browser;
mod commands;
mod grade_class;
mod grading;
mod handout;
mod hostile;
mod kinds;
mod real_course;
mod support;
mod workflows;
