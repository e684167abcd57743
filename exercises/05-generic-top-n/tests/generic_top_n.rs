use std::collections::HashMap;

use generic_top_n::{Score, count, top_n, top_words};

fn score(name: &str, points: usize) -> Score {
    Score {
        name: name.to_string(),
        points,
    }
}

#[test]
fn top_n_returns_the_largest_integers_largest_first() {
    assert_eq!(top_n(&[3, 10, -2, 7, 5], 3), vec![10, 7, 5]);
    assert_eq!(
        top_n(&[3, 1, 2], 10),
        vec![3, 2, 1],
        "fewer than n: all of them, sorted"
    );
    assert_eq!(top_n(&[4, 2], 0), Vec::<i32>::new());
}

#[test]
fn top_n_works_for_strings_too() {
    // The same function, a different type: &str and String compare alphabetically (by bytes).
    assert_eq!(top_n(&["fig", "pear", "apple"], 2), vec!["pear", "fig"]);
    let owned = vec!["b".to_string(), "c".to_string(), "a".to_string()];
    assert_eq!(top_n(&owned, 1), vec!["c".to_string()]);
}

#[test]
fn top_n_works_for_your_own_ord_type() {
    let scores = [score("alice", 42), score("bob", 50), score("carol", 7)];
    assert_eq!(
        top_n(&scores, 2),
        vec![score("bob", 50), score("alice", 42)]
    );
}

#[test]
fn a_score_with_more_points_is_larger_whatever_the_names() {
    assert!(score("bob", 50) > score("alice", 42));
    assert!(
        score("alice", 1) < score("zoe", 2),
        "points first, names only for ties"
    );
}

#[test]
fn with_equal_points_the_alphabetically_first_name_is_larger() {
    assert!(score("alice", 42) > score("bob", 42));
    assert_eq!(
        score("alice", 42).cmp(&score("alice", 42)),
        std::cmp::Ordering::Equal
    );
    assert_eq!(
        top_n(&[score("carol", 5), score("alice", 5), score("bob", 5)], 3),
        vec![score("alice", 5), score("bob", 5), score("carol", 5)]
    );
}

#[test]
fn to_string_uses_the_display_impl() {
    assert_eq!(score("alice", 42).to_string(), "alice: 42");
    assert_eq!(format!("[{}]", score("été", 0)), "[été: 0]");
}

#[test]
fn into_builds_a_score_from_a_pair_through_from() {
    assert_eq!(Score::from(("alice", 42)), score("alice", 42));
    let bob: Score = ("bob", 7).into(); // `impl From<A> for B` gives `A: Into<B>` for free
    assert_eq!(bob, score("bob", 7));
}

#[test]
fn count_counts_words() {
    let counts = count("spam eggs spam".split_whitespace());
    assert_eq!(counts, HashMap::from([("spam", 2), ("eggs", 1)]));
}

#[test]
fn count_counts_numbers_with_the_same_function() {
    assert_eq!(count(vec![3, 1, 3, 3]), HashMap::from([(3, 3), (1, 1)]));
    assert_eq!(count(Vec::<char>::new()), HashMap::new());
}

#[test]
fn top_words_lists_the_most_frequent_words_first_and_ties_alphabetically() {
    assert_eq!(
        top_words("b a c b c d c", 3),
        vec![score("c", 3), score("b", 2), score("a", 1)]
    );
    assert_eq!(top_words("", 3), Vec::new());
}
