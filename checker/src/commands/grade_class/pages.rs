//! The two kinds of page a class run writes beside the gradebook: `index.html`, the class at a
//! glance (for the instructor: per exercise, per test, the scores, the times), and
//! `feedback/NAME.html`, one learner's results in the words `check` uses (for that learner).
//!
//! Each page is one file that needs nothing else: its style inline, its charts inline SVG
//! drawn here, no script, nothing to fetch; it reads the same opened from disk, from a course
//! site or from an e-mail, light or dark, on a phone or a desk.
//!
//! Learner text is data: names, messages, output and build output are shown as the characters
//! they are (HTML-escaped, their control characters written out as `learner_text` writes them
//! for a terminal), and each page's Content-Security-Policy runs no script and fetches nothing,
//! should anything ever slip through. A hidden test is named, with its outcome and points, and
//! never shows its message or output (they could give away its inputs): both pages are rendered
//! from `CourseResult::without_hidden_details`, as every report learners read.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{Outcome, Submission};
use crate::course::{Course, Exercise};
use crate::learner_text::for_terminal;
use crate::result::{
    CourseResult, ExerciseResult, ExerciseStatus, HIDDEN_DETAILS, Suite, TestResult, TestStatus,
    round_points,
};

/// The class at a glance, in the output folder.
pub const INDEX: &str = "index.html";
/// The folder of the learners' pages, in the output folder.
pub const FEEDBACK: &str = "feedback";

/// The longest failure headline the index quotes, in characters.
const HEADLINE_CHARS: usize = 120;
/// The rows of the index's lists of tests and of slow exercises.
const TOP: usize = 10;
/// The lines of a test's output a feedback page keeps (the end, where a crash says most).
const OUTPUT_LINES: usize = 200;

/// Writes `feedback/NAME.html` for every learner, then `index.html`, each whole or not at all;
/// returns the index's path.
pub fn write(
    output: &Path,
    course: &Course,
    submissions: &[Submission],
    outcomes: &[Outcome],
) -> anyhow::Result<PathBuf> {
    let folder = output.join(FEEDBACK);
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let learners: Vec<(&str, &Outcome)> = submissions
        .iter()
        .map(|s| s.name.as_str())
        .zip(outcomes)
        .collect();
    for (name, outcome) in &learners {
        let page = folder.join(format!("{name}.html"));
        write_whole(&page, &feedback(course, name, outcome))?;
    }
    let index_path = output.join(INDEX);
    write_whole(&index_path, &index(course, &learners))?;
    Ok(index_path)
}

fn write_whole(path: &Path, text: &str) -> anyhow::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The statistics of the index, over the learners graded.

/// The result of a learner who was graded (this run or before); `None` for one who was not.
fn graded(outcome: &Outcome) -> Option<&CourseResult> {
    match outcome {
        Outcome::Graded(result) | Outcome::Unchanged(result) => Some(result),
        Outcome::NotGraded(_) | Outcome::Missed(_) => None,
    }
}

/// How the class did on one exercise.
#[derive(Debug)]
struct ExerciseStats<'a> {
    exercise: &'a Exercise,
    /// Learners graded whose result has this exercise.
    learners: usize,
    passed: usize,
    /// Mean points over `learners`.
    mean_points: f64,
    /// The median time the exercise took to build and test, over the learners whose
    /// exercise ran.
    median_ms: Option<f64>,
}

/// Each exercise of the course, in course order, over the results of the learners graded.
fn exercise_stats<'a>(course: &'a Course, results: &[&CourseResult]) -> Vec<ExerciseStats<'a>> {
    course
        .exercises
        .iter()
        .map(|exercise| {
            let found: Vec<&ExerciseResult> = results
                .iter()
                .filter_map(|r| r.exercises.iter().find(|e| e.id == exercise.id))
                .collect();
            let learners = found.len();
            let mean_points = if learners == 0 {
                0.0
            } else {
                found.iter().map(|e| e.score).sum::<f64>() / learners as f64
            };
            let mut times: Vec<u64> = found
                .iter()
                .filter(|e| e.status != ExerciseStatus::NotRun)
                .map(|e| e.duration_ms)
                .collect();
            ExerciseStats {
                exercise,
                learners,
                passed: found.iter().filter(|e| e.passed()).count(),
                mean_points,
                median_ms: median(&mut times),
            }
        })
        .collect()
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &mut [u64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0),
    }
}

fn median_f64(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// How the class did on one test.
#[derive(Debug)]
struct TestStats<'a> {
    exercise: &'a str,
    name: &'a str,
    suite: Suite,
    hidden: bool,
    /// Learners graded whose result ran this test (an exercise that did not build ran none).
    ran: usize,
    failed: usize,
    /// The headline most failures share (the status, for a failure without a message), and
    /// how many share it; never a hidden test's.
    common_failure: Option<(String, usize)>,
}

impl TestStats<'_> {
    fn failure_rate(&self) -> f64 {
        if self.ran == 0 {
            0.0
        } else {
            self.failed as f64 / self.ran as f64
        }
    }
}

/// Every test that ran for some learner, in course order.
fn test_stats<'a>(course: &Course, results: &[&'a CourseResult]) -> Vec<TestStats<'a>> {
    // (exercise, suite, name) -> index in `stats`, headline -> count per test.
    let mut stats: Vec<TestStats<'a>> = Vec::new();
    let mut headlines: Vec<Vec<(String, usize)>> = Vec::new();
    let mut index: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let order = |id: &str| course.exercises.iter().position(|e| e.id == id);
    let mut exercises: Vec<&ExerciseResult> = results.iter().flat_map(|r| &r.exercises).collect();
    // Stable: within an exercise, tests keep the order the results list them in.
    exercises.sort_by_key(|e| order(&e.id).unwrap_or(usize::MAX));
    for exercise in exercises {
        for test in &exercise.tests {
            let suite = test.suite.as_str();
            let i = *index
                .entry((exercise.id.as_str(), suite, test.name.as_str()))
                .or_insert_with(|| {
                    stats.push(TestStats {
                        exercise: &exercise.id,
                        name: &test.name,
                        suite: test.suite,
                        hidden: false,
                        ran: 0,
                        failed: 0,
                        common_failure: None,
                    });
                    headlines.push(Vec::new());
                    stats.len() - 1
                });
            let entry = &mut stats[i];
            entry.ran += 1;
            entry.hidden |= test.hidden;
            if test.status != TestStatus::Passed {
                entry.failed += 1;
                let headline = match test.headline() {
                    "" => status_words(test.status).to_string(),
                    headline => headline.to_string(),
                };
                match headlines[i].iter_mut().find(|(h, _)| *h == headline) {
                    Some((_, count)) => *count += 1,
                    None => headlines[i].push((headline, 1)),
                }
            }
        }
    }
    for (entry, seen) in stats.iter_mut().zip(headlines) {
        if entry.hidden {
            continue;
        }
        // The most frequent; on a tie, the one seen first (learners in name order).
        let mut best: Option<(String, usize)> = None;
        for (headline, count) in seen {
            if best.as_ref().is_none_or(|(_, most)| count > *most) {
                best = Some((headline, count));
            }
        }
        entry.common_failure = best;
    }
    stats
}

/// The tests failed by the largest share of the learners who ran them (ties: by more
/// learners, then course order); only tests that someone failed.
fn most_failed<'a, 'b>(stats: &'b [TestStats<'a>]) -> Vec<&'b TestStats<'a>> {
    let mut failed: Vec<&TestStats> = stats.iter().filter(|t| t.failed > 0).collect();
    failed.sort_by(|a, b| {
        b.failure_rate()
            .total_cmp(&a.failure_rate())
            .then(b.failed.cmp(&a.failed))
    });
    failed.truncate(TOP);
    failed
}

/// One bar of the score distribution: the learners whose total is from `low` up to, not
/// including, `high` (the last bin includes the maximum).
#[derive(Debug, PartialEq)]
struct Bin {
    low: f64,
    high: f64,
    count: usize,
}

/// The totals in bins: one per whole point when the maximum is at most 20 (a score in
/// between counts in the bin of the whole point below it), else ten of equal width.
fn histogram(max: f64, scores: &[f64]) -> Vec<Bin> {
    let (bins, width) = if max.fract() == 0.0 && (1.0..=20.0).contains(&max) {
        (max as usize + 1, 1.0)
    } else {
        (10, (max / 10.0).max(f64::MIN_POSITIVE))
    };
    let mut out: Vec<Bin> = (0..bins)
        .map(|i| Bin {
            low: i as f64 * width,
            high: (i + 1) as f64 * width,
            count: 0,
        })
        .collect();
    for score in scores {
        // A tiny tolerance: 3 x 0.1 of a bin's width is its boundary, not just under it.
        let bin = ((score / width) + 1e-9).floor().max(0.0) as usize;
        out[bin.min(bins - 1)].count += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The index: the class at a glance.

/// The class at a glance: each exercise's pass rate and mean points, the tests the class fails
/// most, the score distribution, the slowest exercises, and each learner with a link to their
/// page. Rates are over the learners graded; those not graded are listed with the reason.
pub fn index(course: &Course, learners: &[(&str, &Outcome)]) -> String {
    // The staff's page, and still no hidden test's details: it is easily passed on.
    let shown: Vec<CourseResult> = learners
        .iter()
        .filter_map(|(_, o)| graded(o))
        .map(CourseResult::without_hidden_details)
        .collect();
    let results: Vec<&CourseResult> = shown.iter().collect();
    let n = results.len();
    let max_total: f64 = course.exercises.iter().map(|e| f64::from(e.points)).sum();
    let not_graded: Vec<(&str, &Outcome)> = learners
        .iter()
        .filter(|(_, o)| graded(o).is_none())
        .copied()
        .collect();

    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1>{}: the class at a glance</h1>",
        text(&course.name)
    );
    let totals: Vec<f64> = results.iter().map(|r| r.score).collect();
    let _ = write!(
        body,
        "<p class=\"lead\">{} graded{}. Every rate on this page is over the {} graded.",
        learners_count(n),
        match not_graded.len() {
            0 => String::new(),
            m => format!(
                ", {} not graded (<a href=\"#not-graded\">listed below</a>, and in no rate)",
                learners_count(m)
            ),
        },
        learners_count(n),
    );
    if let Some(median) = median_f64(&totals) {
        let mean = totals.iter().sum::<f64>() / n as f64;
        let _ = write!(
            body,
            " Their mean score is {} of {} points, the median {}.",
            number(mean),
            number(max_total),
            number(median)
        );
    }
    body.push_str("</p>\n");

    if n > 0 {
        let exercises = exercise_stats(course, &results);
        exercises_section(&mut body, &exercises, n);
        distribution_section(&mut body, max_total, &totals, n);
        tests_section(&mut body, &test_stats(course, &results));
        slowest_section(&mut body, &exercises);
    }
    if !not_graded.is_empty() {
        body.push_str("<h2 id=\"not-graded\">Not graded</h2>\n");
        body.push_str(
            "<p>No rate above counts these learners: the checker has no result for them.</p>\n<ul>\n",
        );
        for (name, outcome) in &not_graded {
            let _ = writeln!(
                body,
                "<li>{}: {}</li>",
                learner_link(name),
                text(&why_not_graded(outcome))
            );
        }
        body.push_str("</ul>\n");
    }
    learners_section(&mut body, learners);
    page(&format!("{}: the class at a glance", course.name), &body)
}

fn exercises_section(body: &mut String, exercises: &[ExerciseStats], n: usize) {
    body.push_str("<h2 id=\"exercises\">Exercises</h2>\n");
    let _ = writeln!(
        body,
        "<p>In course order: how many of the {} passed each exercise, and the mean of their points.</p>",
        learners_count(n)
    );
    body.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Exercise</th>\
         <th scope=\"col\">Passed</th><th scope=\"col\">Mean points</th></tr></thead>\n<tbody>\n",
    );
    for (i, stats) in exercises.iter().enumerate() {
        let share = fraction(stats.passed, stats.learners);
        let rate = format!(
            "{} of {} passed ({})",
            stats.passed,
            stats.learners,
            percent(share)
        );
        let _ = writeln!(
            body,
            "<tr><td><span class=\"nr\">{}.</span> <code>{}</code><br><span class=\"title\">{}</span></td>\
             <td class=\"rate\">{}<span>{}</span></td><td>{} of {}</td></tr>",
            i + 1,
            text(&stats.exercise.id),
            text(&stats.exercise.title),
            meter(&format!("{}: {rate}", stats.exercise.id), share, "bar pass"),
            text(&rate),
            number(stats.mean_points),
            stats.exercise.points,
        );
    }
    body.push_str("</tbody></table></div>\n");
}

fn distribution_section(body: &mut String, max_total: f64, totals: &[f64], n: usize) {
    body.push_str("<h2 id=\"scores\">Score distribution</h2>\n");
    let bins = histogram(max_total, totals);
    let whole_points = bins.len() as f64 == max_total + 1.0;
    let most = bins.iter().map(|b| b.count).max().unwrap_or(0);
    let bars: Vec<Bar> = bins
        .iter()
        .enumerate()
        .map(|(i, bin)| {
            let label = if whole_points {
                points_count(bin.low)
            } else if i + 1 == bins.len() {
                format!("{} to {} points", number(bin.low), number(max_total))
            } else {
                format!("{} to under {}", number(bin.low), number(bin.high))
            };
            Bar {
                label,
                value: learners_count(bin.count),
                fraction: fraction(bin.count, most),
            }
        })
        .collect();
    let how = if whole_points {
        "each bar a whole point (a score in between counts with the point below it)"
    } else {
        "in ten bins of equal width"
    };
    let _ = writeln!(
        body,
        "<p>The total scores of the {} out of {} points, {how}.</p>",
        learners_count(n),
        number(max_total)
    );
    body.push_str(&bar_chart(
        &format!(
            "Score distribution: how many of the {} scored each total",
            learners_count(n)
        ),
        &bars,
        "bar",
    ));
}

fn tests_section(body: &mut String, stats: &[TestStats]) {
    body.push_str("<h2 id=\"tests\">Tests the class fails most</h2>\n");
    let failed = most_failed(stats);
    if failed.is_empty() {
        body.push_str("<p>No test failed for any learner graded.</p>\n");
        return;
    }
    let _ = writeln!(
        body,
        "<p>The tests failed by the largest share of the learners who ran them (an exercise that \
         does not build runs none), at most {TOP} of the {} the class ran, each with the failure \
         most of those learners share.</p>",
        stats.len()
    );
    body.push_str(
        "<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Test</th>\
         <th scope=\"col\">Failed</th><th scope=\"col\">Most common failure</th></tr></thead>\n<tbody>\n",
    );
    for test in failed {
        let failure = match &test.common_failure {
            _ if test.hidden => format!("<em>{}</em>", text(HIDDEN_DETAILS)),
            Some((headline, count)) => format!(
                "<code class=\"failure\">{}</code> <span class=\"count\">({})</span>",
                text(&truncated(headline, HEADLINE_CHARS)),
                match (*count, test.failed) {
                    (1, 1) => "the one failure".to_string(),
                    (count, failed) if count == failed => format!("all {failed} failures"),
                    (count, failed) => format!("{count} of {failed} failures"),
                }
            ),
            None => String::new(),
        };
        let _ = writeln!(
            body,
            "<tr><td><code>{}</code>: <code>{}</code><br><span class=\"suite\">{} test</span></td>\
             <td data-label=\"Failed\">{} of {} ({})</td><td data-label=\"Most common failure\">{failure}</td></tr>",
            text(test.exercise),
            text(test.name),
            test.suite.title(),
            test.failed,
            test.ran,
            percent(test.failure_rate()),
        );
    }
    body.push_str("</tbody></table></div>\n");
}

fn slowest_section(body: &mut String, exercises: &[ExerciseStats]) {
    let mut timed: Vec<(&ExerciseStats, f64)> = exercises
        .iter()
        .filter_map(|e| e.median_ms.map(|ms| (e, ms)))
        .collect();
    if timed.is_empty() {
        return;
    }
    timed.sort_by(|a, b| b.1.total_cmp(&a.1));
    timed.truncate(TOP);
    let longest = timed[0].1;
    body.push_str("<h2 id=\"slowest\">Slowest exercises</h2>\n");
    body.push_str(
        "<p>The median time each exercise took to build and test, over the learners whose \
         exercise ran: where a class waits longest for its grade.</p>\n",
    );
    let bars: Vec<Bar> = timed
        .iter()
        .map(|(stats, ms)| Bar {
            label: stats.exercise.id.clone(),
            value: duration(*ms),
            fraction: if longest > 0.0 { ms / longest } else { 0.0 },
        })
        .collect();
    body.push_str(&bar_chart(
        "Slowest exercises: the median time to build and test each",
        &bars,
        "bar slow",
    ));
}

fn learners_section(body: &mut String, learners: &[(&str, &Outcome)]) {
    body.push_str("<h2 id=\"learners\">Learners</h2>\n");
    body.push_str(
        "<p>Each name opens that learner's own page: what they can read about their grade.</p>\n",
    );
    body.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Learner</th>\
         <th scope=\"col\">Score</th><th scope=\"col\">Exercises passed</th></tr></thead>\n<tbody>\n",
    );
    for (name, outcome) in learners {
        let (score, passed) = match graded(outcome) {
            Some(result) => (
                format!("{} of {}", number(result.score), number(result.max_score)),
                format!(
                    "{} of {}",
                    result.exercises.iter().filter(|e| e.passed()).count(),
                    result.exercises.len()
                ),
            ),
            None => ("not graded".to_string(), String::new()),
        };
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{score}</td><td>{passed}</td></tr>",
            learner_link(name)
        );
    }
    body.push_str("</tbody></table></div>\n");
}

/// A link to a learner's page: the name as the file's name, each byte that is not a letter,
/// digit or `-._~` percent-encoded (a name may hold `#`, `?`, `%`, spaces and controls).
fn learner_link(name: &str) -> String {
    format!(
        "<a href=\"{FEEDBACK}/{}.html\">{}</a>",
        url_component(name),
        text(name)
    )
}

fn url_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn why_not_graded(outcome: &Outcome) -> String {
    match outcome {
        Outcome::NotGraded(why) => format!("not graded: {why}"),
        Outcome::Missed(why) => why.clone(),
        Outcome::Graded(_) | Outcome::Unchanged(_) => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// A learner's page.

/// One learner's page: the total, then each exercise in course order with its title, status,
/// points and message, and each test with its outcome and points and, when it failed, its
/// message (the headline, the rest folded). A hidden test shows neither message nor output.
pub fn feedback(course: &Course, name: &str, outcome: &Outcome) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}: your results</h1>", text(&course.name));
    let _ = writeln!(
        body,
        "<p class=\"who\">Learner: <strong>{}</strong></p>",
        text(name)
    );
    let Some(result) = graded(outcome).map(CourseResult::without_hidden_details) else {
        let why = match outcome {
            Outcome::NotGraded(why) => format!(
                "Your work could not be graded this time: the grader itself failed on it ({why}). \
                 This is not a grade: your instructor will grade it again."
            ),
            Outcome::Missed(why) => format!("Nothing was graded: {why}."),
            Outcome::Graded(_) | Outcome::Unchanged(_) => String::new(),
        };
        let _ = writeln!(body, "<p class=\"lead\">{}</p>", text(&why));
        return page(&format!("{}: results for {name}", course.name), &body);
    };
    let passed = result.exercises.iter().filter(|e| e.passed()).count();
    let _ = writeln!(
        body,
        "<p class=\"lead\">Score: <strong>{} of {} points</strong>; {passed} of {} exercises pass.</p>",
        number(result.score),
        number(result.max_score),
        result.exercises.len()
    );
    body.push_str(
        "<p>Run <code>cargo checker check ID</code> in your copy of the course to see an \
         exercise's tests again as you work on it.</p>\n",
    );
    // The course's exercises in order, numbered as the course numbers them, with their results.
    let graded: Vec<(usize, &Exercise, &ExerciseResult)> = course
        .exercises
        .iter()
        .enumerate()
        .filter_map(|(i, exercise)| {
            let found = result.exercises.iter().find(|e| e.id == exercise.id)?;
            Some((i + 1, exercise, found))
        })
        .collect();
    body.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Exercise</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">Points</th></tr></thead>\n<tbody>\n",
    );
    for (n, exercise, found) in &graded {
        let _ = writeln!(
            body,
            "<tr><td><a href=\"#{}\">{n}. {}</a></td><td><span class=\"status {}\">{}</span></td>\
             <td>{} of {}</td></tr>",
            url_component(&exercise.id),
            text(&exercise.title),
            if found.passed() { "pass" } else { "fail" },
            exercise_status_words(found.status),
            number(found.score),
            number(found.max_score)
        );
    }
    body.push_str("</tbody></table></div>\n");
    for (n, exercise, found) in graded {
        exercise_section(&mut body, n, exercise, found);
    }
    page(&format!("{}: results for {name}", course.name), &body)
}

fn exercise_section(
    body: &mut String,
    number_in_course: usize,
    exercise: &Exercise,
    result: &ExerciseResult,
) {
    let class = if result.passed() { "pass" } else { "fail" };
    let _ = writeln!(
        body,
        "<section class=\"exercise\" id=\"{}\">\n<h2>{number_in_course}. {} <code>{}</code></h2>",
        url_component(&exercise.id),
        text(&exercise.title),
        text(&exercise.id)
    );
    let _ = writeln!(
        body,
        "<p><span class=\"status {class}\">{}</span> · {}</p>",
        exercise_status_words(result.status),
        points_of(result.score, result.max_score)
    );
    if !result.message.is_empty() {
        let _ = writeln!(body, "<p>{}.</p>", text(&capitalized(&result.message)));
    }
    if !result.build_output.trim().is_empty() {
        let _ = writeln!(
            body,
            "<details open><summary>What the build said</summary><pre>{}</pre></details>",
            text(result.build_output.trim_end())
        );
    }
    // As `check` says it, after a pass only: while tests fail, the failure comes first.
    if result.passed() && !result.warnings.is_empty() {
        let count = match result.warnings.len() {
            1 => "a warning".to_string(),
            n => format!("{n} warnings"),
        };
        let _ = writeln!(
            body,
            "<details><summary>The compiler has advice about your code ({count}); worth reading, \
             though it costs no points</summary><pre>{}</pre></details>",
            text(result.warnings.join("\n\n").trim_end())
        );
    }
    for suite in [Suite::Rust, Suite::Python] {
        let tests: Vec<&TestResult> = result.tests.iter().filter(|t| t.suite == suite).collect();
        if tests.is_empty() {
            continue;
        }
        let _ = writeln!(
            body,
            "<h3>{} tests</h3>\n<ul class=\"tests\">",
            suite.title()
        );
        for test in tests {
            test_item(body, test);
        }
        body.push_str("</ul>\n");
    }
    body.push_str("</section>\n");
}

fn test_item(body: &mut String, test: &TestResult) {
    let passed = test.status == TestStatus::Passed;
    let (mark, class) = if passed {
        ("✓", "pass")
    } else {
        ("✗", "fail")
    };
    let _ = write!(
        body,
        "<li><span class=\"mark {class}\" aria-hidden=\"true\">{mark}</span> <code>{}</code> \
         <span class=\"status {class}\">{}</span> · {}",
        text(&test.name),
        status_words(test.status),
        points_of(test.points, test.max_points)
    );
    if test.hidden {
        let _ = write!(body, "<p class=\"hidden\">{}</p>", text(HIDDEN_DETAILS));
    } else if !passed {
        let headline = test.headline();
        if !headline.is_empty() {
            let _ = write!(
                body,
                "<p class=\"headline\"><code>{}</code></p>",
                text(headline)
            );
        }
        if !test.message.trim().is_empty() && test.message.trim() != headline {
            let _ = write!(
                body,
                "<details><summary>The whole message</summary><pre>{}</pre></details>",
                text(test.message.trim_end())
            );
        }
        // As `check` shows it: a failure's message says what went wrong, and a crash's message
        // that quotes the panic already holds what its output would mostly repeat.
        let output = test.output.trim();
        let quoted_panic = test.message.contains(" panicked at ");
        if !output.is_empty() && test.status != TestStatus::Failed && !quoted_panic {
            let lines: Vec<&str> = output.lines().collect();
            let from = lines.len().saturating_sub(OUTPUT_LINES);
            let summary = if from > 0 {
                format!("What it printed (the last {OUTPUT_LINES} lines)")
            } else {
                "What it printed".to_string()
            };
            let _ = write!(
                body,
                "<details><summary>{summary}</summary><pre>{}</pre></details>",
                text(&lines[from..].join("\n"))
            );
        }
    }
    body.push_str("</li>\n");
}

/// A test's outcome in the words `check` uses.
fn status_words(status: TestStatus) -> &'static str {
    match status {
        TestStatus::Passed => "passed",
        TestStatus::Failed => "failed",
        TestStatus::Crashed => "crashed",
        TestStatus::Timeout => "timed out",
    }
}

fn exercise_status_words(status: ExerciseStatus) -> &'static str {
    match status {
        ExerciseStatus::Passed => "passed",
        ExerciseStatus::Failed => "failed",
        ExerciseStatus::BuildError => "does not build",
        ExerciseStatus::Timeout => "timed out",
        ExerciseStatus::Crashed => "crashed",
        ExerciseStatus::Tampered => "the grader's files were edited",
        ExerciseStatus::NotRun => "not run",
    }
}

// ---------------------------------------------------------------------------------------------
// Charts: inline SVG, drawn here.

/// One row of a bar chart: a label on the left, the value on the right, the bar below.
struct Bar {
    label: String,
    value: String,
    /// The bar's length, from 0 to 1 of the chart's width.
    fraction: f64,
}

/// Rows of this many pixels: a line of text, and under it the bar.
const ROW: u32 = 40;
/// The text's size in pixels. The chart is as wide as the page and its text is not scaled
/// with it (the bars are drawn in percent, the text in pixels): 13 px on a phone and a desk.
const FONT_PX: u32 = 13;

/// A horizontal bar chart, its `title` the chart's name for screen readers and on hover.
fn bar_chart(title: &str, bars: &[Bar], class: &str) -> String {
    let height = ROW * bars.len() as u32;
    let mut svg = format!(
        "<figure><svg class=\"chart\" width=\"100%\" height=\"{height}\" role=\"img\" \
         aria-label=\"{title}\" font-size=\"{FONT_PX}\"><title>{title}</title>\n",
        title = text(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let top = ROW * i as u32;
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\" fill=\"currentColor\">{}</text>\
             <text x=\"100%\" y=\"{}\" fill=\"currentColor\" text-anchor=\"end\">{}</text>\
             <rect class=\"track\" x=\"0\" y=\"{}\" width=\"100%\" height=\"12\" rx=\"2\"/>\
             <rect class=\"{class}\" x=\"0\" y=\"{}\" width=\"{:.2}%\" height=\"12\" rx=\"2\"/>",
            top + 15,
            text(&bar.label),
            top + 15,
            text(&bar.value),
            top + 21,
            top + 21,
            100.0 * bar.fraction.clamp(0.0, 1.0),
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

/// A bar with no text in it, for a table's cell; `label` is its name.
fn meter(label: &str, fraction: f64, class: &str) -> String {
    format!(
        "<svg class=\"meter\" width=\"100%\" height=\"10\" role=\"img\" aria-label=\"{label}\">\
         <title>{label}</title><rect class=\"track\" x=\"0\" y=\"0\" width=\"100%\" height=\"10\" rx=\"2\"/>\
         <rect class=\"{class}\" x=\"0\" y=\"0\" width=\"{:.2}%\" height=\"10\" rx=\"2\"/></svg>",
        100.0 * fraction.clamp(0.0, 1.0),
        label = text(label)
    )
}

// ---------------------------------------------------------------------------------------------
// The page around it all, and the words for numbers.

/// Light and dark by the reader's setting; the charts draw their text in `currentColor`.
const STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#57606a;--rule:#d0d7de;\
--accent:#0969da;--pass:#1a7f37;--fail:#cf222e;--slow:#9a6700}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;\
--rule:#3d444d;--accent:#4493f8;--pass:#3fb950;--fail:#f85149;--slow:#d29922}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,\
\"Segoe UI\",Roboto,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--rule);padding-bottom:.25rem;\
overflow-wrap:anywhere}
h3{font-size:1rem;margin:1rem 0 .25rem}
a{color:var(--accent)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875rem}
code{overflow-wrap:anywhere}
pre{overflow-x:auto;padding:.5rem;border:1px solid var(--rule);border-radius:4px;\
white-space:pre;max-height:30rem}
.lead{font-size:1.05rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--rule)}
td{overflow-wrap:anywhere}
.title,.suite,.count,.nr{color:var(--muted)}
td.rate{min-width:7rem}
@media (max-width:40rem){table.stack thead{display:none}\
table.stack tr{display:block;border-bottom:1px solid var(--rule);padding:.3rem 0}\
table.stack td{display:block;border:0;padding:.1rem .5rem}\
table.stack td[data-label]::before{content:attr(data-label) \": \";color:var(--muted)}}
td.rate span{display:block;font-size:.875rem}
figure{margin:1rem 0}
svg{display:block;overflow:visible}
.track{fill:currentColor;fill-opacity:.12}
.bar{fill:var(--accent)}
.bar.pass{fill:var(--pass)}
.bar.slow{fill:var(--slow)}
.status{font-weight:600;white-space:nowrap}
.status.pass,.mark.pass{color:var(--pass)}
.status.fail,.mark.fail{color:var(--fail)}
.exercise{border-top:1px solid var(--rule);margin-top:1.5rem}
.exercise h2{border:0}
ul.tests{list-style:none;padding-left:0}
ul.tests li{padding:.35rem 0}
ul.tests li+li{border-top:1px solid var(--rule)}
.headline{margin:.25rem 0 .25rem 1.4rem}
.hidden{margin:.25rem 0 .25rem 1.4rem;color:var(--muted);font-style:italic}
details{margin:.25rem 0 .25rem 1.4rem}
summary{cursor:pointer;color:var(--accent)}
";

/// A whole page. Its policy lets it run no script and load nothing: not even a learner's
/// `<img onerror>`, should escaping ever fail.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        text(title)
    )
}

/// Learner text as HTML text: its control characters written out as for a terminal
/// (`\u{1b}`), then `& < > " '` escaped, so that it is shown, in an element or an attribute,
/// and never read as markup.
fn text(raw: &str) -> String {
    escape(&for_terminal(raw))
}

/// quick-xml's escaping (already the JUnit report's): `& < > " '` as entities.
fn escape(raw: &str) -> String {
    quick_xml::escape::escape(raw).into_owned()
}

/// At most `chars` characters, an ellipsis where it was cut.
fn truncated(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", text[..end].trim_end()),
        None => text.to_string(),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Points as the reports print them: to hundredths, no trailing zeros.
fn number(value: f64) -> String {
    round_points(value).to_string()
}

fn points_count(points: f64) -> String {
    let s = if points == 1.0 { "" } else { "s" };
    format!("{} point{s}", number(points))
}

/// `1.5 of 2 points`.
fn points_of(points: f64, max: f64) -> String {
    let s = if max == 1.0 { "" } else { "s" };
    format!("{} of {} point{s}", number(points), number(max))
}

fn learners_count(n: usize) -> String {
    format!("{n} learner{}", if n == 1 { "" } else { "s" })
}

fn fraction(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

fn duration(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{} ms", ms.round())
    } else if ms < 60_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        let secs = (ms / 1000.0).round() as u64;
        format!("{} min {} s", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::SCHEMA;

    fn fixture() -> Course {
        Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture")).unwrap()
    }

    fn test(name: &str, status: TestStatus, message: &str) -> TestResult {
        let mut test = TestResult::new(name, Suite::Rust, status).with_message(message);
        test.max_points = 1.0;
        test.points = if status == TestStatus::Passed {
            1.0
        } else {
            0.0
        };
        test
    }

    fn exercise(id: &str, duration_ms: u64, tests: Vec<TestResult>) -> ExerciseResult {
        let all_pass = tests.iter().all(|t| t.status == TestStatus::Passed);
        ExerciseResult {
            id: id.into(),
            status: if all_pass {
                ExerciseStatus::Passed
            } else {
                ExerciseStatus::Failed
            },
            score: tests.iter().map(|t| t.points).sum(),
            max_score: tests.len() as f64,
            duration_ms,
            message: format!("{} tests", tests.len()),
            build_output: String::new(),
            warnings: Vec::new(),
            tests,
        }
    }

    fn result(exercises: Vec<ExerciseResult>) -> CourseResult {
        CourseResult {
            schema: SCHEMA,
            course: "fixture".into(),
            score: exercises.iter().map(|e| e.score).sum(),
            max_score: exercises.iter().map(|e| e.max_score).sum(),
            duration_ms: 0,
            exercises,
        }
    }

    /// A learner whose `add` fails with `message` in its first test.
    fn failing_add(message: &str) -> CourseResult {
        result(vec![exercise(
            "add",
            1000,
            vec![
                test("adds_two_numbers", TestStatus::Failed, message),
                test("adds_negative_numbers", TestStatus::Passed, ""),
            ],
        )])
    }

    #[test]
    fn learner_text_shows_as_text_and_never_as_markup() {
        let course = fixture();
        let hostile = "<img src=x onerror=alert(1)>\n</details><script>document.title='owned'</script>\x1b[2J";
        let name = "eve<b>\"&'";
        let outcome = Outcome::Graded(failing_add(hostile));
        let page = feedback(&course, name, &outcome);
        assert!(
            !page.contains("<img") && !page.contains("<script"),
            "{page}"
        );
        assert!(!page.contains("</details><script>") && !page.contains('\x1b'));
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{page}"
        );
        assert!(page.contains("&lt;/details&gt;&lt;script&gt;document.title=&apos;owned&apos;"));
        assert!(
            page.contains("\\u{1b}[2J"),
            "controls are written out: {page}"
        );
        assert!(page.contains("eve&lt;b&gt;&quot;&amp;&apos;"), "{page}");
        assert!(!page.contains("eve<b>"));

        let index = index(&course, &[(name, &outcome)]);
        assert!(
            !index.contains("<img") && !index.contains("<script"),
            "{index}"
        );
        assert!(
            index.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "the headline: {index}"
        );
        assert!(
            index.contains(
                "href=\"feedback/eve%3Cb%3E%22%26%27.html\">eve&lt;b&gt;&quot;&amp;&apos;</a>"
            ),
            "{index}"
        );
    }

    #[test]
    fn the_compilers_advice_is_shown_after_a_pass_only() {
        let course = fixture();
        let mut passed = exercise("add", 10, vec![test("adds", TestStatus::Passed, "")]);
        passed.warnings = vec!["warning: unused variable: `<x>`".into()];
        let mut failed = failing_add("E   assert 1 == 2");
        failed.exercises[0].warnings = passed.warnings.clone();
        let page = feedback(&course, "a", &Outcome::Graded(result(vec![passed])));
        assert!(page.contains("(a warning); worth reading"), "{page}");
        assert!(page.contains("unused variable: `&lt;x&gt;`"), "{page}");
        let page = feedback(&course, "b", &Outcome::Graded(failed));
        assert!(!page.contains("worth reading"), "{page}");
    }

    #[test]
    fn a_learners_name_is_percent_encoded_in_a_link_byte_by_byte() {
        assert_eq!(url_component("alice-b_c.d~"), "alice-b_c.d~");
        assert_eq!(url_component("a b#c?d%e/f"), "a%20b%23c%3Fd%25e%2Ff");
        assert_eq!(url_component("eve\x1b]0;\x07"), "eve%1B%5D0%3B%07");
        assert_eq!(url_component("zoë"), "zo%C3%AB");
        assert_eq!(url_component("sam\\xff"), "sam%5Cxff");
    }

    #[test]
    fn a_hidden_test_is_named_with_its_outcome_and_points_but_not_its_message_or_output() {
        let course = fixture();
        let mut hidden = test(
            "overflows_at_the_edges",
            TestStatus::Failed,
            "assert 9223372036854775807 == SECRET_INPUT",
        )
        .with_output("SECRET_OUTPUT");
        hidden.hidden = true;
        let mut passed_hidden = test("hidden_but_passed", TestStatus::Passed, "");
        passed_hidden.hidden = true;
        passed_hidden.output = "SECRET_PASSING_OUTPUT".into();
        let graded = result(vec![exercise(
            "add",
            10,
            vec![
                test("adds_two_numbers", TestStatus::Passed, ""),
                hidden,
                passed_hidden,
            ],
        )]);
        let outcome = Outcome::Graded(graded);
        let page = feedback(&course, "alice", &outcome);
        assert!(!page.contains("SECRET"), "{page}");
        assert!(page.contains("<code>overflows_at_the_edges</code> <span class=\"status fail\">failed</span> · 0 of 1 point"), "{page}");
        assert!(page.contains("<code>hidden_but_passed</code> <span class=\"status pass\">passed</span> · 1 of 1 point"));
        assert_eq!(page.matches(&text(HIDDEN_DETAILS)).count(), 2, "{page}");

        let index = index(&course, &[("alice", &outcome)]);
        assert!(!index.contains("SECRET"), "{index}");
        assert!(index.contains("overflows_at_the_edges") && index.contains(&text(HIDDEN_DETAILS)));
    }

    #[test]
    fn rates_are_over_the_learners_graded_and_the_not_graded_are_listed_with_why() {
        let course = fixture();
        let solved = result(vec![exercise(
            "add",
            3000,
            vec![
                test("adds_two_numbers", TestStatus::Passed, ""),
                test("adds_negative_numbers", TestStatus::Passed, ""),
            ],
        )]);
        let outcomes = [
            ("a", Outcome::Graded(solved.clone())),
            ("b", Outcome::Unchanged(solved)),
            ("c", Outcome::Graded(failing_add("E   assert 1 == 2"))),
            ("d", Outcome::Graded(failing_add("E   assert 1 == 2"))),
            (
                "e",
                Outcome::NotGraded("the grader stopped (killed)".into()),
            ),
            (
                "f",
                Outcome::Missed("no commit at or before the deadline".into()),
            ),
        ];
        let results: Vec<&CourseResult> = outcomes.iter().filter_map(|(_, o)| graded(o)).collect();
        let stats = exercise_stats(&course, &results);
        let add = &stats[0];
        assert_eq!(
            (add.exercise.id.as_str(), add.learners, add.passed),
            ("add", 4, 2)
        );
        assert_eq!(add.mean_points, 1.5);
        assert_eq!(add.median_ms, Some(2000.0), "the mean of 1000 and 3000");
        assert_eq!(stats[1].learners, 0, "no result has ffi-add");

        let tests = test_stats(&course, &results);
        let worst = most_failed(&tests);
        assert_eq!(worst.len(), 1);
        assert_eq!(
            (worst[0].name, worst[0].ran, worst[0].failed),
            ("adds_two_numbers", 4, 2)
        );
        assert_eq!(
            worst[0].common_failure,
            Some(("assert 1 == 2".to_string(), 2))
        );

        let learners: Vec<(&str, &Outcome)> = outcomes.iter().map(|(n, o)| (*n, o)).collect();
        let page = index(&course, &learners);
        assert!(
            page.contains("4 learners graded, 2 learners not graded"),
            "{page}"
        );
        assert!(page.contains("2 of 4 passed (50%)"), "{page}");
        assert!(page.contains("<li><a href=\"feedback/e.html\">e</a>: not graded: the grader stopped (killed)</li>"), "{page}");
        assert!(page.contains(
            "<li><a href=\"feedback/f.html\">f</a>: no commit at or before the deadline</li>"
        ));
        let missed = feedback(&course, "f", &outcomes[5].1);
        assert!(
            missed.contains("Nothing was graded: no commit at or before the deadline."),
            "{missed}"
        );
    }

    #[test]
    fn whole_point_bins_up_to_20_points_else_ten_bins_the_last_holding_full_marks() {
        let counts = |bins: Vec<Bin>| bins.iter().map(|b| b.count).collect::<Vec<_>>();
        assert_eq!(
            counts(histogram(3.0, &[0.0, 1.5, 3.0, 3.0, 2.99])),
            [1, 1, 1, 2]
        );
        let bins = histogram(150.0, &[0.0, 14.99, 15.0, 149.0, 150.0, 0.3 * 50.0]);
        assert_eq!(bins.len(), 10);
        assert_eq!((bins[1].low, bins[1].high), (15.0, 30.0));
        assert_eq!(counts(bins), [2, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
        assert_eq!(
            counts(histogram(0.0, &[0.0])),
            [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        );
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 10]), Some(3.5));
        assert_eq!(median_f64(&[2.5, 0.5]), Some(1.5));
    }

    #[test]
    fn every_chart_has_a_title_and_text_of_13_pixels() {
        let chart = bar_chart(
            "Slow <exercises>",
            &[Bar {
                label: "add".into(),
                value: "1.0 s".into(),
                fraction: 0.5,
            }],
            "bar",
        );
        assert!(
            chart.contains("<title>Slow &lt;exercises&gt;</title>"),
            "{chart}"
        );
        assert!(chart.contains("font-size=\"13\"") && chart.contains("width=\"50.00%\""));
        assert!(meter("add: 1 of 2", 0.5, "bar").contains("<title>add: 1 of 2</title>"));
        assert_eq!(duration(850.0), "850 ms");
        assert_eq!(duration(12_340.0), "12.3 s");
        assert_eq!(duration(125_000.0), "2 min 5 s");
        assert_eq!(truncated("abcdef", 3), "abc…");
    }
}
