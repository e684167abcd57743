//! Unix (Linux, macOS, the BSDs): process groups, resource limits and signals through nix.

#![allow(unsafe_code)]

use std::io;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus};

use nix::sys::resource::{Resource, setrlimit};
use nix::sys::signal::{SigHandler, Signal, signal};
use process_wrap::std::{CommandWrap, ProcessGroup};

use super::Sandbox;
use crate::run::Termination;

/// The child leads a process group of its own: one signal reaches it and all it started.
pub fn own_tree(cmd: &mut CommandWrap) {
    cmd.wrap(ProcessGroup::leader());
}

/// Waits until no process is left in the group `leader` led, for up to two seconds: a killed
/// process takes a moment to die, and a busy machine makes that moment longer.
pub fn await_tree_gone(leader: u32) {
    use nix::sys::signal::killpg;
    use nix::unistd::Pid;
    let group = Pid::from_raw(leader as i32);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(2);
    // Signal "none" only asks whether the group still has a member.
    while killpg(group, None).is_ok() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Applies `sandbox` to the process `cmd` will start: resource limits between fork and exec
/// (a wrapper passes them on to all it starts), then, on Linux, bubblewrap's namespaces where it
/// runs, or else a network namespace of our own.
pub fn confine(mut cmd: Command, sandbox: &Sandbox) -> Command {
    let memory = sandbox.memory_bytes;
    let file_size = sandbox.file_size_bytes;
    let wrapped = wrap_in_namespaces(&cmd, sandbox);
    let in_namespaces = wrapped.is_some();
    let own_network = !in_namespaces && sandbox.loopback_only && loopback_only_network_works();
    let mut writes = match wrapped {
        Some(wrapper) => {
            cmd = wrapper;
            Ok(None)
        }
        None => write_confinement(sandbox),
    };
    // SAFETY: the closure runs in the child between fork and exec; it only makes system calls
    // (setrlimit, unshare, socket, ioctl, close, prctl, landlock_restrict_self) and allocates
    // nothing: the Landlock ruleset was made before the fork.
    unsafe {
        cmd.pre_exec(move || {
            set_limit(Resource::RLIMIT_AS, memory)?;
            set_limit(Resource::RLIMIT_CORE, 0)?;
            set_limit(Resource::RLIMIT_FSIZE, file_size)?;
            if own_network {
                enter_loopback_only_network()?;
            }
            match std::mem::replace(&mut writes, Ok(None)) {
                Ok(Some(ruleset)) => confine_writes(ruleset)?,
                Ok(None) => {}
                // A plain error kind: no allocation between fork and exec.
                Err(()) => return Err(io::ErrorKind::PermissionDenied.into()),
            }
            // bubblewrap drops them all itself (`--cap-drop ALL`).
            if !in_namespaces {
                drop_capabilities();
            }
            Ok(())
        });
    }
    cmd
}

#[cfg(target_os = "linux")]
use super::linux::{
    bubblewrap_works, drop_capabilities, landlock_scopes_signals, landlock_works,
    wrap_in_namespaces, write_confinement,
};

#[cfg(target_os = "linux")]
pub use super::linux::keep_own_process_private;

/// Elsewhere a process of the same user may read the checker's environment: not enforced.
#[cfg(not(target_os = "linux"))]
pub fn keep_own_process_private() {}

#[cfg(target_os = "linux")]
fn confine_writes(ruleset: landlock::RulesetCreated) -> io::Result<()> {
    ruleset.restrict_self().map(drop).map_err(io::Error::other)
}

/// Elsewhere there is neither bubblewrap nor Landlock: the command runs as it is.
#[cfg(not(target_os = "linux"))]
fn wrap_in_namespaces(_cmd: &Command, _sandbox: &Sandbox) -> Option<Command> {
    None
}

/// Capabilities are Linux's.
#[cfg(not(target_os = "linux"))]
fn drop_capabilities() {}

#[cfg(not(target_os = "linux"))]
fn bubblewrap_works() -> bool {
    false
}

#[cfg(not(target_os = "linux"))]
fn landlock_works() -> bool {
    false
}

#[cfg(not(target_os = "linux"))]
fn landlock_scopes_signals() -> bool {
    false
}

#[cfg(not(target_os = "linux"))]
fn write_confinement(_sandbox: &Sandbox) -> Result<Option<std::convert::Infallible>, ()> {
    Ok(None)
}

#[cfg(not(target_os = "linux"))]
fn confine_writes(never: std::convert::Infallible) -> io::Result<()> {
    match never {}
}

/// Whether learner code, built or run, sees only its view of the machine (bubblewrap).
pub fn reads_confined() -> bool {
    bubblewrap_works()
}

/// Whether `cmd` runs its command inside bubblewrap, which ends with 128 + N when the command
/// died of signal N.
pub fn reports_signals_as_codes(cmd: &Command) -> bool {
    cfg!(target_os = "linux") && bubblewrap_works() && cmd.get_program() == "bwrap"
}

fn set_limit(resource: Resource, value: u64) -> io::Result<()> {
    setrlimit(resource, value, value).map_err(io::Error::from)
}

#[cfg(target_os = "linux")]
use super::linux::enter_loopback_only_network;

#[cfg(not(target_os = "linux"))]
fn enter_loopback_only_network() -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "a network of a process's own exists on Linux only",
    ))
}

/// Whether this system lets a child have a network of its own; asked once.
fn loopback_only_network_works() -> bool {
    use std::process::Stdio;
    use std::sync::OnceLock;
    static WORKS: OnceLock<bool> = OnceLock::new();
    *WORKS.get_or_init(|| {
        let mut probe = Command::new("sh");
        probe
            .args(["-c", "exit 0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: as in `confine`.
        unsafe {
            probe.pre_exec(enter_loopback_only_network);
        }
        probe.status().is_ok_and(|status| status.success())
    })
}

/// How to get bubblewrap's namespaces on a Linux machine without them.
pub fn advice() -> Option<&'static str> {
    if !cfg!(target_os = "linux") || bubblewrap_works() {
        None
    } else if std::process::Command::new("bwrap")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
    {
        Some(
            "bwrap is installed but may not make namespaces here (a container, or a kernel that \
             forbids unprivileged user namespaces): grade on a machine where `bwrap --unshare-all \
             --ro-bind / / true` works.",
        )
    } else {
        Some(
            "install bubblewrap and the checker uses it (Debian, Ubuntu: `sudo apt install \
             bubblewrap`; Fedora: `sudo dnf install bubblewrap`; Arch: `sudo pacman -S bubblewrap`).",
        )
    }
}

/// What the sandbox enforces here.
pub fn enforced() -> Vec<(&'static str, bool)> {
    vec![
        (
            "the whole process tree killed at the end (process group)",
            true,
        ),
        // macOS accepts RLIMIT_AS but its kernel does not enforce it.
        ("a memory limit (RLIMIT_AS)", !cfg!(target_os = "macos")),
        ("no core dumps (RLIMIT_CORE)", true),
        ("a file-size limit (RLIMIT_FSIZE)", true),
        (
            "a loopback-only network",
            bubblewrap_works() || loopback_only_network_works(),
        ),
        (
            "nothing outlives its run, not even a new session (PID namespace: bubblewrap)",
            bubblewrap_works(),
        ),
        (
            "writes only to the exercise's scratch and a private temporary directory, a build \
             only to the target directory (mount namespace: bubblewrap, or Landlock)",
            bubblewrap_works() || landlock_works(),
        ),
        (
            "reads, and compiles in, only the course, the venv, the toolchain and the system \
             (not the grader's home, other learners' copies or the solutions: bubblewrap)",
            bubblewrap_works(),
        ),
        (
            "no capability, even where the checker runs as root (bubblewrap, or an emptied \
             bounding set)",
            cfg!(target_os = "linux"),
        ),
        (
            "what the tests leave behind ends before pytest writes its report, and cannot trace \
             pytest (child subreaper, not dumpable: Linux)",
            cfg!(target_os = "linux"),
        ),
        (
            "learner code cannot kill the checker (PID namespace: bubblewrap, or Landlock's \
             signal scope, Linux 6.12 and later)",
            bubblewrap_works() || landlock_works() && landlock_scopes_signals(),
        ),
        (
            "learner code cannot read the checker's environment (its tokens), memory or files \
             (PID namespace: bubblewrap, or the checker not dumpable: Linux)",
            cfg!(target_os = "linux"),
        ),
        (
            "an environment cleared of all but what builds and tests need",
            true,
        ),
    ]
}

/// How a child ended: its exit code, or the signal that killed it (which a wrapper reports as
/// 128 + the signal's number).
pub fn termination_of(status: ExitStatus, signals_as_codes: bool) -> Termination {
    match (status.code(), status.signal()) {
        (Some(code), _)
            if signals_as_codes && code > 128 && Signal::try_from(code - 128).is_ok() =>
        {
            Termination::Signalled(code - 128)
        }
        (Some(code), _) => Termination::Exited(code),
        (None, Some(signal)) => Termination::Signalled(signal),
        (None, None) => Termination::Exited(-1),
    }
}

/// The name of a signal on this system, e.g. "SIGSEGV" (numbers differ: 7 is SIGBUS on Linux,
/// SIGEMT on macOS).
pub fn name_of_signal(number: i32) -> String {
    Signal::try_from(number).map_or_else(|_| format!("signal {number}"), |s| s.as_str().to_string())
}

/// `cargo checker list | head` closes our stdout early: end quietly, as Unix tools do, instead
/// of panicking on the broken pipe.
pub fn restore_default_sigpipe() {
    // SAFETY: restoring the default action of a signal, before any thread starts; no handler of
    // ours is replaced.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
}

/// `word` quoted as one word of a command line that Python's `shlex.split` reads back (the
/// gRPC fixture reads `OXIDIZE_SERVER` so): a course path with a space stays one word.
pub fn command_word(word: &str) -> String {
    shlex::try_quote(word).map_or_else(|_| word.to_string(), |quoted| quoted.into_owned())
}

/// The C linker Rust needs: Xcode's command line tools on macOS (`cc` is a stub that asks to
/// install them until they are), the system's `cc` elsewhere. `Ok` says what was found.
pub fn c_linker(_rust_host: Option<&str>) -> Result<String, String> {
    if cfg!(target_os = "macos") {
        return match std::process::Command::new("xcode-select")
            .arg("-p")
            .output()
        {
            Ok(out) if out.status.success() => Ok(format!(
                "Xcode's command line tools, at {}",
                String::from_utf8_lossy(&out.stdout).trim()
            )),
            _ => Err(
                "xcode-select --install   (Xcode's command line tools: the linker and \
                      the macOS SDK Rust links with; a few minutes, once)"
                    .to_string(),
            ),
        };
    }
    match std::process::Command::new("cc").arg("--version").output() {
        Ok(out) if out.status.success() => Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("cc")
            .trim()
            .to_string()),
        _ => Err(
            "install a C compiler, which Rust links with: `sudo apt install build-essential` \
                  (Debian, Ubuntu), `sudo dnf install gcc` (Fedora), `sudo pacman -S base-devel` \
                  (Arch)"
                .to_string(),
        ),
    }
}
