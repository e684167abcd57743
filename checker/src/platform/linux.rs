//! Linux only: learner code inside bubblewrap's namespaces (PID, mount, network, IPC, UTS),
//! and where bubblewrap is missing, a network namespace of the process's own with loopback up.

#![allow(unsafe_code)]

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use nix::sched::{CloneFlags, unshare};

use super::Sandbox;

/// The system's own folders, which every program needs and which hold nothing of a user's:
/// programs, libraries, configuration. Not /home, /root, /tmp, /var, /run, /mnt, /media, /srv
/// or /opt, where a user's files, other learners' copies or a course may lie.
const SYSTEM: [&str; 10] = [
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/sys", "/nix",
];

/// bubblewrap's options for learner code. PID namespace: when the command ends, the kernel kills
/// all it started, a new session too. Mount namespace: an empty root with the system's own
/// folders and `readable` read-only, `writable` (the scratch space, the temporary directory, a
/// build's target directory) writable, and a /dev and /proc of its own. `--die-with-parent`:
/// nothing goes on if the checker is killed.
fn bubblewrap_options(
    loopback_only: bool,
    readable: &[PathBuf],
    writable: &[PathBuf],
) -> Vec<OsString> {
    let mut options: Vec<OsString> = [
        "--die-with-parent",
        "--new-session",
        "--unshare-all",
        "--cap-drop",
        "ALL",
    ]
    .map(OsString::from)
    .to_vec();
    if !loopback_only {
        options.push("--share-net".into());
    }
    let mut add = |words: &[&std::ffi::OsStr]| options.extend(words.iter().map(OsString::from));
    for dir in SYSTEM.map(Path::new) {
        match std::fs::read_link(dir) {
            // Merged /usr: /bin is a link to usr/bin, and stays one.
            Ok(target) => add(&["--symlink".as_ref(), target.as_os_str(), dir.as_os_str()]),
            Err(_) if dir.is_dir() => add(&["--ro-bind".as_ref(), dir.as_ref(), dir.as_ref()]),
            Err(_) => {}
        }
    }
    add(&[
        "--dev".as_ref(),
        "/dev".as_ref(),
        "--proc".as_ref(),
        "/proc".as_ref(),
    ]);
    // A folder inside another is mounted after it, a writable one after a readable one of the
    // same path; paths are resolved first: through a link, bubblewrap cannot make its mounts.
    let mut mounts: Vec<(PathBuf, bool)> = readable
        .iter()
        .map(|path| (path, false))
        .chain(writable.iter().map(|path| (path, true)))
        .filter_map(|(path, write)| Some((std::fs::canonicalize(path).ok()?, write)))
        .collect();
    mounts.sort_by_key(|(path, write)| (path.components().count(), *write));
    mounts.dedup();
    for (path, write) in &mounts {
        let how = if *write { "--bind" } else { "--ro-bind" };
        add(&[how.as_ref(), path.as_os_str(), path.as_os_str()]);
    }
    options
}

/// `cmd` as bubblewrap's command, in the view `sandbox` gives, where bubblewrap works here;
/// `None` where it does not.
pub fn wrap_in_namespaces(cmd: &Command, sandbox: &Sandbox) -> Option<Command> {
    if !bubblewrap_works() {
        return None;
    }
    let mut wrapper = Command::new("bwrap");
    let mut writable = vec![sandbox.scratch.clone(), sandbox.temp.clone()];
    writable.extend(sandbox.writable.iter().cloned());
    wrapper.args(bubblewrap_options(
        sandbox.loopback_only,
        &sandbox.readable,
        &writable,
    ));
    if let Some(dir) = cmd.get_current_dir() {
        wrapper.arg("--chdir").arg(dir);
        wrapper.current_dir(dir);
    }
    wrapper
        .arg("--")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    wrapper.env_clear();
    for (name, value) in cmd.get_envs() {
        if let Some(value) = value {
            wrapper.env(name, value);
        }
    }
    Some(wrapper)
}

/// Where bubblewrap cannot run (a Docker container such as Gradescope's, say): a Landlock ruleset
/// that lets the process write only beneath the sandbox's scratch, temporary directory and
/// `writable` (and to /dev), and, on Linux 6.12 and later, signal only processes of its own
/// sandbox (not the checker), to be enforced between fork and exec. Reads stay free. `Ok(None)` where the kernel
/// has no Landlock; an error where it has, but the ruleset could not be made: the process must
/// then not start at all, rather than start unconfined while `doctor` says writes are confined.
pub fn write_confinement(sandbox: &Sandbox) -> Result<Option<landlock::RulesetCreated>, ()> {
    use landlock::{
        ABI, Access, AccessFs, Ruleset, RulesetAttr, RulesetCreatedAttr, Scope, path_beneath_rules,
    };
    if !landlock_works() {
        return Ok(None);
    }
    // Rights of newer kernels (truncate, device ioctls) are handled where the kernel knows them.
    let abi = ABI::V5;
    let shared_memory = std::path::Path::new("/dev/shm");
    let mut writable = vec![
        sandbox.scratch.as_path(),
        sandbox.temp.as_path(),
        "/dev/null".as_ref(),
    ];
    writable.extend(sandbox.writable.iter().map(PathBuf::as_path));
    // Python's multiprocessing makes its semaphores there, where the system has it.
    if shared_memory.is_dir() {
        writable.push(shared_memory);
    }
    Ruleset::default()
        .handle_access(AccessFs::from_write(abi))
        // Dropped, as each right a kernel does not know, where the kernel is older.
        .and_then(|ruleset| ruleset.scope(Scope::from_all(ABI::V6)))
        .and_then(|ruleset| ruleset.create())
        .and_then(|ruleset| {
            ruleset.add_rules(path_beneath_rules(writable, AccessFs::from_write(abi)))
        })
        .map(Some)
        .map_err(drop)
}

/// Where bubblewrap cannot run and the checker runs as root (a Docker container, say): learner
/// code keeps root's user but none of its capabilities, then or after any `execve` (which gives
/// root only what the bounding set holds, here nothing). Else `CAP_SYS_PTRACE` would open a
/// non-dumpable pytest's memory and files (the pytest guard's), and `CAP_SYS_ADMIN` undo the
/// network namespace. To be called between fork and exec, after all that needs a capability:
/// only system calls. Errors are ignored: EPERM where there is nothing to drop (not root),
/// EINVAL for a capability this kernel does not know.
pub fn drop_capabilities() {
    use rustix::thread::{CapabilitySet, remove_capability_from_bounding_set};
    for capability in CapabilitySet::all().iter() {
        let _ = remove_capability_from_bounding_set(capability);
    }
}

/// Makes the checker's own process not dumpable: its `/proc/PID/environ` (the grader's tokens),
/// memory and open files are then closed to every process without `CAP_SYS_PTRACE`, learner
/// code of the same user included, where no PID namespace hides the checker from it (Landlock
/// alone, in a container). Children start dumpable again at `execve`.
pub fn keep_own_process_private() {
    use rustix::process::{DumpableBehavior, set_dumpable_behavior};
    let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
}

/// Whether this kernel enforces Landlock's first rights (Linux 5.13 and later, when enabled).
pub fn landlock_works() -> bool {
    use landlock::{ABI, AccessFs, CompatLevel, Compatible, Ruleset, RulesetAttr};
    static WORKS: OnceLock<bool> = OnceLock::new();
    *WORKS.get_or_init(|| {
        Ruleset::default()
            .set_compatibility(CompatLevel::HardRequirement)
            .handle_access(AccessFs::from_write(ABI::V1))
            .and_then(|ruleset| ruleset.create())
            .is_ok()
    })
}

/// Whether this kernel keeps a Landlock sandbox from signalling processes outside it (Linux 6.12
/// and later, Landlock's sixth version).
pub fn landlock_scopes_signals() -> bool {
    use landlock::{CompatLevel, Compatible, Ruleset, RulesetAttr, Scope};
    static WORKS: OnceLock<bool> = OnceLock::new();
    *WORKS.get_or_init(|| {
        Ruleset::default()
            .set_compatibility(CompatLevel::HardRequirement)
            .scope(Scope::Signal)
            .and_then(|ruleset| ruleset.create())
            .is_ok()
    })
}

/// Whether bubblewrap is installed and may make its namespaces here (a container, or a kernel
/// that forbids unprivileged user namespaces, may not let it); asked once.
pub fn bubblewrap_works() -> bool {
    static WORKS: OnceLock<bool> = OnceLock::new();
    *WORKS.get_or_init(|| {
        Command::new("bwrap")
            .args(bubblewrap_options(true, &[], &[]))
            .args(["--", "true"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    })
}

/// Moves the calling process into a new network namespace and brings its loopback up.
/// Called between fork and exec: system calls only, no allocation.
pub fn enter_loopback_only_network() -> io::Result<()> {
    // Root may make a network namespace directly; others inside a user namespace of their own.
    unshare(CloneFlags::CLONE_NEWNET)
        .or_else(|_| unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNET))
        .map_err(io::Error::from)?;
    bring_loopback_up()
}

/// nix has no wrapper for the interface-flags ioctl, so this one call goes through libc.
fn bring_loopback_up() -> io::Result<()> {
    // SAFETY: socket, ioctl and close are plain system calls; `request` is a zeroed `ifreq` we
    // own, named "lo" (NUL-terminated by the zeroing), and lives across both ioctl calls.
    unsafe {
        let socket = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if socket < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut request: libc::ifreq = std::mem::zeroed();
        request.ifr_name[0] = b'l' as libc::c_char;
        request.ifr_name[1] = b'o' as libc::c_char;
        let mut result = libc::ioctl(socket, libc::SIOCGIFFLAGS as _, &mut request);
        if result == 0 {
            request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            result = libc::ioctl(socket, libc::SIOCSIFFLAGS as _, &request);
        }
        let error = io::Error::last_os_error();
        libc::close(socket);
        if result == 0 { Ok(()) } else { Err(error) }
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::CommandExt;

    /// The capabilities in the status of a process started with `drop_capabilities`.
    fn capabilities_after_exec() -> String {
        let mut cmd = std::process::Command::new("grep");
        cmd.args(["^Cap", "/proc/self/status"]);
        // SAFETY: drop_capabilities only makes system calls.
        unsafe {
            cmd.pre_exec(|| {
                super::drop_capabilities();
                Ok(())
            });
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    }

    /// What the kernel then refuses is seen only by a grader that is not root (as root, the
    /// capabilities learner code lacks already close the checker's /proc files to it): the
    /// test asks the kernel what it will do.
    #[test]
    fn the_checkers_process_is_not_dumpable() {
        use rustix::process::{DumpableBehavior, dumpable_behavior, set_dumpable_behavior};
        super::keep_own_process_private();
        let now = dumpable_behavior();
        let _ = set_dumpable_behavior(DumpableBehavior::Dumpable);
        assert_eq!(now.unwrap(), DumpableBehavior::NotDumpable);
    }

    #[test]
    fn a_process_started_by_root_keeps_no_capability_after_exec() {
        if !rustix::process::geteuid().is_root() {
            eprintln!("not checked here: only root has capabilities to drop");
            return;
        }
        let status = capabilities_after_exec();
        for set in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"] {
            let line = status.lines().find(|line| line.starts_with(set)).unwrap();
            assert!(line.ends_with("0000000000000000"), "{status}");
        }
    }
}
