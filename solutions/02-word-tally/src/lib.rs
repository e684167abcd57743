//! Exercise 1.2: move strings into the result instead of cloning them.

use std::collections::HashMap;

/// Counts how often each word occurs in `words`.
///
/// Returns one `(word, count)` pair per distinct word, the most frequent first; words with the
/// same count are in alphabetical (byte) order.
///
/// `tally` takes the `Vec` by value: the caller hands the words over, so each distinct word can
/// be moved into the result as it is. No `String` needs to be cloned.
pub fn tally(words: Vec<String>) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in words {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut tally: Vec<(String, usize)> = counts.into_iter().collect();
    tally.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tally
}
