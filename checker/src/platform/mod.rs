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

use std::io;
use std::process::{ChildStderr, ChildStdout, Command, ExitStatus};

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

pub use native::{command_word, name_of_signal, restore_default_sigpipe, termination_of};

/// Limits on learner code beyond time and output, applied where the OS allows.
#[derive(Debug, Clone, Copy)]
pub struct Sandbox {
    /// Address space per process in bytes: allocating beyond it fails.
    pub memory_bytes: u64,
    /// The largest file a process may write, in bytes.
    pub file_size_bytes: u64,
    /// Run in a network of its own whose only interface is loopback.
    pub loopback_only: bool,
}

/// Applies `sandbox` to the process `cmd` will start, as far as this OS allows. The first time,
/// it says what is not enforced here, once per checker run.
pub fn confine(cmd: &mut Command, sandbox: Sandbox) {
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
        }
    });
    native::confine(cmd, sandbox);
}

/// What the sandbox enforces on this machine: each limit, and whether it holds here.
pub fn enforced() -> Vec<(&'static str, bool)> {
    native::enforced()
}

/// A running child and every process it starts: killing the tree kills them all.
pub struct ProcessTree {
    child: Box<dyn ChildWrapper>,
    /// The root's process id, which names the tree (its process group on Unix).
    id: u32,
}

impl ProcessTree {
    /// Starts `cmd` as the root of a tree of its own (a process group, or a Job Object).
    pub fn spawn(cmd: Command) -> io::Result<ProcessTree> {
        let mut wrapped = CommandWrap::from(cmd);
        native::own_tree(&mut wrapped);
        let child = wrapped.spawn()?;
        let id = child.id();
        Ok(ProcessTree { child, id })
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

    /// Kills every process left in the tree, the root too if it still runs, and waits (a
    /// little, no more) until they are gone. Never fails: a tree that is already gone is what
    /// we want.
    pub fn kill(&mut self) {
        let _ = self.child.start_kill();
        native::await_tree_gone(self.id);
    }
}
