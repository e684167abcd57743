//! Exercise 1.5: traits say what a type can do; generic functions ask for them.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

/// The `n` largest of `items`, largest first; all of them, sorted, when there are fewer than `n`.
/// Items that compare equal keep the order they had in `items`.
///
/// Python: `sorted(items, reverse=True)[:n]`.
///
/// One function for every type that can be compared and cloned: integers, strings, [`Score`]s.
pub fn top_n<T>(items: &[T], n: usize) -> Vec<T> {
    let _ = (items, n);
    todo!(
        "give T the bounds this needs (compare: `Ord`; copy out of the borrowed slice: `Clone`), \
         then return clones of the n largest items, largest first"
    )
}

/// How often each item occurs, for any item type a `HashMap` can use as a key.
///
/// Python: `collections.Counter(items)`.
pub fn count<T>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let _ = items;
    todo!(
        "give T the bounds a HashMap key needs (`Eq` and `std::hash::Hash`), then count each item \
         with `entry`"
    )
}

/// A name and its points, written `alice: 42`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub name: String,
    pub points: usize,
}

/// `Score::from(("alice", 42))`, and so also `("alice", 42).into()`.
impl From<(&str, usize)> for Score {
    fn from((name, points): (&str, usize)) -> Self {
        let _ = (name, points);
        todo!("build the Score from the pair: the name as an owned String, and the points")
    }
}

/// What `{}`, `println!` and `to_string()` show: `alice: 42`.
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!("write the name, a colon, a space and the points into `f` (`write!`)")
    }
}

/// What "larger" means for a `Score`: more points is larger; with equal points, the name that
/// comes first in alphabetical (byte) order is larger, so that `top_n` lists ties alphabetically.
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        let _ = other;
        todo!(
            "compare the points; when they are equal, compare the names the other way round \
             (other's name with self's), so that the alphabetically first name is the larger"
        )
    }
}

/// `<`, `>`, `<=` and `>=`: the same order as [`Ord`], which is always the right choice for a
/// type that is `Ord` at all.
impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The `n` most frequent words of `text` (split on whitespace) as `Score`s, the most frequent
/// first, ties in alphabetical order.
///
/// Python: `sorted(Counter(text.split()).items(), key=lambda wc: (-wc[1], wc[0]))[:n]`.
pub fn top_words(text: &str, n: usize) -> Vec<Score> {
    let _ = (text, n);
    todo!(
        "put the three together: `count` the words, turn each (word, count) pair into a Score \
         with `Score::from` (or `.into()`), and keep the `top_n`"
    )
}
