//! The command line: every command and option, with the help text in the doc comments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::workspace::DEFAULT_SEED;

/// Builds, tests and grades the exercises of Oxidize Python.
///
/// Run it from anywhere inside the course: `cargo checker check`.
#[derive(Debug, Parser)]
#[command(name = "checker", bin_name = "cargo checker", version)]
pub struct Cli {
    /// The course directory (default: the nearest directory upwards holding course.toml).
    #[arg(long, global = true, env = "OXIDIZE_COURSE", value_name = "DIR")]
    pub course: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists every exercise with its status and points.
    List {
        /// Print the list as JSON (one object per exercise, in course order), for editors and
        /// scripts.
        #[arg(long)]
        json: bool,
    },
    /// Checks that this machine is ready for the course (Rust, Python, the venv, disk, mdBook,
    /// the sandbox), each problem with the command that fixes it. Exit code 1 on a problem.
    Doctor,
    /// Puts an exercise's src/ back as the last commit has it, after asking; your version is
    /// kept in .oxidize/reset/ID/.
    Reset {
        /// The exercise id, as `list` shows it.
        id: String,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
    /// Builds and tests one exercise (default: the first one not yet passing) and says what to do next.
    Check {
        /// The exercise id, as `list` shows it.
        id: Option<String>,
    },
    /// Checks an exercise, then again each time you save one of its files; goes on to the next
    /// exercise when it passes (default: the first one not yet passing).
    Watch {
        /// Stay on this exercise, as `list` shows it.
        id: Option<String>,
    },
    /// Shows clippy's advice about your code of an exercise (default: the one `check` would
    /// check): worth reading once its tests pass, and worth no points.
    Polish {
        /// The exercise id, as `list` shows it.
        id: Option<String>,
    },
    /// Shows the hint for an exercise (default: the first one not yet passing).
    Hint {
        /// The exercise id, as `list` shows it.
        id: Option<String>,
        /// Also show the second level: the answer, nearly as code.
        #[arg(long)]
        more: bool,
    },
    /// Grades every exercise with points. Exit code 0 whenever grading ran, whatever the score
    /// (1 below --min-score, 2 when grading could not run).
    Grade(GradeArgs),
    /// For instructors: grades every learner's repository against the pristine course, hidden
    /// tests included, into a gradebook CSV, one JSON result each, index.html (the class at a
    /// glance) and feedback/NAME.html (a page for each learner). Resumable: a submission whose
    /// sources did not change is not graded again, and an exercise's src/ graded for one
    /// learner is not graded again for another. Exit code 0 when every submission was graded, 1 when the
    /// checker failed on some (run again to retry them), 2 when it could not run at all.
    GradeClass(GradeClassArgs),
    /// Renders a result saved by `grade --format json` in another format, without grading again.
    Report {
        /// The JSON file that `grade --format json --output FILE` wrote.
        results: PathBuf,
        /// The report's format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Write the report to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// For instructors: writes the repository learners get (no solutions/, no authors'
    /// workflows, a README for learners, the platform's grading) and, for Classroom 50 and
    /// Gradescope, the autograder that grades it with the pristine tests.
    Handout {
        /// The platform that grades the class.
        #[arg(long = "for", value_enum, value_name = "PLATFORM")]
        platform: Platform,
        /// A new or empty folder outside the course: it gets `learners/` and `autograder/`.
        #[arg(long, value_name = "DIR")]
        output: PathBuf,
        /// The autograder grades only these exercises (one chapter per assignment, say).
        #[arg(long, num_args = 1.., value_name = "ID")]
        only: Vec<String>,
    },
    /// For authors: records in course.lock the SHA-256 of every file a learner must not change.
    Lock,
    /// For authors: every solution passes all its tests, and every untouched exercise fails all of them.
    Verify {
        /// Verify only these exercises (default: all).
        only: Vec<String>,
    },
    /// Prints the shell completion script of the installed `checker` (see the README), for
    /// example `checker completions bash > ~/.local/share/bash-completion/completions/checker`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, clap::Args)]
pub struct GradeArgs {
    /// The report's format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Grade only these exercises (default: all).
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub only: Vec<String>,
    /// Grade this many exercises at once (those that took longest in the last grade first;
    /// in a first grade, those with the longest time limit).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub jobs: usize,
    /// Exit with code 1 when the score is below N (a gate for CI).
    #[arg(long, value_name = "N")]
    pub min_score: Option<f64>,
    /// Instructor mode: take every file but the learner's src/ folders (tests, manifests, the
    /// course.toml) from this pristine copy of the course, so edited tests gain nothing.
    #[arg(long, value_name = "DIR")]
    pub tests_from: Option<PathBuf>,
    /// Instructor mode: the seed of the hidden tests' random inputs. Set one per class and
    /// keep it for the term: every learner gets the same inputs, which learners never see.
    #[arg(long, value_name = "N", requires = "tests_from", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Instructor mode: record each exercise's result in DIR, and take it from there, without
    /// building again, for the same src/, pristine course, seed and checker (`grade-class`
    /// keeps one for the class).
    #[arg(long, value_name = "DIR", requires = "tests_from")]
    pub results_cache: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct GradeClassArgs {
    /// The folder of submissions: each subfolder is one learner's repository, and the learner
    /// is named by the folder.
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub dir: Option<PathBuf>,
    /// Instead of DIR, a file listing the submissions, one folder a line (relative to the
    /// file's own folder; blank lines and lines starting with # are skipped).
    #[arg(long, value_name = "FILE")]
    pub list: Option<PathBuf>,
    /// Where the gradebook goes (default: a `gradebook` folder beside DIR or the list file).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Grade this many learners at once, each learner's exercises one after the other.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub jobs: usize,
    /// The pristine course to take every file but the learners' src/ folders from (default:
    /// the course the command runs in).
    #[arg(long, value_name = "DIR")]
    pub tests_from: Option<PathBuf>,
    /// Grade each repository as it stood at this time: its last commit at or before it
    /// (RFC 3339, such as 2026-12-18T23:59:00+01:00). The gradebook gets the commit graded and
    /// how many came after; a learner with no commit by then, or a folder that is no git
    /// repository, gets an empty row that says so.
    #[arg(long, value_name = "TIME")]
    pub deadline: Option<String>,
    /// The longest one learner's grading may take, in seconds: past it, the learner is left
    /// ungraded (retried on the next run) and the class goes on.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    pub learner_time_limit: u64,
    /// The seed of the hidden tests' random inputs: set one per class and keep it for the
    /// term (a new seed grades everyone again).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Grade only these exercises (an assignment): the gradebook's columns are these.
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub only: Vec<String>,
    /// Also write each exercise's submissions (those that changed the starter code) into DIR,
    /// laid out for the similarity checkers JPlag and Dolos, the starter code as their base.
    #[arg(long, value_name = "DIR")]
    pub export_similarity: Option<PathBuf>,
    /// Grade every learner and exercise anew: forget the results kept from earlier runs
    /// (after a new Rust or Python, say; learners whose src/ is identical still share one).
    #[arg(long)]
    pub fresh: bool,
}

/// The platforms `handout` writes a class's repositories for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Platform {
    /// Classroom 50: an autograder.py that writes result.json (classroom50/result/v1).
    Classroom50,
    /// Gradescope: setup.sh and run_autograder beside the pristine course.
    Gradescope,
    /// GitHub Actions alone: a workflow in each learner's repository, no classroom service.
    GithubActions,
}

/// The formats of `grade`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// A table for people.
    Human,
    /// The result model (schema 1), the source of every other format.
    Json,
    /// JUnit XML: one testsuite per exercise, one testcase per test, each with its file and line
    /// (for GitHub's JUnit reporters, GitLab, Jenkins' junit step).
    Junit,
    /// JUnit XML as Jenkins' xunit plugin validates it (its junit-10.xsd): no file or line on a
    /// testcase, which that schema rejects.
    Xunit,
    /// Gradescope's autograder results.json.
    Gradescope,
    /// Markdown for $GITHUB_STEP_SUMMARY (the report), and ::error annotations on stdout.
    Github,
    /// GitHub Classroom's, retired with it (2026-08-28): asking for it says what replaced it.
    #[value(hide = true)]
    Classroom,
    /// Classroom 50's result.json (contract classroom50/result/v1): one row per exercise with
    /// integer points, the identity from the runner's variables, dated by the graded commit.
    Classroom50,
    /// exercism's test-runner results.json (version 3).
    Exercism,
}
