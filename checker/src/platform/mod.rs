//! Everything that differs between operating systems, behind one small interface: how a child
//! process tree is started and killed, how learner code is confined, and how a process's end is
//! named. One file per platform holds its code and all of the checker's `unsafe`.
//!
//! | | Linux | macOS, other Unix | Windows |
//! |---|---|---|---|
//! | kill the whole tree | process group | process group | Job Object |
//! | memory limit | `RLIMIT_AS` | set, not enforced by the kernel | not enforced |
//! | no core dumps | `RLIMIT_CORE` | `RLIMIT_CORE` | none are written |
//! | loopback-only network | network namespace | not enforced | not enforced |
//! | nothing outlives its run | PID namespace (bubblewrap) | not enforced | Job Object |
//! | writes only to scratch and temp (a build: target) | mount namespace (bubblewrap), else Landlock | not enforced | not enforced |
//! | reads only the course, venv, toolchain, system | mount namespace (bubblewrap) | not enforced | not enforced |
//! | no capability, even as root | bubblewrap, else an emptied bounding set | not enforced | not enforced |
//! | left-behind processes end before pytest's report, cannot trace pytest | subreaper, not dumpable (pytest's guard) | not enforced | not enforced |
//! | learner code cannot kill the checker | PID namespace, else Landlock (6.12+) | not enforced | not enforced |
//! | the checker's environment, memory and files closed to learner code | PID namespace (bubblewrap), else not dumpable | not enforced | not enforced |
//! | environment cleared | yes | yes | yes |
//!
//! On Linux the mount and PID namespaces come from bubblewrap (`bwrap`), where it is installed
//! and allowed to run: it is the sandbox of Flatpak, well kept, and needs no `unsafe` of ours.
//! Where it cannot run (a Docker container), Landlock still confines writes.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;
use std::process::{ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus};

use process_wrap::std::{ChildWrapper, CommandWrap};

#[cfg(target_os = "linux")]
mod linux;
#[cfg(unix)]
mod unix;
#[cfg(windows)]
mod windows;

#[cfg(unix)]
use unix as native;
#[cfg(windows)]
use windows as native;

pub use native::{
    c_linker, command_word, keep_own_process_private, name_of_signal, reads_confined,
    restore_default_sigpipe,
};

/// Limits on learner code beyond time and output, applied where the OS allows.
#[derive(Debug, Clone)]
pub struct Sandbox {
    /// Address space per process in bytes: allocating beyond it fails. (Not enforced on
    /// Windows, as `doctor` says.)
    #[cfg_attr(windows, allow(dead_code))]
    pub memory_bytes: u64,
    /// The largest file a process may write, in bytes. (Unix only.)
    #[cfg_attr(windows, allow(dead_code))]
    pub file_size_bytes: u64,
    /// Run in a network of its own whose only interface is loopback. (Linux only.)
    #[cfg_attr(windows, allow(dead_code))]
    pub loopback_only: bool,
    /// The exercise's own scratch space (`OXIDIZE_SCRATCH`): writable; kept between runs in
    /// the learner's own course, a new one for each grade of a copy.
    pub scratch: PathBuf,
    /// A private temporary directory for this run only (`TMPDIR`, `HOME`): writable.
    pub temp: PathBuf,
    /// What it may read besides the system's own folders (the course copy, the venv, the
    /// target directory, the toolchain). Where bubblewrap runs nothing else of the machine is in
    /// view: not the grading user's home, not another learner's copy, not the pristine
    /// course's `solutions/`.
    pub readable: Vec<PathBuf>,
    /// What it may write besides `scratch` and `temp` (a build's target directory). (Linux
    /// only: elsewhere nothing confines writes.)
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    pub writable: Vec<PathBuf>,
}

/// Variables learner code is given from the checker's own environment, besides the course's own
/// `OXIDIZE_*`: what programs need to start (and a test to run cargo), nothing that could hold a
/// secret (tokens, CI variables).
const PASSED_THROUGH: &[&str] = &[
    "PATH",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LD_LIBRARY_PATH",
    "DYLD_LIBRARY_PATH",
    "DYLD_FALLBACK_LIBRARY_PATH",
    "CARGO",
    "RUSTUP_TOOLCHAIN",
    // How the course is built (not secrets): the same flags inside the sandbox as outside.
    "RUSTFLAGS",
    "CARGO_BUILD_JOBS",
    "CARGO_INCREMENTAL",
    // Windows cannot start Python (or open a socket) without these.
    "SYSTEMROOT",
    "SYSTEMDRIVE",
    "WINDIR",
    "COMSPEC",
    "PATHEXT",
    "NUMBER_OF_PROCESSORS",
    "PROCESSOR_ARCHITECTURE",
    // Where Visual Studio's linker is found from (vswhere, under Program Files).
    "PROGRAMFILES",
    "PROGRAMFILES(X86)",
    "PROGRAMW6432",
    "PROGRAMDATA",
];

/// The whole environment of learner code: `PASSED_THROUGH`, where cargo and rustup live (their
/// defaults are under the home directory, which learner code does not get), and the sandbox's
/// own directories as home and temporary directory. The command's own variables come on top.
fn environment(sandbox: &Sandbox) -> Vec<(OsString, OsString)> {
    let mut env: Vec<(OsString, OsString)> = PASSED_THROUGH
        .iter()
        .filter_map(|name| Some((OsString::from(name), std::env::var_os(name)?)))
        .collect();
    // The course's own settings (`OXIDIZE_SERVER_START_TIMEOUT`, ...) are for its tests.
    env.extend(
        std::env::vars_os().filter(|(name, _)| name.to_string_lossy().starts_with("OXIDIZE_")),
    );
    if let Ok(cargo_home) = home::cargo_home() {
        env.push(("CARGO_HOME".into(), cargo_home.into()));
    }
    if let Ok(rustup_home) = home::rustup_home() {
        env.push(("RUSTUP_HOME".into(), rustup_home.into()));
    }
    let temp = OsString::from(&sandbox.temp);
    for name in ["HOME", "USERPROFILE", "TMPDIR", "TMP", "TEMP"] {
        env.push((name.into(), temp.clone()));
    }
    env.push(("OXIDIZE_SCRATCH".into(), sandbox.scratch.clone().into()));
    env
}

/// The process `cmd` describes, confined by `sandbox` as far as this OS allows: its environment
/// cleared to `environment`, its limits set, and on Linux, inside bubblewrap where it runs.
/// The first time, it says what is not enforced here, once per checker run.
pub fn confine(mut cmd: Command, sandbox: &Sandbox) -> Command {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        let missing: Vec<&str> = enforced()
            .into_iter()
            .filter(|(_, works)| !works)
            .map(|(what, _)| what)
            .collect();
        if !missing.is_empty() {
            eprintln!(
                "note: on this system the checker cannot enforce, for learner code: {}.",
                missing.join("; ")
            );
            if let Some(advice) = advice() {
                eprintln!("      {advice}");
            }
        }
    });
    let own: Vec<(OsString, Option<OsString>)> = cmd
        .get_envs()
        .map(|(k, v)| (k.to_owned(), v.map(ToOwned::to_owned)))
        .collect();
    cmd.env_clear().envs(environment(sandbox));
    for (name, value) in own {
        match value {
            Some(value) => cmd.env(name, value),
            None => cmd.env_remove(name),
        };
    }
    native::confine(cmd, sandbox)
}

/// What the sandbox enforces on this machine: each limit, and whether it holds here.
pub fn enforced() -> Vec<(&'static str, bool)> {
    native::enforced()
}

/// How to make this machine enforce more, where something can be done.
pub fn advice() -> Option<&'static str> {
    native::advice()
}

/// A running child and every process it starts: killing the tree kills them all.
pub struct ProcessTree {
    child: Box<dyn ChildWrapper>,
    /// The root's process id, which names the tree (its process group on Unix).
    id: u32,
    /// The root is a wrapper (bubblewrap) that ends with 128 + N when its command died of signal N.
    reports_signals_as_codes: bool,
}

impl ProcessTree {
    /// Starts `cmd` as the root of a tree of its own (a process group, or a Job Object).
    pub fn spawn(cmd: Command) -> io::Result<ProcessTree> {
        let reports_signals_as_codes = native::reports_signals_as_codes(&cmd);
        let mut wrapped = CommandWrap::from(cmd);
        native::own_tree(&mut wrapped);
        let child = wrapped.spawn()?;
        let id = child.id();
        Ok(ProcessTree {
            child,
            id,
            reports_signals_as_codes,
        })
    }

    pub fn take_stdin(&mut self) -> Option<ChildStdin> {
        self.child.stdin().take()
    }

    pub fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.child.stdout().take()
    }

    pub fn take_stderr(&mut self) -> Option<ChildStderr> {
        self.child.stderr().take()
    }

    /// The root's exit status once it has ended, whatever its descendants still do (the
    /// process-group and Job Object wrappers both report the root, not the whole tree).
    pub fn try_wait_root(&mut self) -> io::Result<Option<ExitStatus>> {
        self.child.try_wait()
    }

    /// How the root ended, as the command inside any wrapper ended.
    pub fn termination_of(&self, status: ExitStatus) -> crate::run::Termination {
        native::termination_of(status, self.reports_signals_as_codes)
    }

    /// Kills every process left in the tree, the root too if it still runs, and waits (a
    /// little, no more) until they are gone. Never fails: a tree that is already gone is what
    /// we want.
    pub fn kill(&mut self) {
        let _ = self.child.start_kill();
        native::await_tree_gone(self.id);
    }

    /// `kill`, for a root that has not been waited for: it is reaped first, since an unreaped
    /// root still counts as a member of its tree.
    pub fn kill_and_reap(&mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait();
        native::await_tree_gone(self.id);
    }
}
