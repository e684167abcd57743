//! Runs every child process the checker starts (cargo, maturin, pytest, test binaries):
//! a wall-time limit, the whole process group killed when the child ends or times out
//! (grandchildren too), a cap on the output kept, and output that need not be UTF-8.
//!
//! Its parts: `capture` keeps a capped copy of each output stream, `wait` waits for the end or
//! the time limit, and `crate::platform` starts and kills the process tree and confines it.

mod capture;
mod wait;

use std::io;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub use capture::Captured;

use crate::activity::Activity;
use crate::platform::{self, ProcessTree};

/// How long a child may run and how much of its output is kept.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub wall: Duration,
    /// Bytes kept per stream: the first half and the last half; the middle is counted and dropped.
    pub output_cap: usize,
}

pub use crate::platform::Sandbox;

/// `run`, with learner code confined by `sandbox` where the OS allows (see `platform`).
pub fn run_sandboxed(cmd: Command, limits: Limits, sandbox: &Sandbox) -> io::Result<Finished> {
    run(platform::confine(cmd, sandbox), limits)
}

/// `run_sandboxed`, with `activity` saying that the child is still at work when it is slow.
pub fn run_sandboxed_showing(
    cmd: Command,
    limits: Limits,
    sandbox: &Sandbox,
    activity: &mut Activity,
) -> io::Result<Finished> {
    run_showing(platform::confine(cmd, sandbox), limits, activity)
}

/// `run_sandboxed`, handing each line the child writes on stderr to `on_line` as it comes, and
/// `None` at each poll in between (`showing` makes an `Activity` of it).
pub fn run_sandboxed_watched(
    cmd: Command,
    limits: Limits,
    sandbox: &Sandbox,
    on_line: &mut dyn FnMut(Option<&str>),
) -> io::Result<Finished> {
    run_watched(platform::confine(cmd, sandbox), limits, on_line)
}

/// The moment a time limit runs out: one exercise's tests share one deadline, so the time one
/// test took is the time the next does not have.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(Instant);

impl Deadline {
    pub fn after(limit: Duration) -> Deadline {
        Deadline(Instant::now() + limit)
    }

    /// The time left, zero once it has passed.
    pub fn left(self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }

    pub fn has_passed(self) -> bool {
        self.left().is_zero()
    }

    /// Limits for one child that must end by the deadline, given at least `floor`: a process
    /// started just before the deadline still gets time to say something.
    pub fn limits(self, output_cap: usize, floor: Duration) -> Limits {
        Limits {
            wall: self.left().max(floor),
            output_cap,
        }
    }
}

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termination {
    Exited(i32),
    /// Killed by this signal (Unix; Windows has no signals).
    #[cfg_attr(windows, allow(dead_code))]
    Signalled(i32),
    /// Killed by us when the wall-time limit ran out.
    TimedOut,
}

impl Termination {
    pub fn success(self) -> bool {
        self == Termination::Exited(0)
    }

    /// "exit code 3", "signal SIGSEGV", "timed out".
    pub fn describe(self) -> String {
        match self {
            Termination::Exited(code) => format!("exit code {code}"),
            Termination::Signalled(signal) => format!("signal {}", signal_name(signal)),
            Termination::TimedOut => "timed out".to_string(),
        }
    }
}

/// What a child wrote and how it ended.
#[derive(Debug)]
pub struct Finished {
    pub termination: Termination,
    pub stdout: Captured,
    pub stderr: Captured,
}

/// Runs `cmd` with the input and output it was given (a log file, say) to its end or `wall`,
/// and kills whatever it left behind in its tree.
pub fn run_to_end_or(cmd: Command, wall: Duration) -> io::Result<Termination> {
    let mut tree = ProcessTree::spawn(cmd)?;
    let termination = wait::until_end_or_limit(&mut tree, Instant::now() + wall, &mut || {})?;
    tree.kill();
    Ok(termination)
}

/// Runs `cmd` (with no input) to its end or its time limit, and kills whatever it left behind.
pub fn run(cmd: Command, limits: Limits) -> io::Result<Finished> {
    run_watched(cmd, limits, &mut |_| {})
}

/// `run`, saying what the child does while it runs: each line it writes on stderr goes to
/// `activity` (a build's `Compiling ...`), which speaks up when the child has been quiet.
pub fn run_showing(cmd: Command, limits: Limits, activity: &mut Activity) -> io::Result<Finished> {
    run_watched(cmd, limits, &mut showing(activity))
}

/// Each stderr line to `activity`, and a tick at each poll.
pub fn showing(activity: &mut Activity) -> impl FnMut(Option<&str>) + '_ {
    |line| match line {
        Some(line) => activity.line(line),
        None => activity.tick(),
    }
}

/// `run`, handing each line the child writes on stderr to `on_line` while it runs, and `None`
/// at each poll in between, from the calling thread.
fn run_watched(
    cmd: Command,
    limits: Limits,
    on_line: &mut dyn FnMut(Option<&str>),
) -> io::Result<Finished> {
    let (running, _) = Running::spawn(cmd, Stdio::null(), limits.output_cap)?;
    running.finish(limits, on_line)
}

/// A child whose output is being read, on its way to a `Finished`.
struct Running {
    tree: ProcessTree,
    stdout: mpsc::Receiver<Captured>,
    stderr: mpsc::Receiver<Captured>,
    stderr_lines: mpsc::Receiver<String>,
}

impl Running {
    /// Starts `cmd` with `stdin`, its output captured from now on; the pipe to its stdin, when
    /// `stdin` is one.
    fn spawn(
        mut cmd: Command,
        stdin: Stdio,
        output_cap: usize,
    ) -> io::Result<(Running, Option<ChildStdin>)> {
        cmd.stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut tree = ProcessTree::spawn(cmd)?;
        let (lines, stderr_lines) = mpsc::channel();
        let stdout = capture::read_capped(tree.take_stdout(), output_cap, None);
        let stderr = capture::read_capped(tree.take_stderr(), output_cap, Some(lines));
        let input = tree.take_stdin();
        let running = Running {
            tree,
            stdout,
            stderr,
            stderr_lines,
        };
        Ok((running, input))
    }

    /// Waits, from now, for the end or the time limit, and kills whatever the child left behind.
    fn finish(
        mut self,
        limits: Limits,
        on_line: &mut dyn FnMut(Option<&str>),
    ) -> io::Result<Finished> {
        let limit = Instant::now() + limits.wall;
        let termination = wait::until_end_or_limit(&mut self.tree, limit, &mut || {
            while let Ok(line) = self.stderr_lines.try_recv() {
                on_line(Some(&line));
            }
            on_line(None);
        })?;
        self.tree.kill();
        // A grandchild that left the process group may still hold the pipes open: wait a little, no more.
        let grace = Duration::from_secs(2);
        let stdout = self.stdout.recv_timeout(grace).unwrap_or_default();
        let stderr = self.stderr.recv_timeout(grace).unwrap_or_default();
        Ok(Finished {
            termination,
            stdout,
            stderr,
        })
    }
}

/// A child started before its time, confined like `run_sandboxed`'s: it does its slow start
/// (pytest's imports) while the exercise builds, then blocks reading its stdin until `go`
/// closes it. Its time limit counts from `go`. Dropped without `go`, it is killed.
pub struct Primed {
    running: Option<Running>,
    stdin: Option<ChildStdin>,
}

/// Starts `cmd` as a `Primed` child. Nothing is ever written to its stdin: a write to a child
/// that has died would end the checker (it keeps SIGPIPE's default action).
pub fn prime_sandboxed(cmd: Command, sandbox: &Sandbox, output_cap: usize) -> io::Result<Primed> {
    let (running, stdin) =
        Running::spawn(platform::confine(cmd, sandbox), Stdio::piped(), output_cap)?;
    Ok(Primed {
        running: Some(running),
        stdin,
    })
}

impl Primed {
    /// Lets the child go on (its stdin reaches its end) and waits for it as `run_showing` does.
    pub fn go(mut self, limits: Limits, activity: &mut Activity) -> io::Result<Finished> {
        drop(self.stdin.take());
        let running = self.running.take().expect("a primed child goes once");
        running.finish(limits, &mut showing(activity))
    }
}

impl Drop for Primed {
    fn drop(&mut self) {
        if let Some(mut running) = self.running.take() {
            running.tree.kill_and_reap();
        }
    }
}

/// The conventional name of a signal on this system, e.g. 11 -> "SIGSEGV".
pub fn signal_name(signal: i32) -> String {
    platform::name_of_signal(signal)
}

// Unix only: each test runs `sh` or `python3` in the sandbox, which confines nothing on Windows.
#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn sandboxed_code_reaches_loopback_and_cannot_allocate_past_its_memory_limit() {
        let temp = tempfile::tempdir().unwrap();
        let sandbox = Sandbox {
            memory_bytes: 512 << 20,
            file_size_bytes: 64 << 20,
            loopback_only: true,
            scratch: temp.path().to_path_buf(),
            temp: temp.path().to_path_buf(),
            readable: Vec::new(),
            writable: Vec::new(),
        };
        let limits = Limits {
            wall: Duration::from_secs(30),
            output_cap: 4096,
        };
        let mut cmd = Command::new("python3");
        cmd.args([
            "-c",
            "import socket\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n\
             socket.create_connection(s.getsockname(), timeout=5)\nprint('loopback works')\n\
             try:\n    b = bytearray(1 << 30)\nexcept MemoryError:\n    print('1 GiB refused')\n\
             names = [l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]]\n\
             print('interfaces:', names)",
        ]);
        let finished = run_sandboxed(cmd, limits, &sandbox).unwrap();
        assert_eq!(
            finished.stdout.text(),
            "loopback works\n1 GiB refused\ninterfaces: ['lo']\n",
            "{}",
            finished.stderr.text()
        );
    }

    /// A sandbox that confines as little as the tests need, in `dir`.
    #[cfg(unix)]
    fn sandbox_in(dir: &std::path::Path) -> Sandbox {
        Sandbox {
            memory_bytes: 512 << 20,
            file_size_bytes: 64 << 20,
            loopback_only: false,
            scratch: dir.to_path_buf(),
            temp: dir.to_path_buf(),
            readable: Vec::new(),
            writable: Vec::new(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_primed_child_waits_for_go_and_its_time_limit_counts_from_there() {
        let temp = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "cat; echo went"]);
        let primed = prime_sandboxed(cmd, &sandbox_in(temp.path()), 4096).unwrap();
        // Longer than the limit below: a limit counted from the start would have run out.
        std::thread::sleep(Duration::from_millis(600));
        let limits = Limits {
            wall: Duration::from_millis(500),
            output_cap: 4096,
        };
        let finished = primed
            .go(limits, &mut Activity::start("a primed child"))
            .unwrap();
        assert_eq!(finished.termination, Termination::Exited(0));
        assert_eq!(finished.stdout.text(), "went\n");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_primed_child_dropped_without_go_is_killed() {
        let temp = tempfile::tempdir().unwrap();
        let marker = format!("sleep 61{}", std::process::id() % 1000);
        let mut cmd = Command::new("sh");
        cmd.args(["-c", &format!("cat; {marker}")]);
        let primed = prime_sandboxed(cmd, &sandbox_in(temp.path()), 4096).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        drop(primed);
        let alive = || {
            std::fs::read_dir("/proc").unwrap().flatten().any(|entry| {
                std::fs::read(entry.path().join("cmdline"))
                    .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(&marker))
            })
        };
        // Inside bubblewrap the command dies with its sandbox, a moment after it.
        let until = std::time::Instant::now() + Duration::from_secs(2);
        while alive() && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!alive(), "the primed child outlived its drop");
    }

    #[cfg(unix)]
    #[test]
    fn a_child_past_its_time_limit_is_killed_and_reported_as_timed_out() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "sleep 30"]);
        let limits = Limits {
            wall: Duration::from_millis(200),
            output_cap: 1024,
        };
        let finished = run(cmd, limits).unwrap();
        assert_eq!(finished.termination, Termination::TimedOut);
    }

    #[cfg(unix)]
    #[test]
    fn a_grandchild_holding_the_output_open_is_killed_with_its_group() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "sleep 30 & echo started"]);
        let limits = Limits {
            wall: Duration::from_secs(20),
            output_cap: 1024,
        };
        let finished = run(cmd, limits).unwrap();
        assert!(finished.termination.success());
        // Had the sleeping grandchild survived, it would hold stdout open and nothing would be read.
        assert_eq!(finished.stdout.text(), "started\n");
    }
}
