//! Windows: a Job Object holds the child and all it starts, so one call ends the whole tree.
//! Memory and network limits are not enforced here (`enforced` says so).

use std::process::{Command, ExitStatus};

use process_wrap::std::{CommandWrap, JobObject};

use super::Sandbox;
use crate::run::Termination;

pub fn own_tree(cmd: &mut CommandWrap) {
    cmd.wrap(JobObject);
}

/// Terminating a Job Object ends its processes before it returns: nothing to wait for.
pub fn await_tree_gone(_leader: u32) {}

/// Nothing to apply before the child starts: a Job Object's limits are not set yet.
pub fn confine(cmd: Command, _sandbox: &Sandbox) -> Command {
    cmd
}

/// No wrapper runs the command on Windows.
pub fn reports_signals_as_codes(_cmd: &Command) -> bool {
    false
}

/// Nothing to install on Windows that the checker would use.
pub fn advice() -> Option<&'static str> {
    None
}

/// Nothing keeps learner code from reading what the grading user can read on Windows.
pub fn reads_confined() -> bool {
    false
}

pub fn enforced() -> Vec<(&'static str, bool)> {
    vec![
        (
            "the whole process tree killed at the end (Job Object)",
            true,
        ),
        ("a memory limit", false),
        ("no core dumps", true),
        ("a file-size limit", false),
        ("a loopback-only network", false),
        ("nothing outlives its run (Job Object)", true),
        (
            "writes only to the exercise's scratch and a private temporary directory",
            false,
        ),
        (
            "reads, and compiles in, only the course, the venv, the toolchain and the system \
             (not the grader's home, other learners' copies or the solutions)",
            false,
        ),
        (
            "no administrator rights, even where the checker has them",
            false,
        ),
        (
            "what the tests leave behind ends before pytest writes its report",
            false,
        ),
        ("learner code cannot kill the checker", false),
        (
            "learner code cannot read the checker's environment, memory or files",
            false,
        ),
        (
            "an environment cleared of all but what builds and tests need",
            true,
        ),
    ]
}

/// Windows has no signals: a crash shows as an exit code such as 0xC0000005 (access violation).
pub fn termination_of(status: ExitStatus, _signals_as_codes: bool) -> Termination {
    Termination::Exited(status.code().unwrap_or(-1))
}

pub fn name_of_signal(number: i32) -> String {
    format!("signal {number}")
}

/// Windows has no SIGPIPE.
pub fn restore_default_sigpipe() {}

/// Not enforced: a process of the same user may open the checker's.
pub fn keep_own_process_private() {}

/// `word` as one word of a command line: the gRPC fixture splits `OXIDIZE_SERVER` with
/// `shlex.split(posix=False)` and strips the double quotes.
pub fn command_word(word: &str) -> String {
    format!("\"{word}\"")
}

/// The linker Rust needs. rustup's default toolchain on Windows (`*-windows-msvc`, also what
/// is assumed before Rust is installed) links with Visual Studio's `link.exe`, which only the
/// Build Tools install; rustup's GNU toolchain brings its own. find-msvc-tools looks where
/// cargo's `cc` looks (the Visual Studio installer's records, the registry), not on PATH:
/// `link.exe` is rarely on it outside a developer prompt.
pub fn c_linker(rust_host: Option<&str>) -> Result<String, String> {
    let host = rust_host.unwrap_or("x86_64-pc-windows-msvc");
    if !host.contains("msvc") {
        return Ok(format!("rustup's own MinGW linker ({host})"));
    }
    match find_msvc_tools::find_tool(host, "link.exe") {
        Some(tool) => Ok(format!(
            "Visual Studio's link.exe, at {}",
            tool.path().display()
        )),
        None => Err(format!(
            "Rust on Windows ({host}) links with Visual Studio's link.exe, which was not found. \
             Install the Visual Studio Build Tools with the C++ workload, then open a new \
             terminal:\n    winget install --id Microsoft.VisualStudio.2022.BuildTools --override \
             \"--passive --wait --add Microsoft.VisualStudio.Workload.VCTools \
             --includeRecommended\"\n    (or https://visualstudio.microsoft.com/visual-cpp-build-tools/, \
             ticking \"Desktop development with C++\")"
        )),
    }
}
