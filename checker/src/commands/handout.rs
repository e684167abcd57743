//! `handout`, for instructors: writes, from the authors' course, the repository learners get and
//! the autograder of the platform that grades them.
//!
//! The learners' copy leaves out what is the authors' alone: the solutions, their workflows and
//! CI scripts, their benchmarks, and the checker's own tests (whose fixture has solutions too).
//! Its README is the authors' README for learners, with how to hand in on that platform. The
//! autograder holds the same course, which the grader takes tests, manifests and checker from.
//! The platform files come from `book/instructors/PLATFORM/`, where the book shows them.

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::Context;

use crate::cli::Platform;
use crate::course::Course;
use crate::sources;

/// Top-level entries of the authors' course that learners do not get.
const AUTHORS_ONLY: [&str; 4] = ["solutions", ".github", ".ci", "bench"];
/// Deeper entries learners do not get: the checker's own tests hold a fixture with solutions.
const AUTHORS_ONLY_NESTED: [&str; 1] = ["checker/tests"];

impl Platform {
    /// Its folder in `book/instructors/`: its name on the command line.
    fn folder(self) -> String {
        let value = clap::ValueEnum::to_possible_value(&self).expect("no platform is skipped");
        value.get_name().to_string()
    }
}

pub fn run(
    course: &Course,
    platform: Platform,
    output: &Path,
    only: &[String],
) -> anyhow::Result<ExitCode> {
    course.select(only)?;
    let assets = course.root.join("book/instructors").join(platform.folder());
    if !assets.is_dir() {
        anyhow::bail!(
            "{} is missing: `handout` runs in the authors' course, which has the platforms' files",
            assets.display()
        );
    }
    refuse_uncommitted_changes(&course.root)?;
    if output.exists() && std::fs::read_dir(output)?.next().is_some() {
        anyhow::bail!(
            "{} is not empty: give a new folder, so that nothing in it is overwritten",
            output.display()
        );
    }
    if output_is_inside(&course.root, output) {
        anyhow::bail!(
            "{} is inside the course: give a folder outside it, such as ../handout",
            output.display()
        );
    }

    let learners = output.join("learners");
    learners_copy(course, &learners)?;
    std::fs::write(
        learners.join("README.md"),
        learners_readme(&course.root, &assets)?,
    )
    .context("cannot write the learners' README")?;

    let autograder = output.join("autograder");
    match platform {
        Platform::Classroom50 => {
            learners_copy(course, &autograder.join("course"))?;
            add_hidden_tests(course, &autograder.join("course"))?;
            copy_asset(&assets, "autograder.py", &autograder)?;
            write_selection(&autograder, only)?;
        }
        Platform::Gradescope => {
            // Gradescope unpacks the autograder in /autograder/source: the course, with the
            // two scripts at its root.
            learners_copy(course, &autograder)?;
            add_hidden_tests(course, &autograder)?;
            copy_asset(&assets, "setup.sh", &autograder)?;
            copy_asset(&assets, "run_autograder", &autograder)?;
            write_selection(&autograder, only)?;
        }
        Platform::GithubActions => {
            if !only.is_empty() {
                anyhow::bail!(
                    "--only is for an autograder's assignment (classroom50, gradescope); the workflow grades the whole course"
                );
            }
            copy_asset(&assets, "grade.yml", &learners.join(".github/workflows"))?;
        }
    }
    println!("{}", next_steps(platform, output));
    Ok(ExitCode::SUCCESS)
}

/// The autograder grades with the hidden tests: its course (which learners never see) gets them.
fn add_hidden_tests(course: &Course, to: &Path) -> anyhow::Result<()> {
    for exercise in &course.exercises {
        let hidden = exercise.hidden_tests_dir(&course.root);
        if hidden.is_dir() {
            sources::copy_tree(&hidden, &exercise.hidden_tests_dir(to))?;
        }
    }
    Ok(())
}

/// The course as learners get it: the sources without the authors' own files (nor the hidden
/// tests, which `copy_course` leaves out).
fn learners_copy(course: &Course, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    sources::copy_course(course, to, sources::Solutions::Left)?;
    for name in AUTHORS_ONLY.iter().chain(&AUTHORS_ONLY_NESTED) {
        let path = to.join(name);
        if path.is_dir() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// The authors' README up to its part for authors, then how to hand in on this platform.
fn learners_readme(root: &Path, assets: &Path) -> anyhow::Result<String> {
    let readme = std::fs::read_to_string(root.join("README.md"))
        .context("cannot read the course's README.md")?;
    let for_learners = match readme.find("\n## For authors") {
        Some(end) => &readme[..end],
        None => &readme,
    };
    let handing_in = std::fs::read_to_string(assets.join("handing-in.md"))
        .with_context(|| format!("cannot read {}", assets.join("handing-in.md").display()))?;
    let readme = format!("{}\n\n{}\n", for_learners.trim_end(), handing_in.trim_end());
    Ok(without_dangling_anchor_links(&readme))
}

/// `[text](#anchor)` becomes `text` where no heading of `markdown` makes that anchor: the part
/// for learners may link into the part for authors, which is left out.
fn without_dangling_anchor_links(markdown: &str) -> String {
    let anchors: Vec<String> = markdown
        .lines()
        .filter_map(|line| line.strip_prefix('#'))
        .map(|heading| {
            heading
                .trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect();
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(start) = rest.find('[') {
        let link = rest[start..].find("](#").and_then(|middle| {
            let text = &rest[start + 1..start + middle];
            let target_start = start + middle + 3;
            let end = target_start + rest[target_start..].find(')')?;
            (!text.contains(['[', ']', '\n'])).then_some((text, &rest[target_start..end], end))
        });
        match link {
            Some((text, anchor, end)) if !anchors.iter().any(|a| a == anchor) => {
                out.push_str(&rest[..start]);
                out.push_str(text);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn copy_asset(assets: &Path, name: &str, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    // std::fs::copy keeps the permissions: the scripts stay executable.
    std::fs::copy(assets.join(name), to.join(name))
        .with_context(|| format!("cannot copy {}", assets.join(name).display()))?;
    Ok(())
}

/// `exercises.txt`: the exercises the autograder grades (all of them without it).
fn write_selection(autograder: &Path, only: &[String]) -> anyhow::Result<()> {
    if only.is_empty() {
        return Ok(());
    }
    let listing = format!(
        "# The exercises this assignment grades, one id a line (cargo checker handout --only).\n{}\n",
        only.join("\n")
    );
    std::fs::write(autograder.join("exercises.txt"), listing).context("cannot write exercises.txt")
}

/// A handout is a commit an instructor can name: work in progress in the authors' tree (a
/// solved `src/`, a draft test) must not reach learners unseen.
fn refuse_uncommitted_changes(root: &Path) -> anyhow::Result<()> {
    if !root.join(".git").exists() {
        return Ok(());
    }
    let Ok(status) = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(root)
        .output()
    else {
        return Ok(()); // No git on this machine: nothing to compare with.
    };
    let changed: Vec<String> = String::from_utf8_lossy(&status.stdout)
        .lines()
        .map(|line| crate::learner_text::for_terminal(line.get(3..).unwrap_or(line)).into_owned())
        .collect();
    if status.status.success() && !changed.is_empty() {
        let shown: Vec<&str> = changed.iter().take(5).map(String::as_str).collect();
        anyhow::bail!(
            "the course has changes that are not committed ({}{}): commit or stash them first, so that what learners get is a commit you can name",
            shown.join(", "),
            if changed.len() > 5 { ", ..." } else { "" }
        );
    }
    Ok(())
}

fn output_is_inside(root: &Path, output: &Path) -> bool {
    // Resolved as far as they exist: the output folder may not exist yet.
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    crate::workspace::resolved(&absolute(output))
        .starts_with(crate::workspace::resolved(&absolute(root)))
}

/// What the instructor does next, for the platform.
fn next_steps(platform: Platform, output: &Path) -> String {
    // Quoted as the shell reads it back: the commands below are meant to be pasted.
    let out = crate::platform::command_word(&output.display().to_string());
    let learners = format!(
        "{out}/learners: the repository learners get (no solutions/, no authors' workflows, a README for learners)."
    );
    match platform {
        Platform::Classroom50 => format!(
            "{learners}\n  Push it as the assignment's template repository: cd {out}/learners && git init -b main && git add -A && git commit -m \"Oxidize Python\"\n\
             {out}/autograder: Classroom 50's autograder (autograder.py and the pristine course).\n  Copy its contents into your classroom50 repository at CLASSROOM/autograders/ASSIGNMENT/, and register the assignment with the runtime block in book/instructors/classroom50/runtime.json.\n\
             The book's appendix for instructors, \"Classroom 50\", has every step."
        ),
        Platform::Gradescope => format!(
            "{learners}\n  Push it as the template learners start from.\n\
             {out}/autograder: Gradescope's autograder (the pristine course, setup.sh and run_autograder at its root).\n  Zip it for the assignment's Configure Autograder page: cd {out}/autograder && zip -r ../autograder.zip .\n\
             The book's appendix for instructors, \"Gradescope\", has every step."
        ),
        Platform::GithubActions => format!(
            "{learners}\n  It grades itself on every push (.github/workflows/grade.yml). Push it as a template repository; each learner's repository is made from it.\n\
             The book's appendix for instructors, \"Plain GitHub Actions\", has every step."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::without_dangling_anchor_links;

    #[test]
    fn a_link_into_the_left_out_part_keeps_its_text_and_other_links_stay() {
        let readme = "# Course\n## The loop\nSee [How fast](#how-fast-a-check-is), [the loop](#the-loop) and [the book](book/a.md).\n";
        assert_eq!(
            without_dangling_anchor_links(readme),
            "# Course\n## The loop\nSee How fast, [the loop](#the-loop) and [the book](book/a.md).\n"
        );
    }
}
