//! Exercise 1.3: return a `Result` where Python would raise an exception.

use std::fmt;

/// One person, parsed from a line such as `Ada, 36`.
#[derive(Debug, PartialEq)]
pub struct Person {
    pub name: String,
    pub age: u8,
}

/// Everything that can be wrong with a line. Python would raise `ValueError`; Rust returns one of
/// these, and the compiler makes every caller deal with it.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    /// The line has no `,` between the name and the age.
    MissingComma,
    /// Nothing but spaces before the comma.
    EmptyName,
    /// The text after the comma (trimmed) is not a whole number from 0 to 255.
    BadAge(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::MissingComma => write!(f, "expected \"name,age\" but found no comma"),
            ParseError::EmptyName => write!(f, "the name is empty"),
            ParseError::BadAge(age) => {
                write!(f, "the age \"{age}\" is not a whole number from 0 to 255")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses `name,age`. Both fields are trimmed of surrounding whitespace; the name is everything
/// before the first comma, the age everything after it.
///
/// Errors, checked in this order: no comma ([`ParseError::MissingComma`]), an empty name
/// ([`ParseError::EmptyName`]), an age that `u8` cannot hold ([`ParseError::BadAge`] with the
/// trimmed age text).
pub fn parse_person(line: &str) -> Result<Person, ParseError> {
    let _ = line;
    todo!(
        "split the line at its first comma and trim both parts; return MissingComma, EmptyName or \
         BadAge (checked in that order) when the line is wrong, letting `?` return each error \
         early, and the Person otherwise"
    )
}
