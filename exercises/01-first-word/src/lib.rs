//! Exercise 1.1: borrow a slice instead of copying a string.

/// Returns the first word of `text`: everything before the first space,
/// or the whole text when it has no space.
///
/// The result borrows from `text`: no new `String` is allocated.
pub fn first_word(text: &str) -> &str {
    let _ = text;
    todo!(
        "return the slice of `text` before its first ' ' (hint: `text.find(' ')`, then `&text[..i]`)"
    )
}
