//! Runs every child process the checker starts (cargo, maturin, pytest, test binaries):
//! a wall-time limit, the whole process group killed when the child ends or times out
//! (grandchildren too), a cap on the output kept, and output that need not be UTF-8.

use std::io::{self, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long a child may run and how much of its output is kept.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub wall: Duration,
    /// Bytes kept per stream: the first half and the last half; the middle is counted and dropped.
    pub output_cap: usize,
}

/// Limits on learner code beyond time and output: memory, core dumps, and the network.
/// Applied where the OS allows (Unix; a network of its own only on Linux).
#[derive(Debug, Clone, Copy)]
pub struct Sandbox {
    /// Address space per process in bytes (RLIMIT_AS): allocating beyond it fails.
    pub memory_bytes: u64,
    /// Run in a network namespace of its own whose only interface is loopback.
    pub loopback_only: bool,
}

/// `run`, with learner code confined by `sandbox`.
pub fn run_sandboxed(mut cmd: Command, limits: Limits, sandbox: Sandbox) -> io::Result<Finished> {
    confine(&mut cmd, sandbox);
    run(cmd, limits)
}

#[cfg(unix)]
fn confine(cmd: &mut Command, sandbox: Sandbox) {
    use std::os::unix::process::CommandExt;
    let loopback_only = sandbox.loopback_only && network_isolation_works();
    let memory = sandbox.memory_bytes;
    // SAFETY: the closure runs in the child between fork and exec and only makes system calls.
    unsafe {
        cmd.pre_exec(move || {
            set_limit(libc::RLIMIT_AS, memory)?;
            set_limit(libc::RLIMIT_CORE, 0)?;
            if loopback_only {
                enter_loopback_only_network()?;
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn confine(_cmd: &mut Command, _sandbox: Sandbox) {}

#[cfg(unix)]
fn set_limit(resource: libc::__rlimit_resource_t, value: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value as libc::rlim_t,
        rlim_max: value as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass and changes only this process.
    if unsafe { libc::setrlimit(resource, &limit) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Whether this system lets a child have a network of its own; asked once, said once if not.
#[cfg(unix)]
fn network_isolation_works() -> bool {
    use std::os::unix::process::CommandExt;
    static WORKS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *WORKS.get_or_init(|| {
        let mut probe = Command::new("sh");
        probe.args(["-c", "exit 0"]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        // SAFETY: as in `confine`.
        unsafe {
            probe.pre_exec(enter_loopback_only_network);
        }
        let works = probe.status().is_ok_and(|status| status.success());
        if !works {
            eprintln!(
                "note: this system does not let the checker give learner code a loopback-only network, \
                 so its tests run with the machine's network."
            );
        }
        works
    })
}

/// Moves the calling process into a new network namespace and brings its loopback up.
#[cfg(target_os = "linux")]
fn enter_loopback_only_network() -> io::Result<()> {
    // SAFETY: unshare, socket, ioctl and close are plain system calls on values we own.
    unsafe {
        // Root may make a network namespace directly; others inside a user namespace of their own.
        if libc::unshare(libc::CLONE_NEWNET) != 0
            && libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET) != 0
        {
            return Err(io::Error::last_os_error());
        }
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

#[cfg(all(unix, not(target_os = "linux")))]
fn enter_loopback_only_network() -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "network namespaces are Linux's",
    ))
}

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termination {
    Exited(i32),
    /// Killed by this signal (Unix).
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

/// One output stream, capped: its head and tail, and how many bytes in between were dropped.
#[derive(Debug, Default)]
pub struct Captured {
    head: Vec<u8>,
    tail: Vec<u8>,
    dropped: u64,
    half_cap: usize,
}

impl Captured {
    fn with_cap(cap: usize) -> Captured {
        Captured {
            half_cap: (cap / 2).max(1),
            ..Captured::default()
        }
    }

    fn push(&mut self, mut bytes: &[u8]) {
        if self.head.len() < self.half_cap {
            let take = bytes.len().min(self.half_cap - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > self.half_cap {
            let excess = self.tail.len() - self.half_cap;
            self.tail.drain(..excess);
            self.dropped += excess as u64;
        }
    }

    /// The kept bytes, as text (invalid UTF-8 replaced), with a note where bytes were dropped.
    pub fn text(&self) -> String {
        let mut text = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            text.push_str(&format!(
                "\n[... {} bytes of output dropped ...]\n",
                self.dropped
            ));
        }
        text.push_str(&String::from_utf8_lossy(&self.tail));
        text
    }
}

/// Runs `cmd` (with no input) to its end or its time limit, and kills whatever it left behind.
pub fn run(mut cmd: Command, limits: Limits) -> io::Result<Finished> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    own_process_group(&mut cmd);
    let start = Instant::now();
    let mut child = cmd.spawn()?;

    let stdout = read_capped(child.stdout.take(), limits.output_cap);
    let stderr = read_capped(child.stderr.take(), limits.output_cap);

    let termination = wait_with_limit(&mut child, start, limits.wall)?;
    kill_process_group(&child);
    // A grandchild that left the process group may still hold the pipes open: wait a little, no more.
    let grace = Duration::from_secs(2);
    let stdout = stdout.recv_timeout(grace).unwrap_or_default();
    let stderr = stderr.recv_timeout(grace).unwrap_or_default();
    Ok(Finished {
        termination,
        stdout,
        stderr,
    })
}

fn wait_with_limit(child: &mut Child, start: Instant, wall: Duration) -> io::Result<Termination> {
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(termination_of(status));
        }
        if start.elapsed() >= wall {
            kill_process_group(child);
            let _ = child.kill();
            child.wait()?;
            return Ok(Termination::TimedOut);
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(25));
    }
}

fn read_capped<R: Read + Send + 'static>(pipe: Option<R>, cap: usize) -> mpsc::Receiver<Captured> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut captured = Captured::with_cap(cap);
        if let Some(mut pipe) = pipe {
            let mut buffer = [0u8; 64 * 1024];
            loop {
                match pipe.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => captured.push(&buffer[..n]),
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        }
        let _ = sender.send(captured);
    });
    receiver
}

#[cfg(unix)]
fn own_process_group(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
}

#[cfg(not(unix))]
fn own_process_group(_cmd: &mut Command) {}

/// Kills every process left in the child's process group (the child is its leader).
#[cfg(unix)]
fn kill_process_group(child: &Child) {
    let group = child.id() as libc::pid_t;
    // SAFETY: kill(2) with a negative pid signals a process group; it has no memory effects.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn kill_process_group(_child: &Child) {}

#[cfg(unix)]
fn termination_of(status: std::process::ExitStatus) -> Termination {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Termination::Exited(code),
        (None, Some(signal)) => Termination::Signalled(signal),
        (None, None) => Termination::Exited(-1),
    }
}

#[cfg(not(unix))]
fn termination_of(status: std::process::ExitStatus) -> Termination {
    Termination::Exited(status.code().unwrap_or(-1))
}

/// The conventional name of a Unix signal, e.g. 11 -> "SIGSEGV".
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        _ => return format!("{signal}"),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captured_output_keeps_head_and_tail_and_counts_the_rest() {
        let mut captured = Captured::with_cap(8);
        captured.push(b"abcdefghijklmnop");
        assert_eq!(captured.dropped, 8);
        assert_eq!(
            captured.text(),
            "abcd\n[... 8 bytes of output dropped ...]\nmnop"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn sandboxed_code_reaches_loopback_and_cannot_allocate_past_its_memory_limit() {
        let sandbox = Sandbox {
            memory_bytes: 512 << 20,
            loopback_only: true,
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
        let finished = run_sandboxed(cmd, limits, sandbox).unwrap();
        assert_eq!(
            finished.stdout.text(),
            "loopback works\n1 GiB refused\ninterfaces: ['lo']\n",
            "{}",
            finished.stderr.text()
        );
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
