//! `grade`: every exercise (or some) graded with points, rendered in one format.
//!
//! In instructor mode (`--tests-from DIR`) the learner's `src/` folders are graded inside a
//! copy of a pristine course, so nothing but `src/` comes from the learner. Otherwise an
//! exercise whose protected files differ from `course.lock` gets 0 points as `tampered`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::cli::GradeArgs;
use crate::course::{Course, Exercise};
use crate::durations::Durations;
use crate::integrity::{LOCK, Seal};
use crate::result::{CourseResult, ExerciseResult, ExerciseStatus, SCHEMA, round_points};
use crate::reuse::ResultStore;
use crate::workspace::Workspace;
use crate::{cargo, evaluate, python, report, run, sources};

/// Grades the course in `course_dir` (or the one around the current directory).
pub fn run(course_dir: Option<&Path>, args: &GradeArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    report::ensure_supported(args.format)?;
    let root = Course::find_root(course_dir)?;
    let pristine_copy;
    let mut rejected = HashMap::new();
    let (graded, workspace, tamper_check) = match &args.tests_from {
        // Nothing of the learner's but src/ is read: not even its course.toml.
        Some(dir) => {
            pristine_copy = tempfile::Builder::new()
                .prefix("oxidize-grade-")
                .tempdir()
                .context("cannot create a temporary directory")?;
            let pristine =
                learner_src_in_pristine_copy(&root, dir, pristine_copy.path(), &mut rejected)?;
            // Built into the pristine course's target directory and tested with its venv: the
            // learner's `.venv` and `target/` are never used (a venv is code that runs).
            let workspace =
                Workspace::copy_of(&Course::find_root(Some(dir))?, pristine_copy.path())
                    .with_seed(args.seed);
            (pristine, workspace, None)
        }
        None => {
            let course = Course::load(&root)?;
            let check = tamper_check(&course)?;
            let workspace = Workspace::of(&course);
            (course, workspace, check)
        }
    };
    let selected = graded.select(&args.only)?;
    // Instructor mode: an exercise graded before from the same src/ (`reuse`) is not built.
    let store = match &args.results_cache {
        Some(dir) => Some(ResultStore::open(dir)?),
        None => None,
    };
    let keys = reuse_keys(&store, &graded, &workspace, &selected, &rejected)?;
    let reused: HashMap<&str, ExerciseResult> = match &store {
        Some(store) => selected
            .iter()
            .filter_map(|e| Some((e.id.as_str(), store.get(keys.get(&e.id)?, e)?)))
            .collect(),
        None => HashMap::new(),
    };

    // A tampered exercise is not built: its edited files are not to be compiled at all.
    let untampered: Vec<&Exercise> = selected
        .iter()
        .copied()
        .filter(|exercise| tampered(&tamper_check, exercise).is_none())
        .filter(|exercise| !reused.contains_key(exercise.id.as_str()))
        .collect();
    // The venv's packages are installed while cargo builds: on a first grade each takes a
    // while. Its interpreter comes first, in seconds: the builds of pyo3 are configured with it.
    python::ensure_interpreter(&workspace)?;
    let out_of_build_time = std::thread::scope(|scope| {
        let venv = scope.spawn(|| python::ensure_venv(&graded.root, &workspace));
        let built = prebuild(&graded, &workspace, &untampered);
        venv.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .and(built)
    })?;

    // The longest first, as the last grade timed them; the results stay in course order.
    let durations = Durations::load(&workspace);
    let order = durations.longest_first(&selected);
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<anyhow::Result<ExerciseResult>>>> =
        selected.iter().map(|_| Mutex::new(None)).collect();
    // Each exercise finished is counted, as grade-class counts its learners.
    let done = AtomicUsize::new(0);
    let finished = |result: &anyhow::Result<ExerciseResult>| {
        let done = done.fetch_add(1, Ordering::SeqCst) + 1;
        if let Ok(result) = result {
            eprintln!(
                "grade: [{done}/{}] {}: {}, {}/{} points ({:.1} s)",
                selected.len(),
                result.id,
                result.status.as_str().replace('_', " "),
                result.score,
                result.max_score,
                result.duration_ms as f64 / 1000.0
            );
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.clamp(1, selected.len().max(1)) {
            scope.spawn(|| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let exercise = selected[i];
                    // Another grade (a learner graded at the same time) may have kept it since.
                    let kept = || {
                        let key = keys.get(&exercise.id)?;
                        store.as_ref()?.get(key, exercise)
                    };
                    if let Some(result) = reused.get(exercise.id.as_str()).cloned().or_else(kept) {
                        eprintln!(
                            "grade: {}: graded before from the same src/, that result stands",
                            exercise.id
                        );
                        let result = Ok(result);
                        finished(&result);
                        *results[i].lock().expect("no grading thread panics") = Some(result);
                        continue;
                    }
                    eprintln!("grade: {}...", exercise.id);
                    let result = match (
                        tampered(&tamper_check, exercise),
                        rejected.get(&exercise.id),
                    ) {
                        (Some(result), _) => Ok(result),
                        (None, Some(why)) => Ok(ExerciseResult::without_tests(
                            exercise,
                            ExerciseStatus::BuildError,
                            why.clone(),
                            0,
                        )),
                        (None, None) if out_of_build_time.contains(&exercise.id) => {
                            Ok(evaluate::out_of_build_time_in_prebuild(
                                exercise,
                                Duration::from_secs(graded.limits.build_secs),
                            ))
                        }
                        // Whatever goes wrong with one exercise is its result, never the
                        // end of the class's grading: the report is always written.
                        (None, None) => {
                            evaluate::evaluate(&graded, &workspace, exercise).or_else(|err| {
                                Ok(ExerciseResult::without_tests(
                                    exercise,
                                    ExerciseStatus::NotRun,
                                    format!("the checker could not grade it: {err:#}"),
                                    0,
                                ))
                            })
                        }
                    };
                    finished(&result);
                    *results[i].lock().expect("no grading thread panics") = Some(result);
                }
            });
        }
    });
    let exercises = results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .expect("no grading thread panics")
                .expect("every exercise was graded")
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(store) = &store {
        for result in &exercises {
            let fresh = !reused.contains_key(result.id.as_str());
            if let Some(key) = keys.get(&result.id).filter(|_| fresh)
                && let Err(err) = store.put(key, result)
            {
                eprintln!(
                    "grade: warning: {}'s result was not kept: {err:#}",
                    result.id
                );
            }
        }
    }
    if let Err(err) = durations.record(&workspace, &exercises) {
        eprintln!("grade: warning: the grading times were not recorded: {err:#}");
    }

    let result = CourseResult {
        schema: SCHEMA,
        course: graded.name.clone(),
        score: round_points(exercises.iter().map(|e| e.score).sum()),
        max_score: exercises.iter().map(|e| e.max_score).sum(),
        duration_ms: start.elapsed().as_millis() as u64,
        exercises,
    };
    let sources = report::sources::TestSources::read(&graded);
    report::write(&result, &sources, args.format, args.output.as_deref())?;
    match args.min_score {
        Some(min) if result.score < min => {
            eprintln!(
                "grade: the score {} is below --min-score {min}",
                result.score
            );
            Ok(ExitCode::FAILURE)
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Each selected exercise's key in the results cache (`reuse`), in instructor mode with a cache:
/// not for an exercise whose `src/` was rejected, since the starter code stands in its place.
fn reuse_keys(
    store: &Option<ResultStore>,
    graded: &Course,
    workspace: &Workspace,
    selected: &[&Exercise],
    rejected: &HashMap<String, String>,
) -> anyhow::Result<HashMap<String, String>> {
    let (Some(_), Some(hidden)) = (store, &workspace.hidden) else {
        return Ok(HashMap::new());
    };
    selected
        .iter()
        .filter(|e| !rejected.contains_key(&e.id))
        .map(|e| {
            let key = ResultStore::key(graded, e, &hidden.course_root, hidden.seed)?;
            Ok((e.id.clone(), key))
        })
        .collect()
}

/// Builds every selected exercise before any is tested, one cargo run per profile and group
/// of exercises with the same dependencies (`cargo::dependency_groups`), holding each package's
/// target lock meanwhile (in name order, as every checker takes them). The exercises whose
/// build used up its time there (`cargo::prebuild`).
fn prebuild(
    course: &Course,
    workspace: &Workspace,
    selected: &[&Exercise],
) -> anyhow::Result<BTreeSet<String>> {
    let limits = run::Limits {
        wall: Duration::from_secs(course.limits.build_secs),
        output_cap: course.limits.output_kib * 1024,
    };
    let packages: Vec<&str> = selected.iter().map(|e| e.id.as_str()).collect();
    let mut out_of_time = BTreeSet::new();
    if packages.len() < 2 {
        return Ok(out_of_time); // One exercise alone is built by its own build, next.
    }
    workspace.fetch_dependencies(limits)?;
    let groups = cargo::dependency_groups(workspace, &packages, limits);
    let released = |package: &str| selected.iter().any(|e| e.id == package && e.release);
    for release in [false, true] {
        let of_profile: Vec<Vec<&str>> = groups
            .iter()
            .map(|group| {
                let members = group.iter().copied();
                members.filter(|p| released(p) == release).collect()
            })
            .collect();
        let mut locked: Vec<&str> = of_profile.iter().flatten().copied().collect();
        locked.sort_unstable();
        let _locks = locked
            .iter()
            .map(|package| workspace.lock_target(package))
            .collect::<anyhow::Result<Vec<_>>>()?;
        out_of_time.extend(cargo::prebuild(workspace, &of_profile, release, limits));
    }
    Ok(out_of_time)
}

/// What the tamper check compares with: the files as `course.lock` recorded them. The files
/// as they are are read right before each exercise is graded, so that code an earlier exercise
/// ran cannot rewrite a later exercise's tests unnoticed.
struct TamperCheck {
    course: Course,
    recorded: Seal,
}

fn tamper_check(course: &Course) -> anyhow::Result<Option<TamperCheck>> {
    let Some(recorded) = Seal::load(&course.root)? else {
        eprintln!(
            "grade: there is no {LOCK}, so edited tests are not detected (authors: `cargo checker lock`)"
        );
        return Ok(None);
    };
    Ok(Some(TamperCheck {
        course: course.clone(),
        recorded,
    }))
}

fn tampered(check: &Option<TamperCheck>, exercise: &Exercise) -> Option<ExerciseResult> {
    let check = check.as_ref()?;
    let changed = match Seal::compute_for(std::iter::once(exercise), &check.course.root) {
        Ok(now) => now.changed_files(&check.recorded, exercise),
        Err(err) => vec![format!("(the files could not be read: {err:#})")],
    };
    if changed.is_empty() {
        return None;
    }
    Some(ExerciseResult::without_tests(
        exercise,
        ExerciseStatus::Tampered,
        format!(
            "files that must not change differ from {LOCK}: {}",
            changed.join(", ")
        ),
        0,
    ))
}

/// Copies the pristine course at `pristine_dir` to `to`, puts the learner's `src/` folders in
/// it, and returns the pristine course as it lies in `to`. A `src/` that is missing, is a file,
/// lies behind a symbolic link, or holds anything but regular files and folders (a link could
/// point anywhere, the instructor's solutions too; a named pipe blocks whoever opens it), is not
/// copied: the reason lands in `rejected`, and that exercise is graded 0
/// with it.
fn learner_src_in_pristine_copy(
    learner_root: &Path,
    pristine_dir: &std::path::Path,
    to: &std::path::Path,
    rejected: &mut HashMap<String, String>,
) -> anyhow::Result<Course> {
    let pristine = Course::find_and_load(Some(pristine_dir)).with_context(|| {
        format!(
            "cannot load the pristine course in {}",
            pristine_dir.display()
        )
    })?;
    refuse_solutions_in_view(&pristine.root)?;
    sources::copy_course(&pristine, to, sources::Solutions::Left)?;
    for exercise in &pristine.exercises {
        let src = exercise.dir(learner_root).join("src");
        if let Some(why) = not_gradable(learner_root, &src) {
            rejected.insert(exercise.id.clone(), why);
            continue;
        }
        let target = exercise.dir(to).join("src");
        std::fs::remove_dir_all(&target)
            .with_context(|| format!("cannot replace {}", target.display()))?;
        // What changed in src/ since it was looked at (a pipe made meanwhile) is the learner's.
        if let Err(err) = sources::copy_tree(&src, &target) {
            rejected.insert(
                exercise.id.clone(),
                format!("src/ could not be copied: {err:#}"),
            );
        }
    }
    let mut copy = pristine;
    copy.root = to.to_path_buf();
    Ok(copy)
}

/// The learner's build and tests run in a copy of the pristine course without `solutions/`, but
/// the pristine course itself stays where it is: only a sandbox that shows learner code nothing
/// else of the machine (bubblewrap) keeps `#[path = "/…/solutions/…"]` from compiling them in.
pub fn refuse_solutions_in_view(pristine_root: &Path) -> anyhow::Result<()> {
    let solutions = pristine_root.join("solutions");
    if solutions.exists() && !crate::platform::reads_confined() {
        anyhow::bail!(
            "the pristine course {} holds solutions/, and on this system learner code could read them while it is built (`#[path]`, `include!`): nothing here confines what it reads (`cargo checker doctor` says what is enforced). Grade from a copy without them: `cargo checker handout` writes one (its `autograder/`), or `git clone {} pristine && rm -r pristine/solutions`; then `--tests-from` that copy.",
            pristine_root.display(),
            pristine_root.display()
        );
    }
    Ok(())
}

/// Why the learner's `src` (inside `learner_root`) cannot be graded, if it cannot.
pub fn not_gradable(learner_root: &Path, src: &Path) -> Option<String> {
    let shown = |path: &Path| {
        let path = path.strip_prefix(learner_root).unwrap_or(path);
        path.display().to_string()
    };
    // A link on the way to src/ (`exercises` itself, say) could lead anywhere too.
    let link = src
        .ancestors()
        .skip(1)
        .take_while(|dir| *dir != learner_root)
        .find(|dir| dir.is_symlink())
        .map(|dir| (dir.to_path_buf(), "a symbolic link"))
        .or_else(|| sources::first_not_regular(src));
    if let Some((path, kind)) = link {
        Some(format!(
            "{} is {kind}: only regular files in src/ are graded",
            shown(&path)
        ))
    } else if src.is_file() {
        Some(format!("{} is a file, not a folder of sources", shown(src)))
    } else if !src.is_dir() {
        Some(format!("the submission has no {}", shown(src)))
    } else {
        None
    }
}
