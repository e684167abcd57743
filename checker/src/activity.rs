//! Saying what the checker is doing during a step that can take long (a first build, setting up
//! the venv), so it is never silent: on a terminal a spinner with the latest news, elsewhere (CI,
//! a pipe) a plain line when the step has been quiet for a few seconds.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How long a plain-output step may stay silent before it says it is still at work.
const PLAIN_EVERY: Duration = Duration::from_secs(4);

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
}

impl Activity {
    /// Starts showing `label` ("building py-add"). Output goes to stderr.
    pub fn start(label: &str) -> Activity {
        let terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        // One spinner at a time: two would draw over each other's line. A step that runs
        // beside another (the Rust and the Python tests, `grade --jobs`) stays quiet.
        let first = terminal && !SPINNING.swap(true, Ordering::SeqCst);
        let spinner = first.then(|| {
            let spinner = ProgressBar::new_spinner();
            spinner.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("the template is valid"),
            );
            spinner.set_message(label.to_string());
            spinner.enable_steady_tick(Duration::from_millis(120));
            spinner
        });
        let now = Instant::now();
        Activity {
            label: label.to_string(),
            quiet: terminal && spinner.is_none(),
            spinner,
            start: now,
            last_said: now,
            compiled: 0,
            news: String::new(),
        }
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
            _ => return,
        }
        self.show();
    }

    /// Called now and then while the step runs: a plain line if it has been quiet too long.
    pub fn tick(&mut self) {
        if self.spinner.is_none() && !self.quiet && self.last_said.elapsed() >= PLAIN_EVERY {
            self.show();
        }
    }

    fn show(&mut self) {
        let text = if self.news.is_empty() {
            self.label.clone()
        } else {
            format!("{}: {}", self.label, self.news)
        };
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

impl Drop for Activity {
    fn drop(&mut self) {
        if let Some(spinner) = &self.spinner {
            spinner.finish_and_clear();
            SPINNING.store(false, Ordering::SeqCst);
        }
    }
}
