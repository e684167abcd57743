//! Exercise 1.5: traits say what a type can do; generic functions ask for them.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

/// The `n` largest of `items`, largest first; all of them, sorted, when there are fewer than `n`.
/// Items that compare equal keep the order they had in `items`.
///
/// Python: `sorted(items, reverse=True)[:n]`.
///
/// One function for every type that can be compared and cloned: integers, strings, [`Score`]s.
pub fn top_n<T: Ord + Clone>(items: &[T], n: usize) -> Vec<T> {
    let mut largest = items.to_vec();
    largest.sort_by(|a, b| b.cmp(a)); // b before a: largest first; a stable sort keeps ties
    largest.truncate(n);
    largest
}

/// How often each item occurs, for any item type a `HashMap` can use as a key.
///
/// Python: `collections.Counter(items)`.
pub fn count<T: Eq + Hash>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let mut counts = HashMap::new();
    for item in items {
        *counts.entry(item).or_insert(0) += 1;
    }
    counts
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
        Score {
            name: name.to_string(),
            points,
        }
    }
}

/// What `{}`, `println!` and `to_string()` show: `alice: 42`.
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.points)
    }
}

/// What "larger" means for a `Score`: more points is larger; with equal points, the name that
/// comes first in alphabetical (byte) order is larger, so that `top_n` lists ties alphabetically.
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.points
            .cmp(&other.points)
            .then_with(|| other.name.cmp(&self.name))
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
    let scores: Vec<Score> = count(text.split_whitespace())
        .into_iter()
        .map(Score::from)
        .collect();
    top_n(&scores, n)
}
