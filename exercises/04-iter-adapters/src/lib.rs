//! Exercise 1.4: iterators and closures instead of index loops.

/// The Fibonacci numbers 0, 1, 1, 2, 3, 5, 8, ...: an iterator that works out each number only
/// when it is asked for the next one, like a Python generator.
///
/// It ends (`next` returns `None`) after F(93) = 12200160415121876738, the largest Fibonacci
/// number that fits in a `u64`, instead of overflowing.
#[derive(Debug)]
pub struct Fibonacci {
    /// The number the next call to `next` returns; `None` once the sequence has ended.
    current: Option<u64>,
    /// The number after that one; `None` when it would not fit in a `u64`.
    following: Option<u64>,
}

impl Fibonacci {
    /// A new sequence, starting at 0.
    pub fn new() -> Self {
        Fibonacci {
            current: Some(0),
            following: Some(1),
        }
    }
}

impl Default for Fibonacci {
    fn default() -> Self {
        Fibonacci::new()
    }
}

impl Iterator for Fibonacci {
    type Item = u64;

    /// Python's `__next__`: the next number, or `None` (Python's `StopIteration`) at the end.
    fn next(&mut self) -> Option<u64> {
        let _ = (self.current, self.following);
        todo!(
            "return the current number (None if the sequence has ended) and step on: the following \
             number becomes the current one, and the new following one is their sum, or None when \
             the sum does not fit in a u64 (`checked_add`)"
        )
    }
}

/// The sum of the even Fibonacci numbers below `limit`.
///
/// Python: `sum(n for n in takewhile(lambda n: n < limit, fibonacci()) if n % 2 == 0)`.
pub fn even_sum_below(limit: u64) -> u64 {
    let _ = limit;
    todo!(
        "chain adapters on Fibonacci::new() (write its `next` first): take the numbers while \
         they are below `limit`, keep the even ones and add them up; closures, no loop"
    )
}

/// The words of at least `min_len` characters (not bytes), in order, computed lazily: each
/// `next` on the result pulls from `words` only until it has found one more long word.
///
/// Python: `(word for word in words if len(word) >= min_len)`.
pub fn long_words<'a>(
    words: impl Iterator<Item = &'a str>,
    min_len: usize,
) -> impl Iterator<Item = &'a str> {
    let _ = (words, min_len);
    // Replace this line. It is an iterator whose every `next` panics, so the crate compiles
    // until you write yours.
    std::iter::from_fn(|| {
        todo!(
            "return `words` with an adapter that keeps the words of at least `min_len` chars; the \
             closure must own its copy of `min_len` (`move`), since it outlives this call; do not \
             collect into a Vec"
        )
    })
}

/// Numbers the items from 1, as `1. first`, `2. second`, ...
///
/// Python: `[f"{i}. {item}" for i, item in enumerate(items, start=1)]`.
pub fn numbered<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let _ = items;
    todo!(
        "pair each item with its index (`enumerate`), format it as `N. item` counting from 1, \
         and collect the Strings"
    )
}
