use hot_loop::edit_distance;

#[test]
fn a_string_is_at_distance_zero_from_itself() {
    assert_eq!(edit_distance("", ""), 0);
    assert_eq!(edit_distance("kitten", "kitten"), 0);
}

#[test]
fn the_distance_from_the_empty_string_is_the_length() {
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("abcd", ""), 4);
}

#[test]
fn counts_insertions_deletions_and_substitutions() {
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("flaw", "lawn"), 2);
    assert_eq!(edit_distance("intention", "execution"), 5);
    assert_eq!(edit_distance("sitting", "kitten"), 3);
}

#[test]
fn counts_characters_not_bytes() {
    // "é" is two bytes in UTF-8 but one character: one substitution, not two edits.
    assert_eq!(edit_distance("café", "cafe"), 1);
    assert_eq!(edit_distance("naïve", "naive"), 1);
    assert_eq!(edit_distance("日本語", "日本"), 1);
}
