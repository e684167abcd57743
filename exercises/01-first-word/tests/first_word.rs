use first_word::first_word;

#[test]
fn returns_the_text_before_the_first_space() {
    assert_eq!(first_word("hello world"), "hello");
}

#[test]
fn returns_the_whole_text_when_there_is_no_space() {
    assert_eq!(first_word("hello"), "hello");
}

#[test]
fn returns_an_empty_slice_for_text_that_starts_with_a_space() {
    assert_eq!(first_word(" leading"), "");
}

#[test]
fn borrows_from_the_text_instead_of_copying_it() {
    let text = String::from("borrowed not copied");
    // A slice of `text` starts at the same address as `text`; a copy would live elsewhere.
    assert_eq!(first_word(&text).as_ptr(), text.as_ptr());
}
