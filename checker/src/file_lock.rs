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
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            eprintln!("Waiting for another checker that is using {waiting_for}...");
            file.lock()
                .with_context(|| format!("cannot lock {}", path.display()))?;
        }
        Err(TryLockError::Error(err)) => {
            return Err(err).with_context(|| format!("cannot lock {}", path.display()));
        }
    }
    Ok(file)
}
