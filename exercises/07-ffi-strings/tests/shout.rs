//! The plain Rust function behind `oxi_shout`.
use ffi_strings::shout;

#[test]
fn capitalises_the_text_and_adds_an_exclamation_mark() {
    assert_eq!(shout("hello"), "HELLO!");
}

#[test]
fn capitalises_letters_outside_ascii() {
    assert_eq!(shout("déjà vu"), "DÉJÀ VU!");
}
