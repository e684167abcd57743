use py_iterators::Words;

/// Every word still to come, as owned strings.
fn rest(words: &mut Words) -> Vec<String> {
    std::iter::from_fn(|| words.next_word().map(str::to_owned)).collect()
}

#[test]
fn hands_out_the_words_in_order_then_none() {
    let mut words = Words::new("one two".to_string());
    assert_eq!(
        words.next_word(),
        Some("one"),
        "the 1st next_word() of \"one two\""
    );
    assert_eq!(
        words.next_word(),
        Some("two"),
        "the 2nd next_word() of \"one two\""
    );
    assert_eq!(
        words.next_word(),
        None,
        "the 3rd next_word() of \"one two\": no words are left"
    );
}

#[test]
fn splits_on_any_whitespace_like_str_split() {
    let mut words = Words::new("  tabs\tand\nnew  lines \r\n".to_string());
    assert_eq!(
        rest(&mut words),
        ["tabs", "and", "new", "lines"],
        "every word of \"  tabs\\tand\\nnew  lines \\r\\n\""
    );
}

#[test]
fn keeps_whole_characters_in_non_ascii_text() {
    let mut words = Words::new("naïve café\u{3000}über".to_string());
    assert_eq!(
        rest(&mut words),
        ["naïve", "café", "über"],
        "every word of \"naïve café\\u{{3000}}über\" (U+3000 is a wide space, 3 bytes long)"
    );
}

#[test]
fn keeps_returning_none_after_the_last_word() {
    let mut words = Words::new("last ".to_string());
    assert_eq!(
        words.next_word(),
        Some("last"),
        "the 1st next_word() of \"last \""
    );
    for call in 2..5 {
        assert_eq!(
            words.next_word(),
            None,
            "next_word() call {call} on \"last \": after the last word, None every time"
        );
    }
    assert_eq!(words.produced(), 1, "words handed out from \"last \"");
}

#[test]
fn blank_text_has_no_words() {
    assert_eq!(
        Words::new(String::new()).next_word(),
        None,
        "the first word of \"\""
    );
    assert_eq!(
        Words::new(" \n\t ".to_string()).next_word(),
        None,
        "the first word of \" \\n\\t \" (whitespace only)"
    );
}

#[test]
fn a_word_is_a_slice_of_the_text_not_a_copy() {
    let mut words = Words::new("borrowed, not copied".to_string());
    let text = words.text().as_bytes().as_ptr_range();
    let word = words.next_word().expect("a first word");
    assert!(
        text.contains(&word.as_ptr()),
        "next_word should return a slice of the text it keeps, not a new String"
    );
}

#[test]
fn reads_the_text_only_as_far_as_the_words_handed_out() {
    let mut words = Words::new("one two three four".to_string());
    words.next_word();
    words.next_word();
    assert_eq!(words.produced(), 2, "words handed out after two calls");
    assert!(
        (7..=8).contains(&words.offset()),
        "after \"one\" and \"two\" the offset should be just past \"two\" (7), not {}",
        words.offset()
    );
    assert_eq!(
        words.next_word(),
        Some("three"),
        "the 3rd next_word() of \"one two three four\""
    );
}
