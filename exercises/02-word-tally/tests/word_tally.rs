use std::collections::HashSet;

use word_tally::tally;

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(String::from).collect()
}

#[test]
fn counts_each_distinct_word_once() {
    assert_eq!(
        tally(words("spam eggs spam")),
        vec![("spam".to_string(), 2), ("eggs".to_string(), 1)]
    );
}

#[test]
fn puts_the_most_frequent_first_and_breaks_ties_alphabetically() {
    assert_eq!(
        tally(words("b a c b c")),
        vec![
            ("b".to_string(), 2),
            ("c".to_string(), 2),
            ("a".to_string(), 1)
        ]
    );
}

#[test]
fn returns_nothing_for_no_words() {
    assert_eq!(tally(Vec::new()), Vec::new());
}

#[test]
fn moves_each_word_into_the_result_instead_of_cloning_it() {
    let input = words("ham spam ham eggs spam ham");
    // Where each input String keeps its bytes on the heap. A moved String keeps its buffer;
    // a clone gets a new one.
    let buffers: HashSet<*const u8> = input.iter().map(|w| w.as_ptr()).collect();
    for (word, _) in tally(input) {
        assert!(
            buffers.contains(&word.as_ptr()),
            "{word:?} in the result is a copy: move the input String instead of cloning it"
        );
    }
}
