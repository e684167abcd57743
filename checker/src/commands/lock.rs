//! `lock`, for authors: records in course.lock the SHA-256 of every file a learner must not
//! change, so that `grade` can tell an edited test.

use std::process::ExitCode;

use crate::course::Course;
use crate::integrity::{LOCK, Seal};
use crate::python;
use crate::workspace::Workspace;

/// `checker lock`: records the protected files as they are now.
pub fn run(course: &Course) -> anyhow::Result<ExitCode> {
    // The venv's Python reads the hidden tests' names.
    let workspace = Workspace::of(course);
    python::ensure_venv(&course.root, &workspace)?;
    let seal = Seal::compute_with_hidden(course, &course.root, &workspace.python())?;
    let files = seal.file_count();
    let hidden: usize = course
        .exercises
        .iter()
        .map(|e| seal.hidden_tests(e).len())
        .sum();
    seal.save(&course.root)?;
    println!(
        "{LOCK}: recorded the SHA-256 of {files} files that learners must not change, and the names of {hidden} hidden tests."
    );
    Ok(ExitCode::SUCCESS)
}
