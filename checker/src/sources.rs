//! Copies of the course's sources (never its build outputs), for `verify` and `grade --tests-from`.

use std::path::Path;

use anyhow::Context;

use crate::course::Course;

/// Top-level entries never copied: build outputs, the venv, version control, progress.
const NOT_COPIED: [&str; 5] = ["target", ".venv", ".git", ".oxidize", "node_modules"];

/// Whether a copy of the course holds its `solutions/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Solutions {
    /// For `verify`, which overlays each solution on its exercise.
    Copied,
    /// For grading: learner code could read them (at run time, or with `include_str!` when it
    /// is compiled) and print them.
    Left,
}

/// Copies the course sources (not its build outputs, nor its hidden tests) to `to`.
pub fn copy_course(course: &Course, to: &Path, solutions: Solutions) -> anyhow::Result<()> {
    let from = &course.root;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let name = entry.file_name();
        if NOT_COPIED.iter().any(|n| name == *n)
            || (solutions == Solutions::Left && name == "solutions")
        {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    // Learner code is built and run in copies: it must not read the hidden tests (see
    // `workspace::HiddenTests`), and learners get copies too (`handout`).
    for exercise in &course.exercises {
        let hidden = exercise.hidden_tests_dir(to);
        if hidden.exists() {
            std::fs::remove_dir_all(&hidden)
                .with_context(|| format!("cannot leave out {}", hidden.display()))?;
        }
    }
    Ok(())
}

/// The first entry at or under `dir` (the folder itself included) that is neither a regular
/// file nor a folder, and what it is: a symbolic link could point anywhere (the instructor's
/// solutions too), and opening a named pipe to copy it blocks for good.
pub fn first_not_regular(dir: &Path) -> Option<(std::path::PathBuf, &'static str)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .find_map(|entry| {
            let kind = special_kind(entry.file_type())?;
            Some((entry.path().to_path_buf(), kind))
        })
}

/// What a file is when it is neither a regular file nor a folder; `None` when it is one.
fn special_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    if file_type.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// Copies every file under `from` into `to`, replacing files that exist; an entry that is not a
/// regular file or a folder is an error, before anything opens it.
pub fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let relative = entry
            .path()
            .strip_prefix(from)
            .expect("walkdir stays under its root");
        let target = to.join(relative);
        if let Some(kind) = special_kind(entry.file_type()) {
            anyhow::bail!("{} is {kind}, not a file", entry.path().display());
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
                .with_context(|| format!("cannot create {}", target.display()))?;
        } else if relative
            .components()
            .all(|c| c.as_os_str() != "__pycache__")
        {
            std::fs::copy(entry.path(), &target).with_context(|| {
                format!(
                    "cannot copy {} to {}",
                    entry.path().display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}
