//! Exercise 5.4: all the cores, with rayon, without the GIL.
//!
//! One call of a Rust function runs on one core. To use more, split the work into pieces and hand
//! them to a pool of threads: rayon does that for iterators (`into_par_iter()` instead of
//! `into_iter()`), keeping every thread busy by letting idle threads steal pieces from busy
//! ones. Two things must be true for this to help from Python: the pieces touch no Python object
//! (rayon's threads do not hold the GIL), and the calling thread releases the GIL while it waits
//! (`py.detach`), so that other Python threads run meanwhile.

use std::ops::Range;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

/// How many pieces `count_primes_parallel` cuts its range into: many more than there are
/// threads, so that a thread that finishes early takes another piece (large numbers cost more
/// to test than small ones, so equal ranges are not equal work).
pub const PIECES: u64 = 64;

/// Whether `n` is prime, by trial division: plain Rust, no Python object.
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut divisor = 2;
    while divisor <= n / divisor {
        if n % divisor == 0 {
            return false;
        }
        divisor += 1;
    }
    true
}

/// Counts the primes in `range`, one number after the other: the work of one piece. It passes
/// the `checkpoint`, if there is one, before it starts.
pub fn count_primes_in(range: Range<u64>, checkpoint: Option<&Checkpoint>) -> u64 {
    if let Some(checkpoint) = checkpoint {
        checkpoint.arrive();
    }
    range.filter(|&n| is_prime(n)).count() as u64
}

/// `0..limit` cut into `pieces` consecutive ranges (fewer when `limit` is small).
pub fn pieces(limit: u64, pieces: u64) -> Vec<Range<u64>> {
    let size = limit.div_ceil(pieces.max(1)).max(1);
    (0..limit)
        .step_by(size as usize)
        .map(|start| start..(start + size).min(limit))
        .collect()
}

/// The pool this module's parallel work runs on: two threads of its own, whatever the machine,
/// so that two pieces always run at the same time (the tests rely on it) and the module never
/// takes more than two cores.
pub fn pool() -> &'static ThreadPool {
    static POOL: OnceLock<ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        ThreadPoolBuilder::new()
            .num_threads(2)
            .thread_name(|i| format!("parallel-rayon-{i}"))
            .build()
            .expect("a pool of two threads")
    })
}

/// Counts the primes below `limit`: `PIECES` pieces, counted in parallel on `pool()`.
pub fn count_primes_parallel(limit: u64, checkpoint: Option<&Checkpoint>) -> u64 {
    pool().install(|| {
        pieces(limit, PIECES)
            .into_par_iter()
            .map(|range| count_primes_in(range, checkpoint))
            .sum()
    })
}

/// `parallel_rayon.count_primes(limit, checkpoint=None)` in Python: in parallel, without the GIL.
#[pyfunction]
#[pyo3(signature = (limit, checkpoint = None))]
fn count_primes(py: Python<'_>, limit: u64, checkpoint: Option<&Bound<'_, Checkpoint>>) -> u64 {
    // A `&Checkpoint` (not the Python object) may go to other threads: Checkpoint is Sync.
    let checkpoint = checkpoint.map(Bound::get);
    py.detach(|| count_primes_parallel(limit, checkpoint))
}

/// `parallel_rayon.count_primes_sequential(limit)` in Python: the same count on one core, with
/// the GIL held, to compare with.
#[pyfunction]
fn count_primes_sequential(limit: u64) -> u64 {
    count_primes_in(0..limit, None)
}

/// A meeting point for the tests. The first `tasks` pieces to reach it wait there until all of
/// them have arrived (and, with `wait_for_python`, until a Python thread has called `join`), for
/// at most `timeout`. They can all meet only if they run at the same time; the Python thread can
/// join only if the GIL is free while they wait. Once it is over, later pieces pass at once.
#[pyclass(frozen, module = "parallel_rayon")]
pub struct Checkpoint {
    tasks: usize,
    wait_for_python: bool,
    timeout: Duration,
    state: Mutex<Meeting>,
    changed: Condvar,
}

#[derive(Default)]
struct Meeting {
    rust_arrived: usize,
    python_arrived: bool,
    timed_out: bool,
}

impl Checkpoint {
    /// A checkpoint where `tasks` pieces (and a Python thread, if `wait_for_python`) must meet
    /// within `timeout`.
    pub fn new(tasks: usize, wait_for_python: bool, timeout: Duration) -> Self {
        Checkpoint {
            tasks,
            wait_for_python,
            timeout,
            state: Mutex::new(Meeting::default()),
            changed: Condvar::new(),
        }
    }

    fn complete(&self, meeting: &Meeting) -> bool {
        meeting.rust_arrived >= self.tasks && (meeting.python_arrived || !self.wait_for_python)
    }

    /// Waits, with the lock `meeting`, until everyone is there or the time is up.
    fn wait_for_the_others(&self, meeting: std::sync::MutexGuard<'_, Meeting>) -> bool {
        self.changed.notify_all();
        let (mut meeting, _) = self
            .changed
            .wait_timeout_while(meeting, self.timeout, |m| !self.complete(m) && !m.timed_out)
            .unwrap();
        if !self.complete(&meeting) {
            meeting.timed_out = true;
            self.changed.notify_all();
        }
        !meeting.timed_out
    }

    /// Called by a piece of work before it starts: the first `tasks` pieces wait here.
    pub fn arrive(&self) {
        let mut meeting = self.state.lock().unwrap();
        if meeting.rust_arrived >= self.tasks || meeting.timed_out {
            return;
        }
        meeting.rust_arrived += 1;
        self.wait_for_the_others(meeting);
    }

    /// The Python side's arrival: waits (without needing the GIL) until the meeting is complete
    /// or over; true if everyone met.
    pub fn join_blocking(&self) -> bool {
        let mut meeting = self.state.lock().unwrap();
        if meeting.timed_out {
            return false;
        }
        meeting.python_arrived = true;
        self.wait_for_the_others(meeting)
    }

    /// Whether everyone met in time.
    pub fn met(&self) -> bool {
        let meeting = self.state.lock().unwrap();
        self.complete(&meeting) && !meeting.timed_out
    }
}

#[pymethods]
impl Checkpoint {
    /// `Checkpoint(tasks=2, wait_for_python=False, timeout=10.0)` in Python.
    #[new]
    #[pyo3(signature = (tasks = 2, wait_for_python = false, timeout = 10.0))]
    fn py_new(tasks: usize, wait_for_python: bool, timeout: f64) -> PyResult<Self> {
        let timeout = Duration::try_from_secs_f64(timeout)
            .map_err(|_| PyValueError::new_err("timeout must be a non-negative number"))?;
        Ok(Checkpoint::new(tasks, wait_for_python, timeout))
    }

    /// How many pieces have reached the checkpoint and are (or were) waiting there.
    #[getter]
    fn rust_arrived(&self) -> usize {
        self.state.lock().unwrap().rust_arrived
    }

    /// Whether everyone met before the timeout.
    #[getter(met)]
    fn py_met(&self) -> bool {
        self.met()
    }

    /// Arrives from a Python thread and waits, with the GIL released, for the others; true if
    /// everyone met.
    fn join(&self, py: Python<'_>) -> bool {
        py.detach(|| self.join_blocking())
    }
}

/// The Python module `parallel_rayon`.
#[pymodule]
mod parallel_rayon {
    #[pymodule_export]
    use super::{Checkpoint, count_primes, count_primes_sequential};
}
