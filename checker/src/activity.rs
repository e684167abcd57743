//! Saying what the checker is doing during a step that can take long (a first build, setting up
//! the venv), so it is never silent: on a terminal a spinner with the latest news, elsewhere (CI,
//! a pipe) a plain line when the step has been quiet for a few seconds.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How long a plain-output step may stay silent before it says it is still at work.
const PLAIN_EVERY: Duration = Duration::from_secs(4);

/// How long one test may run before the news names it and its time: a test that takes this
/// long is either slow on purpose or stuck, and the learner should know which one it is.
const NAME_A_TEST_AFTER: Duration = Duration::from_secs(3);

/// How often the file of what runs now (`follow`) is read.
const READ_NEWS_EVERY: Duration = Duration::from_millis(250);

/// Whether a spinner is on the terminal now.
static SPINNING: AtomicBool = AtomicBool::new(false);

pub struct Activity {
    label: String,
    /// The spinner, on a terminal only.
    spinner: Option<ProgressBar>,
    /// On a terminal, beside another step's spinner: says nothing.
    quiet: bool,
    start: Instant,
    last_said: Instant,
    compiled: usize,
    news: String,
    /// What runs now, and since when (`running`): named once it has run a while.
    current: Option<(String, Instant)>,
    /// When the time limit stops what runs, counted from the start of this step, if one does.
    stops_at: Option<Duration>,
    /// A file the step writes the name of what it runs now into (`follow`), and when it was
    /// last read: ticks come every few milliseconds, the news is needed a few times a second.
    now_running: Option<std::path::PathBuf>,
    last_read: Instant,
}

impl Activity {
    /// Starts showing `label` ("building py-add"). Output goes to stderr.
    pub fn start(label: &str) -> Activity {
        let terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        // One spinner at a time: two would draw over each other's line. A step that runs
        // beside another (the Rust and the Python tests, `grade --jobs`) stays quiet.
        let first = terminal && !SPINNING.swap(true, Ordering::SeqCst);
        let spinner = first.then(|| new_spinner(label));
        let now = Instant::now();
        Activity {
            label: label.to_string(),
            quiet: terminal && spinner.is_none(),
            spinner,
            start: now,
            last_said: now,
            compiled: 0,
            news: String::new(),
            current: None,
            stops_at: None,
            now_running: None,
            last_read: now,
        }
    }

    /// Reads, at each tick, what runs now from `file`, which the step itself writes (pytest's
    /// shared conftest names each test as it starts): `running` without a line of output.
    pub fn follow(&mut self, file: &std::path::Path) {
        self.now_running = Some(file.to_path_buf());
    }

    /// Says that `what` (a test) starts now: once it has run a few seconds, the news names it
    /// and how long it has run, so that a hang is seen as one.
    pub fn running(&mut self, what: &str) {
        self.current = Some((what.to_string(), Instant::now()));
    }

    /// Says that the time limit stops the step `after` from now: a long-running test's news says
    /// so, so that a hang has a visible end.
    pub fn stops_after(&mut self, after: Duration) {
        self.stops_at = Some(self.start.elapsed() + after);
    }

    /// Takes one line of a build tool's output: cargo's `Compiling serde v1.0.0` becomes the news.
    pub fn line(&mut self, line: &str) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Compiling", name, ..] => {
                self.compiled += 1;
                self.news = format!("compiling {name}, {} crates so far", self.compiled);
            }
            ["Installing" | "Collecting", what, ..] => self.news = format!("installing {what}"),
            // cargo's "Blocking waiting for file lock on artifact directory": another build
            // (another check, or the editor's rust-analyzer) is using the target directory.
            ["Blocking", "waiting", "for", "file", "lock", ..] => {
                self.news = "waiting for another build (another check, or your editor) to finish \
                             with target/"
                    .to_string();
                if self.spinner.is_none() && !self.quiet {
                    // Said at once: a wait is news the learner needs now.
                    self.last_said = Instant::now()
                        .checked_sub(PLAIN_EVERY)
                        .unwrap_or(self.start);
                }
            }
            _ => return,
        }
        self.show();
    }

    /// Called now and then while the step runs: a plain line if it has been quiet too long. A
    /// step that ran quiet beside another's spinner takes the spinner over when that step ends,
    /// so that the terminal never goes still while anything runs.
    pub fn tick(&mut self) {
        if let Some(file) = &self.now_running
            && self.last_read.elapsed() >= READ_NEWS_EVERY
        {
            self.last_read = Instant::now();
            let name = std::fs::read_to_string(file).unwrap_or_default();
            let name = crate::learner_text::for_terminal(&name).into_owned();
            let new = self.current.as_ref().is_none_or(|(now, _)| *now != name);
            if !name.is_empty() && new {
                self.running(&name);
            }
        }
        if self.quiet && !SPINNING.swap(true, Ordering::SeqCst) {
            self.spinner = Some(new_spinner(&self.label));
            self.quiet = false;
        }
        let long_running = self
            .current
            .as_ref()
            .is_some_and(|(_, since)| since.elapsed() >= NAME_A_TEST_AFTER);
        let plain_is_due =
            self.spinner.is_none() && !self.quiet && self.last_said.elapsed() >= PLAIN_EVERY;
        if (self.spinner.is_some() && long_running) || plain_is_due {
            self.show();
        }
    }

    fn show(&mut self) {
        let mut text = if self.news.is_empty() {
            self.label.clone()
        } else {
            format!("{}: {}", self.label, self.news)
        };
        if let Some((what, since)) = &self.current
            && since.elapsed() >= NAME_A_TEST_AFTER
        {
            text += &format!(", {what} for {} s", since.elapsed().as_secs());
            if let Some(stops_at) = self.stops_at {
                let left = stops_at.saturating_sub(self.start.elapsed());
                text += &format!(" (the time limit stops it in {} s)", left.as_secs());
            }
        }
        match &self.spinner {
            Some(spinner) => spinner.set_message(text),
            None if !self.quiet && self.last_said.elapsed() >= PLAIN_EVERY => {
                eprintln!("  ... {text} ({} s)", self.start.elapsed().as_secs());
                self.last_said = Instant::now();
            }
            None => {}
        }
    }
}

fn new_spinner(label: &str) -> ProgressBar {
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("the template is valid"),
    );
    spinner.set_message(label.to_string());
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}

impl Drop for Activity {
    fn drop(&mut self) {
        if let Some(spinner) = &self.spinner {
            spinner.finish_and_clear();
            SPINNING.store(false, Ordering::SeqCst);
        }
    }
}
