//! The control of the benchmark's parallel measurements: work that needs no memory, no lock
//! and no Python, so it runs as fast on every core at once as on one. Where a claim of parallel
//! speed-up shows 1x and this control shows 1x too, the machine had no core to spare; where the
//! control shows 2x and the claim 1x, the code is what does not scale.
//!
//! Called from Python with `ctypes`, which lets go of the GIL around every call.

use std::hint::black_box;
use std::thread;

/// `iterations` steps of a xorshift generator: a few ns each, all in registers.
fn spin(iterations: u64) -> u64 {
    let mut x = black_box(0x9E37_79B9_7F4A_7C15_u64);
    let mut sum = 0_u64;
    for _ in 0..iterations {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        sum = sum.wrapping_add(x);
    }
    sum
}

/// The work on the calling thread.
#[unsafe(no_mangle)]
pub extern "C" fn oxi_spin(iterations: u64) -> u64 {
    spin(iterations)
}

/// The same amount of work shared out over `threads` Rust threads (scoped: all joined here).
#[unsafe(no_mangle)]
pub extern "C" fn oxi_spin_threads(iterations: u64, threads: u32) -> u64 {
    let threads = u64::from(threads.max(1));
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|i| {
                let share = iterations / threads + u64::from(i < iterations % threads);
                scope.spawn(move || spin(share))
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("spin does not panic")).fold(0, u64::wrapping_add)
    })
}
