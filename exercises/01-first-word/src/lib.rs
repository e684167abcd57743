//! Exercise 1.1: borrow a slice instead of copying a string.

/// Returns the first word of `text`: everything before the first space,
/// or the whole text when it has no space.
///
/// The result borrows from `text`: no new `String` is allocated.
pub fn first_word(text: &str) -> &str {
    let _ = text;
    todo!(
        "return the first word of `text`: everything before its first space, or the whole text \
         when there is none, as a slice that borrows from `text` (no new String)"
    )
}
