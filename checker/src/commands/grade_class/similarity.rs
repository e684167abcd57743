//! `grade-class --export-similarity DIR`: each exercise's submissions laid out for the two
//! similarity checkers that read Rust, as they read them, with the starter code as what they
//! leave out. The gradebook's `same_src_as` finds exact and near-exact copies; these tools find
//! the rest (renamed variables, reordered functions).
//!
//! ```text
//! DIR/README.md                       the commands
//! DIR/<exercise>/jplag/base/...       the starter src/, for --base-code
//! DIR/<exercise>/jplag/submissions/<learner>/...   each learner's src/
//! DIR/<exercise>/dolos/info.csv       filename, full_name, ignored ("true" on the starter)
//! DIR/<exercise>/dolos/<learner>.rs   each learner's .rs files, one after the other
//! DIR/<exercise>/dolos/starter.rs
//! ```
//!
//! Only learners whose `src/` differs from the starter code are exported: the others would all
//! match each other, and the base, entirely.

use std::path::Path;

use anyhow::Context;

use super::Submission;
use crate::course::{Course, Exercise};
use crate::integrity::{src_digest, src_files};
use crate::sources;

/// Marks a folder this export wrote, which a later export may replace.
const MARKER: &str = ".oxidize-similarity";

/// Writes the export of `submissions` (`None`: not exported, e.g. nothing at the deadline)
/// into `dir`, which must be new, empty, or an earlier export. How many learners each exercise
/// exported, by exercise.
pub fn export(
    dir: &Path,
    pristine: &Course,
    submissions: &[Option<&Submission>],
) -> anyhow::Result<Vec<(String, usize)>> {
    prepare(dir)?;
    let mut counts = Vec::new();
    for exercise in &pristine.exercises {
        let starter = src_digest(exercise, &pristine.root);
        let changed: Vec<&Submission> = submissions
            .iter()
            .flatten()
            .copied()
            .filter(|s| exercise.dir(&s.root).join("src").is_dir())
            .filter(|s| src_digest(exercise, &s.root) != starter)
            .collect();
        if !changed.is_empty() {
            export_exercise(&dir.join(&exercise.id), exercise, pristine, &changed)?;
        }
        counts.push((exercise.id.clone(), changed.len()));
    }
    std::fs::write(dir.join("README.md"), readme(&counts))
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    Ok(counts)
}

/// Refuses, before anything is graded, a folder that is neither new, nor empty, nor an earlier
/// export: nothing of the instructor's is replaced.
pub fn refuse_foreign(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_none();
        if !empty && !dir.join(MARKER).is_file() {
            anyhow::bail!(
                "--export-similarity {}: the folder holds files that no export wrote; give a new or empty folder",
                dir.display()
            );
        }
    }
    Ok(())
}

/// Makes `dir` an empty folder: a new one, an empty one, or one an earlier export wrote (its
/// contents are replaced).
fn prepare(dir: &Path) -> anyhow::Result<()> {
    refuse_foreign(dir)?;
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot empty {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(
        dir.join(MARKER),
        "written by `cargo checker grade-class --export-similarity`\n",
    )
    .with_context(|| format!("cannot write in {}", dir.display()))?;
    Ok(())
}

fn export_exercise(
    dir: &Path,
    exercise: &Exercise,
    pristine: &Course,
    changed: &[&Submission],
) -> anyhow::Result<()> {
    let starter = exercise.dir(&pristine.root).join("src");
    // JPlag: one folder per submission under a root folder, the base code beside it.
    let jplag = dir.join("jplag");
    sources::copy_tree(&starter, &jplag.join("base"))?;
    for submission in changed {
        let src = exercise.dir(&submission.root).join("src");
        sources::copy_tree(&src, &jplag.join("submissions").join(&submission.name))?;
    }
    // Dolos: one file per submission, listed in info.csv, the template marked `ignored`.
    let dolos = dir.join("dolos");
    std::fs::create_dir_all(&dolos)
        .with_context(|| format!("cannot create {}", dolos.display()))?;
    let mut info = csv::Writer::from_path(dolos.join("info.csv"))?;
    info.write_record(["filename", "full_name", "ignored"])?;
    std::fs::write(dolos.join("starter.rs"), rust_files_in_one(&starter))?;
    info.write_record(["starter.rs", "starter code", "true"])?;
    for submission in changed {
        let file = format!("{}.rs", submission.name);
        let src = exercise.dir(&submission.root).join("src");
        std::fs::write(dolos.join(&file), rust_files_in_one(&src))
            .with_context(|| format!("cannot write {}", dolos.join(&file).display()))?;
        info.write_record([file.as_str(), submission.name.as_str(), "false"])?;
    }
    info.flush()?;
    Ok(())
}

/// The `.rs` files under `src`, in name order, one after the other, each under a comment that
/// names it (Dolos compares one file per submission).
fn rust_files_in_one(src: &Path) -> String {
    let mut all = String::new();
    for entry in src_files(src) {
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let name = entry.path().strip_prefix(src).unwrap_or(entry.path());
            let text = std::fs::read(entry.path()).unwrap_or_default();
            all += &format!("// src/{}\n", name.to_string_lossy().replace('\\', "/"));
            all += &String::from_utf8_lossy(&text);
            if !all.ends_with('\n') {
                all.push('\n');
            }
        }
    }
    all
}

fn readme(counts: &[(String, usize)]) -> String {
    let mut text = String::from(
        "# Similarity export\n\n\
         Written by `cargo checker grade-class --export-similarity`: one folder per exercise, with the\n\
         learners whose `src/` differs from the starter code, laid out for JPlag and for Dolos. The\n\
         starter code is what both leave out. A match is a place to look, not a verdict.\n\n\
         JPlag (https://github.com/jplag/JPlag), for one exercise:\n\n\
         ```sh\n\
         java -jar jplag.jar -l rust --base-code EXERCISE/jplag/base EXERCISE/jplag/submissions\n\
         ```\n\n\
         Dolos (https://dolos.ugent.be), for one exercise:\n\n\
         ```sh\n\
         dolos run -l rust EXERCISE/dolos/info.csv\n\
         ```\n\n\
         | exercise | learners exported |\n|---|---|\n",
    );
    for (exercise, count) in counts {
        text += &format!("| {exercise} | {count} |\n");
    }
    text
}
