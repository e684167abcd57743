//! `grade-class DIR`: every learner's repository graded against the pristine course, into a
//! gradebook CSV and one JSON result per learner.
//!
//! Each submission is graded by `grade --tests-from PRISTINE`, run as a child process of this
//! very binary: the JSON is exactly `grade --format json`'s, what one learner's grading prints
//! goes to that learner's log (not across the progress bar), and whatever goes wrong in one
//! learner's grading (down to a crash of the grader) ends that learner's run, not the class's.
//! A submission is graded again only when its `src/` folders or the pristine course changed,
//! and then each exercise whose `src/` was graded before, for this learner or another, takes
//! that result (`reuse`, in `results-cache/`).

mod copies;
mod deadline;
mod gradebook;
mod pages;
mod similarity;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::GradeClassArgs;
use crate::course::Course;
use crate::integrity::{Seal, hidden_digest, sha256_hex, src_digest};
use crate::learner_text::{self, for_terminal};
use crate::result::CourseResult;
use crate::run::{self, Termination};
use deadline::AtDeadline;

/// The gradebook's file name in the output folder.
pub const GRADEBOOK: &str = "gradebook.csv";

/// The folder, in the output folder, of the results every learner's grade reuses (`reuse`):
/// an exercise's result for the same `src/`, graded once for the whole class and every run.
const RESULTS_CACHE: &str = "results-cache";

/// One learner's repository.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The learner's name: the folder's name.
    pub name: String,
    /// The repository, absolute.
    pub root: PathBuf,
}

/// What became of one submission in this run.
pub enum Outcome {
    /// Its sources and the pristine course are as when it was graded last: that result stands.
    Unchanged(CourseResult),
    /// Graded in this run.
    Graded(CourseResult),
    /// The checker itself failed on it (not the learner's code, which is always graded): why.
    NotGraded(String),
    /// Nothing to grade at the deadline (`--deadline`): why.
    Missed(String),
}

/// Grades every submission that changed since it was last graded, and writes the gradebook.
pub fn run(course_dir: Option<&Path>, args: &GradeClassArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let pristine_root = match &args.tests_from {
        Some(dir) => Course::find_root(Some(dir))?,
        None => Course::find_root(course_dir)?,
    };
    let mut pristine = Course::load(&pristine_root).with_context(|| {
        format!(
            "cannot load the pristine course in {}",
            pristine_root.display()
        )
    })?;
    // `--only`: the assignment's exercises are the gradebook's columns, and all that is graded.
    pristine.exercises = pristine.select(&args.only)?.into_iter().cloned().collect();
    let (submissions, beside) = match (&args.dir, &args.list) {
        (_, Some(list)) => (listed(list)?, list.as_path()),
        (Some(dir), None) => (in_folder(dir)?, dir.as_path()),
        (None, None) => anyhow::bail!("name the folder of submissions, or --list FILE"),
    };
    // Absolute: the graders run in the pristine course, not here.
    let output = match &args.output {
        Some(dir) => std::path::absolute(dir)?,
        None => std::path::absolute(beside)?
            .parent()
            .map_or_else(|| PathBuf::from("gradebook"), |dir| dir.join("gradebook")),
    };
    let output = crate::workspace::resolved(&output);
    refuse_inside_pristine(&pristine.root, &output, &submissions)?;
    if let Some(export) = &args.export_similarity {
        // Every learner's code goes there: inside the pristine course, each grade's copy of it
        // would show them to the learner graded.
        refuse_inside_pristine(&pristine.root, &std::path::absolute(export)?, &[])?;
        similarity::refuse_foreign(export)?;
    }
    std::fs::create_dir_all(&output)
        .with_context(|| format!("cannot create the output folder {}", output.display()))?;
    if args.fresh {
        let cache = output.join(RESULTS_CACHE);
        if cache.exists() {
            std::fs::remove_dir_all(&cache)
                .with_context(|| format!("cannot empty {}", cache.display()))?;
        }
    }

    // Every learner's grade would refuse the same way: say it once, before any is graded.
    crate::commands::grade::refuse_solutions_in_view(&pristine.root)?;
    let at_deadline = match &args.deadline {
        Some(text) => Some(at_deadline(&submissions, &deadline::parse(text)?, &output)),
        None => None,
    };
    // What is graded: each repository, or what it held at the deadline.
    let graded_from: Vec<Submission> = match &at_deadline {
        Some(taken) => taken.iter().map(|(from, _)| from.clone()).collect(),
        None => submissions.clone(),
    };
    let pristine_digest = pristine_digest(&pristine, args.seed)?;
    let keys: Vec<String> = graded_from
        .iter()
        .map(|s| submission_key(&pristine, &pristine_digest, s))
        .collect();
    let early: Vec<Option<Outcome>> = match &at_deadline {
        Some(taken) => taken
            .iter()
            .map(|(_, taken)| match taken {
                Ok(AtDeadline::Missed(why)) => Some(Outcome::Missed(why.clone())),
                Err(why) => Some(Outcome::NotGraded(why.clone())),
                Ok(AtDeadline::Taken { .. }) => None,
            })
            .collect(),
        None => submissions.iter().map(|_| None).collect(),
    };
    let stored: Vec<Option<Outcome>> = graded_from
        .iter()
        .zip(&keys)
        .zip(early)
        .map(|((s, key), early)| {
            early.or_else(|| {
                let stored = (!args.fresh).then(|| stored_result(&output, s, key));
                stored.flatten().map(Outcome::Unchanged)
            })
        })
        .collect();
    let to_grade: Vec<usize> = (0..submissions.len())
        .filter(|&i| stored[i].is_none())
        .collect();

    let (learners_at_once, exercise_jobs) = split_jobs(args.jobs);
    let grader = Grader {
        pristine: &pristine.root,
        output: &output,
        exercise_jobs,
        time_limit: Duration::from_secs(args.learner_time_limit),
        seed: args.seed,
        only: &args.only,
    };
    // A learner whose src/ folders are all the same as another's (the same key) takes that
    // learner's result: the same sources, course and checker give the same grade.
    let mut first_with_key: HashMap<&str, usize> = HashMap::new();
    let mut same_as: Vec<Option<usize>> = vec![None; submissions.len()];
    for &i in &to_grade {
        match first_with_key.entry(keys[i].as_str()) {
            Entry::Occupied(first) => same_as[i] = Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    let to_run: Vec<usize> = to_grade
        .iter()
        .copied()
        .filter(|&i| same_as[i].is_none())
        .collect();
    if !to_run.is_empty() {
        grade_the_starter_code(&grader, &pristine.root);
    }
    let progress = Progress::start(to_run.len(), submissions.len() - to_run.len());
    let next = AtomicUsize::new(0);
    let graded: Vec<Mutex<Option<Outcome>>> =
        submissions.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..learners_at_once.min(to_run.len()) {
            scope.spawn(|| {
                while let Some(&i) = to_run.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let submission = &graded_from[i];
                    progress.starting(&submission.name);
                    let began = Instant::now();
                    let outcome = grade_one(&grader, submission, &keys[i]);
                    progress.finished(&submission.name, &outcome, began.elapsed());
                    *graded[i].lock().expect("no grading thread panics") = Some(outcome);
                }
            });
        }
    });
    progress.clear();

    let mut graded: Vec<Option<Outcome>> = graded
        .into_iter()
        .map(|slot| slot.into_inner().expect("no grading thread panics"))
        .collect();
    for (i, first) in same_as.iter().enumerate() {
        if let Some(first) = *first {
            let outcome = same_result(
                &grader,
                &graded_from[i],
                &keys[i],
                &graded_from[first],
                &graded[first],
            );
            graded[i] = Some(outcome);
        }
    }
    let outcomes: Vec<Outcome> = stored
        .into_iter()
        .zip(graded)
        .map(|(stored, graded)| match stored {
            Some(outcome) => outcome,
            None => graded.expect("every submission to grade was graded"),
        })
        .collect();
    let gradebook_path = output.join(GRADEBOOK);
    let commits: Option<Vec<Option<(String, usize)>>> = at_deadline.as_ref().map(|taken| {
        taken
            .iter()
            .map(|(_, taken)| match taken {
                Ok(AtDeadline::Taken { commit, later }) => Some((commit.clone(), *later)),
                _ => None,
            })
            .collect()
    });
    // Learners with nothing graded (no commit by the deadline) have no sources to compare.
    let compared: Vec<Option<&Submission>> = graded_from
        .iter()
        .zip(&outcomes)
        .map(|(submission, outcome)| (!matches!(outcome, Outcome::Missed(_))).then_some(submission))
        .collect();
    let same_src = copies::same_src(&pristine, &compared);
    gradebook::write(
        &gradebook_path,
        &pristine,
        &graded_from,
        &outcomes,
        commits.as_deref(),
        &same_src,
    )?;
    let index_path = pages::write(&output, &pristine, &graded_from, &outcomes)?;

    if let Some(dir) = &args.export_similarity {
        let dir = std::path::absolute(dir)?;
        let counts = similarity::export(&dir, &pristine, &compared)?;
        let exported: usize = counts.iter().map(|(_, n)| n).sum();
        println!(
            "grade-class: {exported} submissions of {} exercises exported for JPlag and Dolos in {} (its README.md says how to run them)",
            counts.iter().filter(|(_, n)| *n > 0).count(),
            dir.display()
        );
    }

    let count = |wanted: fn(&Outcome) -> bool| outcomes.iter().filter(|o| wanted(o)).count();
    let unchanged = count(|o| matches!(o, Outcome::Unchanged(_)));
    let fresh = count(|o| matches!(o, Outcome::Graded(_)));
    let failed = count(|o| matches!(o, Outcome::NotGraded(_)));
    let missed = count(|o| matches!(o, Outcome::Missed(_)));
    println!(
        "grade-class: {} submissions: {unchanged} unchanged, {fresh} graded, {failed} not graded{} ({} s)",
        submissions.len(),
        if args.deadline.is_some() {
            format!(", {missed} with nothing to grade at the deadline (the gradebook says why)")
        } else {
            String::new()
        },
        start.elapsed().as_secs()
    );
    println!("grade-class: the gradebook is {}", gradebook_path.display());
    println!(
        "grade-class: the class at a glance is {} (each learner's page is in {}/)",
        index_path.display(),
        pages::FEEDBACK
    );
    if failed > 0 {
        println!(
            "grade-class: the checker failed on {failed} submissions (their logs are beside the gradebook); run the same command again to retry them"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Each submission's last commit at or before `deadline`, written out under
/// `output/at-deadline/`, as the submission to grade in its place; an error is git's or the
/// disk's (the learner is not graded, and is tried again next run).
fn at_deadline(
    submissions: &[Submission],
    deadline: &str,
    output: &Path,
) -> Vec<(Submission, Result<AtDeadline, String>)> {
    submissions
        .iter()
        .map(|submission| {
            let root = output.join("at-deadline").join(&submission.name);
            let taken =
                deadline::take(&submission.root, deadline, &root).map_err(|err| format!("{err:#}"));
            let from = Submission {
                name: submission.name.clone(),
                root,
            };
            (from, taken)
        })
        .collect()
}

/// How `--jobs N` splits between learners and exercises: N learners at once, each grading its
/// exercises one after the other.
///
/// Every grade builds into the pristine course's one `target/` and tests with its one venv (so
/// the dependencies are compiled once for the whole class), taking turns per exercise package.
/// Learners at once overlap one learner's tests with another's build; one learner's exercises
/// at once mostly queue behind each other's builds, and double the memory of each grade. Five
/// fixture learners on this 2-core machine (busy with other builds, two rounds): 2 learners x
/// 1 exercise 59 s and 66 s, 1 x 2 73 s and 88 s, 1 x 1 65 s and 78 s.
fn split_jobs(jobs: usize) -> (usize, usize) {
    (jobs.max(1), 1)
}

/// Every subfolder of `dir` (not hidden ones, such as `.git`), by name.
fn in_folder(dir: &Path) -> anyhow::Result<Vec<Submission>> {
    let dir = std::path::absolute(dir)?;
    let mut submissions = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read the folder of submissions {}", dir.display()))?
    {
        let entry = entry?;
        let name = learner_text::name_of(&entry.file_name());
        if !name.starts_with('.') && entry.path().is_dir() {
            submissions.push(Submission {
                name,
                root: entry.path(),
            });
        }
    }
    submissions.sort_by(|a, b| a.name.cmp(&b.name));
    if submissions.is_empty() {
        anyhow::bail!("{} holds no submission folder", dir.display());
    }
    refuse_names_alike(&submissions)?;
    Ok(submissions)
}

/// The folders a list file names, one a line, each relative to the list file's folder.
fn listed(list: &Path) -> anyhow::Result<Vec<Submission>> {
    let list = std::path::absolute(list)?;
    let text = std::fs::read_to_string(&list)
        .with_context(|| format!("cannot read the list of submissions {}", list.display()))?;
    let base = list.parent().unwrap_or(Path::new("."));
    let mut submissions: Vec<Submission> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let root = std::path::absolute(base.join(line))?;
        let name = root
            .file_name()
            .map(learner_text::name_of)
            .with_context(|| {
                format!(
                    "{}:{}: `{line}` names no folder",
                    list.display(),
                    number + 1
                )
            })?;
        if !root.is_dir() {
            anyhow::bail!(
                "{}:{}: {} is not a folder",
                list.display(),
                number + 1,
                root.display()
            );
        }
        submissions.push(Submission { name, root });
    }
    if submissions.is_empty() {
        anyhow::bail!("{} lists no submission", list.display());
    }
    refuse_names_alike(&submissions)?;
    Ok(submissions)
}

/// Each learner's results are files named after the learner: two names that one file name
/// would serve (equal, or equal but for case on the file systems of macOS and Windows) would
/// overwrite each other's.
fn refuse_names_alike(submissions: &[Submission]) -> anyhow::Result<()> {
    let mut seen: std::collections::HashMap<String, &Submission> = Default::default();
    for submission in submissions {
        if let Some(other) = seen.insert(submission.name.to_lowercase(), submission) {
            anyhow::bail!(
                "two submissions are named {} ({} and {}): the gradebook names each learner by the folder, and their results would overwrite each other's; rename one",
                for_terminal(&submission.name),
                for_terminal(&other.root.display().to_string()),
                for_terminal(&submission.root.display().to_string())
            );
        }
    }
    Ok(())
}

/// Every grade copies the pristine course whole, and learner code runs in that copy: the other
/// learners' repositories, or their results, must not be in it.
fn refuse_inside_pristine(
    pristine: &Path,
    output: &Path,
    submissions: &[Submission],
) -> anyhow::Result<()> {
    // A folder not made yet (the output) is judged by the real path of its nearest existing
    // parent: `pristine/../gradebook` is beside the course, not in it.
    let pristine = crate::workspace::resolved(pristine);
    let inside = |path: &Path| crate::workspace::resolved(path).starts_with(&pristine);
    if inside(output) {
        anyhow::bail!(
            "the folder {} is inside the pristine course {}: learner code would run next to what it holds (results, other learners' code); choose one outside it",
            output.display(),
            pristine.display()
        );
    }
    if let Some(submission) = submissions.iter().find(|s| inside(&s.root)) {
        anyhow::bail!(
            "the submission {} is inside the pristine course {}: each learner's code would run next to the others' repositories; move the submissions out of it",
            submission.root.display(),
            pristine.display()
        );
    }
    Ok(())
}

/// A digest of everything of the pristine course that a grade depends on (every file a learner
/// must not change, as `course.lock` would record it, and the hidden tests with their seed),
/// and of this checker's version.
fn pristine_digest(pristine: &Course, seed: u64) -> anyhow::Result<String> {
    let seal = Seal::compute(pristine, &pristine.root)?;
    let mut text = format!(
        "checker {}\nseed {seed}\n{}",
        env!("CARGO_PKG_VERSION"),
        toml::to_string(&seal)?
    );
    for exercise in &pristine.exercises {
        text += &format!(
            "hidden {} {}\n",
            exercise.id,
            hidden_digest(exercise, &pristine.root)
        );
    }
    Ok(sha256_hex(text.as_bytes()))
}

/// What a submission's result depends on: the pristine course and the learner's `src/` folders,
/// nothing else (instructor mode reads nothing else of the learner's).
/// A `src/` that cannot be graded (a named pipe or a link in it, none at all) counts by why, not
/// by its regular files: two learners share a key, and a result, only if their sources grade
/// alike.
fn submission_key(pristine: &Course, pristine_digest: &str, submission: &Submission) -> String {
    let mut text = format!("pristine {pristine_digest}\n");
    for exercise in &pristine.exercises {
        let src = exercise.dir(&submission.root).join("src");
        let sources = match crate::commands::grade::not_gradable(&submission.root, &src) {
            Some(why) => format!("not gradable: {why}"),
            None => src_digest(exercise, &submission.root),
        };
        text += &format!("{} {sources}\n", exercise.id);
    }
    sha256_hex(text.as_bytes())
}

fn result_path(output: &Path, submission: &Submission) -> PathBuf {
    output.join(format!("{}.json", submission.name))
}

fn key_path(output: &Path, submission: &Submission) -> PathBuf {
    output.join(format!("{}.key", submission.name))
}

fn log_path(output: &Path, submission: &Submission) -> PathBuf {
    output.join(format!("{}.log", submission.name))
}

/// The result graded before, if it was graded from the same sources and pristine course.
fn stored_result(output: &Path, submission: &Submission, key: &str) -> Option<CourseResult> {
    let stored_key = std::fs::read_to_string(key_path(output, submission)).ok()?;
    if stored_key.trim() != key {
        return None;
    }
    let text = std::fs::read_to_string(result_path(output, submission)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Grades the pristine course's own `src/` folders, the starter code, before any learner: each
/// exercise a learner left as handed out then takes that result from the results cache, and
/// two learners graded at once do not both build it. Cheap when it is kept from an earlier
/// run. Its files in the output folder are hidden (`.starter.json`, `.starter.log`).
fn grade_the_starter_code(grader: &Grader, pristine: &Path) {
    eprintln!(
        "grade-class: grading the starter code first, once for every learner who left an exercise as handed out..."
    );
    let starter = Submission {
        name: ".starter".to_string(),
        root: pristine.to_path_buf(),
    };
    if let Outcome::NotGraded(why) = grade_one(grader, &starter, "starter") {
        eprintln!(
            "grade-class: warning: the starter code could not be graded ({}); every learner is graded all the same",
            for_terminal(&why)
        );
    }
}

/// The outcome of a submission whose `src/` folders are all the same as `first`'s: `first`'s
/// result, recorded as the submission's own (with a log that says so).
fn same_result(
    grader: &Grader,
    submission: &Submission,
    key: &str,
    first: &Submission,
    outcome: &Option<Outcome>,
) -> Outcome {
    let result = match outcome {
        Some(Outcome::Graded(result)) => result,
        Some(Outcome::NotGraded(why)) => return Outcome::NotGraded(why.clone()),
        _ => return Outcome::NotGraded(format!("{} was not graded", first.name)),
    };
    let recorded = (|| -> anyhow::Result<()> {
        std::fs::write(
            log_path(grader.output, submission),
            format!(
                "Not graded again: its src/ folders are the same as {}'s, whose result this is.\n",
                first.name
            ),
        )?;
        std::fs::write(
            result_path(grader.output, submission),
            serde_json::to_string_pretty(result)? + "\n",
        )?;
        std::fs::write(key_path(grader.output, submission), format!("{key}\n"))?;
        Ok(())
    })();
    match recorded {
        Ok(()) => {
            eprintln!(
                "grade-class: {}: the same src/ as {}, so the same result: {}/{} points",
                for_terminal(&submission.name),
                for_terminal(&first.name),
                result.score,
                result.max_score
            );
            Outcome::Graded(result.clone())
        }
        Err(err) => Outcome::NotGraded(format!("its result could not be written: {err:#}")),
    }
}

/// How every learner's `grade --tests-from` is run.
struct Grader<'a> {
    pristine: &'a Path,
    /// The output folder, where each learner's result and log go, and the results cache.
    output: &'a Path,
    exercise_jobs: usize,
    time_limit: Duration,
    seed: u64,
    /// `--only`: the exercises graded (all when empty).
    only: &'a [String],
}

/// Grades one submission with `grade --tests-from`, its output into the learner's log. The key
/// is written last, so a run stopped halfway grades that learner again next time.
fn grade_one(grader: &Grader, submission: &Submission, key: &str) -> Outcome {
    match try_grade_one(grader, submission, key) {
        Ok(result) => Outcome::Graded(result),
        Err(err) => Outcome::NotGraded(format!("{err:#}")),
    }
}

fn try_grade_one(
    settings: &Grader,
    submission: &Submission,
    key: &str,
) -> anyhow::Result<CourseResult> {
    let Grader {
        pristine,
        output,
        exercise_jobs,
        time_limit,
        seed,
        only,
    } = *settings;
    let _ = std::fs::remove_file(key_path(output, submission));
    let log_file = log_path(output, submission);
    let log = std::fs::File::create(&log_file)
        .with_context(|| format!("cannot write {}", log_file.display()))?;
    let partial = tempfile::Builder::new()
        .prefix(&format!(".{}-", submission.name))
        .suffix(".json")
        .tempfile_in(output)
        .context("cannot create a file in the output folder")?;
    let checker = std::env::current_exe().context("cannot find the checker's own program")?;
    let mut grader = Command::new(checker);
    grader
        .arg("--course")
        .arg(&submission.root)
        .args(["grade", "--format", "json", "--jobs"])
        .arg(exercise_jobs.to_string())
        .arg("--tests-from")
        .arg(pristine)
        .arg("--seed")
        .arg(seed.to_string())
        .arg("--results-cache")
        .arg(output.join(RESULTS_CACHE));
    if !only.is_empty() {
        grader.arg("--only").args(only);
    }
    grader
        .arg("--output")
        .arg(partial.path())
        .current_dir(pristine)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    let ended = run::run_to_end_or(grader, time_limit).context("cannot start the grader")?;
    if ended == Termination::TimedOut {
        anyhow::bail!(
            "grading took longer than --learner-time-limit ({} s) and was stopped; its log says how far it came",
            time_limit.as_secs()
        );
    }
    if !ended.success() {
        let status = ended.describe();
        let log_text = std::fs::read_to_string(&log_file).unwrap_or_default();
        let last = log_text
            .lines()
            .rev()
            .find(|line| line.starts_with("error:"))
            .or_else(|| log_text.lines().rev().find(|line| !line.trim().is_empty()))
            .unwrap_or("no output");
        anyhow::bail!("the grader stopped ({status}): {}", for_terminal(last));
    }
    let text = std::fs::read_to_string(partial.path())?;
    let result: CourseResult =
        serde_json::from_str(&text).context("the grader wrote no valid result")?;
    let json_file = result_path(output, submission);
    partial
        .persist(&json_file)
        .with_context(|| format!("cannot write {}", json_file.display()))?;
    std::fs::write(key_path(output, submission), format!("{key}\n"))
        .context("cannot record the submission's digest")?;
    Ok(result)
}

/// What the class run shows while it grades: on a terminal a progress bar, elsewhere (CI, a
/// pipe) one plain line per learner. Either way on stderr, and every learner finished is named.
struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    done: AtomicUsize,
    /// The learners being graded now, for the bar's message.
    grading: Mutex<Vec<String>>,
}

impl Progress {
    fn start(to_grade: usize, unchanged: usize) -> Progress {
        let terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = (terminal && to_grade > 0).then(|| {
            let bar = ProgressBar::new(to_grade as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} learners ({elapsed}) {msg}")
                    .expect("the template is valid"),
            );
            bar.enable_steady_tick(Duration::from_millis(500));
            bar
        });
        eprintln!("grade-class: {to_grade} to grade, {unchanged} unchanged since they were graded");
        Progress {
            bar,
            total: to_grade,
            done: AtomicUsize::new(0),
            grading: Mutex::new(Vec::new()),
        }
    }

    fn starting(&self, name: &str) {
        match &self.bar {
            Some(_) => self.now_grading(|names| names.push(name.to_string())),
            None => eprintln!("grade-class: grading {}...", for_terminal(name)),
        }
    }

    /// Changes the list of learners being graded, and shows it on the bar.
    fn now_grading(&self, change: impl FnOnce(&mut Vec<String>)) {
        let mut names = self.grading.lock().expect("no grading thread panics");
        change(&mut names);
        if let Some(bar) = &self.bar {
            bar.set_message(for_terminal(&format!("grading {}", names.join(", "))).into_owned());
        }
    }

    fn finished(&self, name: &str, outcome: &Outcome, took: Duration) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        let what = match outcome {
            Outcome::Graded(result) | Outcome::Unchanged(result) => {
                format!("{}/{} points", result.score, result.max_score)
            }
            Outcome::NotGraded(why) => format!("not graded: {why}"),
            Outcome::Missed(why) => why.clone(),
        };
        let line = format!(
            "grade-class: [{done}/{}] {name}: {what} ({} s)",
            self.total,
            took.as_secs()
        );
        let line = for_terminal(&line).into_owned();
        match &self.bar {
            Some(bar) => {
                self.now_grading(|names| names.retain(|n| n != name));
                bar.println(line);
                bar.inc(1);
            }
            None => eprintln!("{line}"),
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_each_learner_by_the_last_folder_and_skips_comments() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["alice", "nested/bob"] {
            std::fs::create_dir_all(dir.path().join(name)).unwrap();
        }
        std::fs::write(
            dir.path().join("class.txt"),
            "# spring term\nalice\n\n  nested/bob  \n",
        )
        .unwrap();
        let names: Vec<String> = listed(&dir.path().join("class.txt"))
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["alice", "bob"]);
    }

    #[test]
    fn two_listed_folders_of_the_same_name_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a/sam", "b/sam"] {
            std::fs::create_dir_all(dir.path().join(name)).unwrap();
        }
        std::fs::write(dir.path().join("class.txt"), "a/sam\nb/sam\n").unwrap();
        let err = listed(&dir.path().join("class.txt")).unwrap_err();
        assert!(
            format!("{err:#}").contains("two submissions are named sam"),
            "{err:#}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_whose_names_differ_only_in_case_or_in_bytes_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for name in [&b"sam\xff"[..], b"sam\xfe"] {
            std::fs::create_dir(dir.path().join(std::ffi::OsStr::from_bytes(name))).unwrap();
        }
        let names: Vec<String> = in_folder(dir.path())
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["sam\\xfe", "sam\\xff"], "two learners, two names");
        std::fs::create_dir(dir.path().join("Sam\\xff")).unwrap();
        let err = in_folder(dir.path()).unwrap_err();
        assert!(
            format!("{err:#}").contains("two submissions are named"),
            "{err:#}"
        );
    }

    #[test]
    fn the_key_changes_with_a_learners_src_and_not_with_the_rest_of_the_repository() {
        let pristine =
            Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "exercises/01-add/src/lib.rs",
            "exercises/01-add/tests/add.rs",
        ] {
            std::fs::create_dir_all(dir.path().join(file).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(file), "// one\n").unwrap();
        }
        let learner = Submission {
            name: "alice".into(),
            root: dir.path().to_path_buf(),
        };
        let key = || submission_key(&pristine, "pristine", &learner);
        let first = key();
        std::fs::write(dir.path().join("exercises/01-add/tests/add.rs"), "// two\n").unwrap();
        assert_eq!(key(), first, "only src/ is graded, so only src/ counts");
        std::fs::write(dir.path().join("exercises/01-add/src/lib.rs"), "// two\n").unwrap();
        assert_ne!(key(), first);
        assert_ne!(
            submission_key(&pristine, "another pristine course", &learner),
            key()
        );
        // No src/ at all hashes like an empty one, but grades as none: the keys differ.
        let empty = dir.path().join("exercises/02-ffi-add/src");
        std::fs::create_dir_all(&empty).unwrap();
        let with_empty_src = key();
        std::fs::remove_dir(&empty).unwrap();
        assert_ne!(key(), with_empty_src);
    }

    #[test]
    fn hidden_folders_and_files_of_the_class_folder_are_not_submissions() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["zoe", "adam", ".git"] {
            std::fs::create_dir_all(dir.path().join(name)).unwrap();
        }
        std::fs::write(dir.path().join("README.md"), "").unwrap();
        let names: Vec<String> = in_folder(dir.path())
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["adam", "zoe"]);
    }
}
