//! `lock`, for authors: records in course.lock the SHA-256 of every file a learner must not
//! change, so that `grade` can tell an edited test.

use std::process::ExitCode;

use crate::course::Course;
use crate::integrity::{LOCK, Seal};

/// `checker lock`: records the protected files as they are now.
pub fn run(course: &Course) -> anyhow::Result<ExitCode> {
    let seal = Seal::compute(course, &course.root)?;
    let files = seal.file_count();
    seal.save(&course.root)?;
    println!("{LOCK}: recorded the SHA-256 of {files} files that learners must not change.");
    Ok(ExitCode::SUCCESS)
}
