//! Exercise 3.13: release the GIL while Rust works or waits.
//!
//! A Python thread must hold the GIL (the global interpreter lock) to run Python code. A Rust
//! function called from Python starts out holding it, so by default every other Python thread
//! stops until it returns. Rust code that touches no Python object can hand the GIL back for a
//! while with `py.detach(|| ...)`: other Python threads run meanwhile, and several calls of the
//! same function run in parallel on several cores.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Counts the prime numbers below `limit`: long, pure-Rust work that needs no Python object.
pub fn count_primes(limit: u64) -> u64 {
    let _ = limit;
    todo!(
        "return how many prime numbers are below `limit` (none below 2); a sieve of Eratosthenes \
         is the classic way, and it is plain Rust"
    )
}

/// `release_the_gil.count_primes(limit)` in Python.
#[pyfunction(name = "count_primes")]
fn py_count_primes(py: Python<'_>, limit: u64) -> u64 {
    let _ = (py, limit);
    todo!(
        "run `count_primes` with the GIL released (py.detach), so that other Python threads keep \
         running meanwhile"
    )
}

/// A flag that Python threads can wait on, like `threading.Event`, written in Rust.
///
/// `frozen`: Python never gets a `&mut Flag`, so the methods take `&self` and the state lives
/// behind a `Mutex` and atomics, which any thread may touch without the GIL.
#[pyclass(frozen, module = "release_the_gil")]
pub struct Flag {
    is_set: Mutex<bool>,
    changed: Condvar,
    waiters: AtomicUsize,
}

impl Flag {
    /// Blocks this thread until the flag is set or `timeout` passes; true if the flag is set.
    /// Plain Rust: it neither needs nor touches the GIL.
    pub fn wait_blocking(&self, timeout: Duration) -> bool {
        self.waiters.fetch_add(1, Ordering::SeqCst);
        let guard = self.is_set.lock().unwrap();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |is_set| !*is_set)
            .unwrap();
        let is_set = *guard;
        drop(guard);
        self.waiters.fetch_sub(1, Ordering::SeqCst);
        is_set
    }
}

#[pymethods]
impl Flag {
    /// `Flag()` in Python: not set, nobody waiting.
    #[new]
    pub fn new() -> Self {
        Flag {
            is_set: Mutex::new(false),
            changed: Condvar::new(),
            waiters: AtomicUsize::new(0),
        }
    }

    /// Sets the flag and wakes every thread waiting on it.
    pub fn set(&self) {
        *self.is_set.lock().unwrap() = true;
        self.changed.notify_all();
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        *self.is_set.lock().unwrap()
    }

    /// How many threads are inside `wait` right now.
    #[getter]
    pub fn waiters(&self) -> usize {
        self.waiters.load(Ordering::SeqCst)
    }

    /// `flag.wait(timeout)` in Python: waits at most `timeout` seconds for the flag; true if set.
    fn wait(&self, py: Python<'_>, timeout: f64) -> PyResult<bool> {
        let timeout = Duration::try_from_secs_f64(timeout)
            .map_err(|_| PyValueError::new_err("timeout must be a non-negative number"))?;
        let _ = (py, timeout);
        todo!(
            "wait for the flag with `wait_blocking` while the GIL is released (py.detach): holding \
             the GIL while blocked would stop the very thread that is meant to set the flag"
        )
    }
}

impl Default for Flag {
    fn default() -> Self {
        Self::new()
    }
}

/// The Python module `release_the_gil`.
#[pymodule]
mod release_the_gil {
    #[pymodule_export]
    use super::{Flag, py_count_primes};
}
