//! Exercise 3.14: Rust async, awaited from asyncio.
//!
//! A Rust `async fn` returns a future: a value that makes progress only when an executor polls
//! it. asyncio cannot poll a Rust future, so `pyo3_async_runtimes::tokio::future_into_py` runs it
//! on a tokio runtime and hands Python an `asyncio.Future` that completes when the Rust future
//! does: `await meeting.arrive(...)` in Python. While the Rust future waits, the Python thread
//! is free, so the event loop runs its other tasks meanwhile.
//!
//! The example is a rendezvous: `size` callers wait for each other at a `tokio::sync::Barrier`,
//! and none of them goes on until the last has arrived. It can only end if all of them wait at
//! the same time, which makes it a test of concurrency that needs no clock.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use pyo3::exceptions::{PyTimeoutError, PyValueError};
use pyo3::prelude::*;
use tokio::sync::Barrier;

/// Why a meeting did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetError {
    /// Fewer than `size` callers had arrived when this one's timeout ran out.
    TimedOut { arrived: usize, size: usize },
}

impl fmt::Display for MeetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetError::TimedOut { arrived, size } => {
                write!(f, "only {arrived} of {size} arrived before the timeout")
            }
        }
    }
}

impl std::error::Error for MeetError {}

/// A `MeetError` reaches Python as `TimeoutError`, raised where the caller awaits.
impl From<MeetError> for PyErr {
    fn from(error: MeetError) -> PyErr {
        PyTimeoutError::new_err(error.to_string())
    }
}

/// A meeting point for `size` async tasks, in plain Rust. Cloning it is cheap and every clone is
/// the same meeting: the barrier and the count are shared behind `Arc`s.
#[derive(Clone, Debug)]
pub struct Rendezvous {
    size: usize,
    barrier: Arc<Barrier>,
    waiting: Arc<AtomicUsize>,
}

impl Rendezvous {
    /// A meeting of `size` callers (at least 1).
    pub fn new(size: usize) -> Self {
        assert!(size > 0, "a meeting needs at least one caller");
        Rendezvous {
            size,
            barrier: Arc::new(Barrier::new(size)),
            waiting: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How many callers the meeting waits for.
    pub fn size(&self) -> usize {
        self.size
    }

    /// How many `meet` futures are waiting right now: a future that ends, fails or is dropped
    /// (cancelled) stops counting.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    /// Waits until `size` callers are at the meeting, but at most `timeout`.
    ///
    /// `Ok(true)` for exactly one caller of each meeting (its leader), `Ok(false)` for the others;
    /// `Err(MeetError::TimedOut)` if the others did not come in time.
    pub async fn meet(self, timeout: Duration) -> Result<bool, MeetError> {
        let _here = Waiting::enter(&self.waiting);
        let _ = timeout;
        todo!(
            "wait at the barrier, but no longer than `timeout` (tokio::time::timeout); say whether \
             this caller is the meeting's leader, or return MeetError::TimedOut with how many are \
             waiting now"
        )
    }
}

/// Counts one waiting caller for as long as it lives. It is dropped when its future ends, and
/// also when the future is dropped half-way (a cancelled asyncio task): Rust runs destructors
/// either way, so the count cannot go stale.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn enter(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Waiting(count)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// `py_async.Meeting(size)` in Python: a rendezvous that asyncio tasks await.
#[pyclass(frozen, module = "py_async")]
pub struct Meeting {
    rendezvous: Rendezvous,
}

#[pymethods]
impl Meeting {
    #[new]
    fn new(size: usize) -> PyResult<Self> {
        if size == 0 {
            return Err(PyValueError::new_err("a meeting needs at least one caller"));
        }
        Ok(Meeting {
            rendezvous: Rendezvous::new(size),
        })
    }

    /// How many callers the meeting waits for.
    #[getter]
    fn size(&self) -> usize {
        self.rendezvous.size()
    }

    /// How many callers are waiting right now.
    #[getter]
    fn waiting(&self) -> usize {
        self.rendezvous.waiting()
    }

    /// `await meeting.arrive(timeout)`: True for the one caller that leads the meeting, False for
    /// the others; raises TimeoutError (at the `await`) if the others do not come within
    /// `timeout` seconds.
    fn arrive<'py>(&self, py: Python<'py>, timeout: f64) -> PyResult<Bound<'py, PyAny>> {
        let timeout = Duration::try_from_secs_f64(timeout)
            .map_err(|_| PyValueError::new_err("timeout must be a non-negative number"))?;
        let _ = (py, timeout);
        todo!(
            "return an asyncio awaitable that runs `meet` on tokio (pyo3_async_runtimes), with a \
             clone of the rendezvous moved into it: the future outlives this call; a MeetError \
             must reach Python as an exception"
        )
    }
}

/// Sets up the tokio runtime that runs the futures, before its first use.
///
/// By default tokio starts one worker thread per core, and each thread reserves memory (its stack,
/// and an allocator arena of 64 MiB). On a machine with many cores that alone can pass the 4 GiB
/// of address space that the checker allows a test, so this runtime keeps to a few threads. The
/// futures here wait much more than they compute: two workers are plenty.
fn configure_runtime() {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all();
    pyo3_async_runtimes::tokio::init(builder);
}

/// The Python module `py_async`.
#[pymodule]
mod py_async {
    use pyo3::prelude::*;

    // TODO: export `Meeting` from this module, once `arrive` returns an awaitable.

    #[pymodule_init]
    fn init(_module: &Bound<'_, PyModule>) -> PyResult<()> {
        super::configure_runtime();
        Ok(())
    }
}
