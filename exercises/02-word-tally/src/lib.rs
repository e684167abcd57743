//! Exercise 1.2: move strings into the result instead of cloning them.

/// Counts how often each word occurs in `words`.
///
/// Returns one `(word, count)` pair per distinct word, the most frequent first; words with the
/// same count are in alphabetical (byte) order.
///
/// `tally` takes the `Vec` by value: the caller hands the words over, so each distinct word can
/// be moved into the result as it is. No `String` needs to be cloned.
pub fn tally(words: Vec<String>) -> Vec<(String, usize)> {
    let _ = words;
    todo!(
        "count how often each word occurs and return the (word, count) pairs, most frequent first \
         and ties in alphabetical order; you own `words`, so move each String into the result \
         instead of cloning it"
    )
}
