//! `grade-class --deadline TIME`: each learner's repository as it stood at the deadline, its last
//! commit at or before TIME, taken out of git into a folder of the gradebook's and graded there.
//!
//! Only git reads the learner's repository here, and only commands that touch no index or work
//! tree (`rev-list`, `archive`), so nothing in it runs and nothing of it changes.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::Context;

/// The deadline as given, once it is a time git reads one way only: RFC 3339 with its offset
/// (`2026-12-18T23:59:00+01:00`, or `Z`). git reads almost anything as some date, and a typo
/// must not quietly become "now".
pub fn parse(text: &str) -> anyhow::Result<String> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    let well_formed = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && match &b[19..] {
            [b'Z' | b'z'] => true,
            [b'+' | b'-', h1, h2, b':', m1, m2] => {
                [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
            }
            _ => false,
        };
    if !well_formed {
        anyhow::bail!(
            "--deadline {text:?} is not a time with its offset, such as 2026-12-18T23:59:00+01:00 or 2026-12-18T22:59:00Z"
        );
    }
    Ok(text.to_string())
}

/// The learner's repository at the deadline, or why there is none.
pub enum AtDeadline {
    /// Its last commit at or before the deadline, written out; `later` commits came after it.
    Taken { commit: String, later: usize },
    /// Nothing to grade: not a git repository, or no commit by then (the reason, for the
    /// gradebook).
    Missed(String),
}

/// Writes the tree of `repo`'s last commit (on its `HEAD`) at or before `deadline` into
/// `into`, which is made anew.
pub fn take(repo: &Path, deadline: &str, into: &Path) -> anyhow::Result<AtDeadline> {
    if !git(repo, &["rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Ok(AtDeadline::Missed(
            "not a git repository, so --deadline has no commits to choose from".into(),
        ));
    }
    let before = format!("--before={deadline}");
    let commit = stdout(git(repo, &["rev-list", "-1", &before, "HEAD"]))?;
    if commit.is_empty() {
        let first = stdout(git(
            repo,
            &[
                "log",
                "--reverse",
                "--format=%cI",
                "--max-parents=0",
                "HEAD",
            ],
        ))
        .unwrap_or_default();
        let first = first.lines().next().unwrap_or("none");
        return Ok(AtDeadline::Missed(format!(
            "no commit at or before the deadline {deadline} (its first commit is from {first})"
        )));
    }
    let later: usize = stdout(git(
        repo,
        &["rev-list", "--count", &format!("{commit}..HEAD")],
    ))?
    .parse()
    .context("git rev-list --count printed no number")?;

    if into.exists() {
        std::fs::remove_dir_all(into)
            .with_context(|| format!("cannot remove {}", into.display()))?;
    }
    std::fs::create_dir_all(into).with_context(|| format!("cannot create {}", into.display()))?;
    let mut archive = git(repo, &["archive", "--format=tar", &commit])
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run git archive")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(archive.stdout.take().expect("piped"))
        .output()
        .context("cannot run tar to unpack the learner's commit")?;
    let archived = archive.wait()?;
    if !archived.success() || !tar.status.success() {
        anyhow::bail!(
            "could not take commit {commit} out of {}: {}",
            repo.display(),
            String::from_utf8_lossy(&tar.stderr).trim()
        );
    }
    Ok(AtDeadline::Taken { commit, later })
}

/// git in `repo`, reading nothing of the machine's or the user's configuration but the repo's.
fn git(repo: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn stdout(mut command: Command) -> anyhow::Result<String> {
    let output = command.output().context("cannot run git")?;
    if !output.status.success() {
        anyhow::bail!(
            "git failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_deadline_is_a_time_with_its_offset_and_nothing_git_would_guess() {
        assert!(parse("2026-12-18T23:59:00+01:00").is_ok());
        assert!(parse("2026-12-18T22:59:00Z").is_ok());
        for wrong in [
            "2026-12-18",
            "2026-12-18T23:59:00",
            "friday",
            "2026-12-18 23:59:00+01:00",
            "2026-12-18T23:59:00+0é00",
        ] {
            let err = parse(wrong).unwrap_err().to_string();
            assert!(err.contains("such as 2026-12-18T23:59:00+01:00"), "{err}");
        }
    }
}
