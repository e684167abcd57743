use std::collections::HashMap;

use word_tools::{first_longer_than, top_words, word_counts};

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

#[test]
fn counts_every_word_in_lower_case() {
    let expected = HashMap::from([("the".to_string(), 2), ("cat".to_string(), 1)]);
    assert_eq!(word_counts("The cat the"), expected);
}

#[test]
fn counts_nothing_in_blank_text() {
    assert!(word_counts("  \n\t ").is_empty());
}

#[test]
fn finds_the_first_word_longer_than_the_limit() {
    assert_eq!(
        first_longer_than(words(&["a", "bee", "hornet", "wasp"]), 3),
        Some("hornet".to_string())
    );
}

#[test]
fn finds_no_word_when_none_is_long_enough() {
    assert_eq!(first_longer_than(words(&["a", "bee"]), 3), None);
}

#[test]
fn counts_characters_not_bytes() {
    assert_eq!(first_longer_than(words(&["héllo"]), 5), None);
}

#[test]
fn ranks_words_by_count_then_alphabetically() {
    let ranked = top_words("b a c b a d b", 3);
    assert_eq!(
        ranked,
        vec![
            ("b".to_string(), 3),
            ("a".to_string(), 2),
            ("c".to_string(), 1)
        ]
    );
}

#[test]
fn returns_fewer_words_when_the_text_has_fewer() {
    assert_eq!(top_words("one", 3), vec![("one".to_string(), 1)]);
}
