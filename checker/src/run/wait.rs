//! Waiting for a child to end, or for its time limit.

use std::io;
use std::thread;
use std::time::{Duration, Instant};

use super::Termination;
use crate::platform::ProcessTree;

/// Polls the tree's root until it ends or `limit` passes; then the whole tree is killed.
/// Polling starts fast (most test processes end within milliseconds) and slows to 5 ms: a
/// check waits on a few long children (cargo, pytest) in a row, and each loses half a pause on
/// average, while a poll costs microseconds; `tick` runs at each poll.
pub(super) fn until_end_or_limit(
    tree: &mut ProcessTree,
    limit: Instant,
    tick: &mut dyn FnMut(),
) -> io::Result<Termination> {
    let mut pause = Duration::from_millis(1);
    loop {
        tick();
        if let Some(status) = tree.try_wait_root()? {
            return Ok(tree.termination_of(status));
        }
        if Instant::now() >= limit {
            tree.kill();
            // Reap the root, so no zombie is left; the kill has already reached it.
            while tree.try_wait_root()?.is_none() {
                thread::sleep(Duration::from_millis(5));
            }
            return Ok(Termination::TimedOut);
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}
