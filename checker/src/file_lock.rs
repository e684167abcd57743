//! Exclusive file locks, so that checkers running at once take turns instead of breaking
//! each other's venv or build. A lock is released when its `File` is dropped.

use std::fs::{File, TryLockError};
use std::path::Path;

use anyhow::Context;

/// Locks `path` (created if needed), saying what it waits for when another checker holds it.
pub fn exclusive(path: &Path, waiting_for: &str) -> anyhow::Result<File> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    // A lock can be held for a moment by a child that another thread of ours is starting (the
    // child holds a copy of every open file until it runs its program): that is no other
    // checker, so only a wait longer than that is announced.
    let patience = std::time::Instant::now() + std::time::Duration::from_millis(200);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if std::time::Instant::now() < patience => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => {
                eprintln!("Waiting for another checker that is using {waiting_for}...");
                file.lock()
                    .with_context(|| format!("cannot lock {}", path.display()))?;
                return Ok(file);
            }
            Err(TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
    }
}
