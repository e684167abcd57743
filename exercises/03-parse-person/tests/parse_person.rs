use parse_person::{ParseError, Person, parse_person};

#[test]
fn parses_a_name_and_an_age() {
    let ada = Person {
        name: "Ada".to_string(),
        age: 36,
    };
    assert_eq!(parse_person("Ada,36"), Ok(ada));
}

#[test]
fn trims_spaces_around_both_fields() {
    let grace = Person {
        name: "Grace Hopper".to_string(),
        age: 85,
    };
    assert_eq!(parse_person("  Grace Hopper ,  85 "), Ok(grace));
}

#[test]
fn reports_a_line_without_a_comma() {
    assert_eq!(parse_person("Ada 36"), Err(ParseError::MissingComma));
}

#[test]
fn reports_an_empty_name() {
    assert_eq!(parse_person("  ,36"), Err(ParseError::EmptyName));
}

#[test]
fn checks_the_name_before_the_age() {
    assert_eq!(
        parse_person(" ,abc"),
        Err(ParseError::EmptyName),
        "both the name and the age are wrong in \" ,abc\": the name is checked first"
    );
}

#[test]
fn reports_an_age_that_is_not_a_small_whole_number_with_its_text() {
    assert_eq!(
        parse_person("Ada, thirty-six"),
        Err(ParseError::BadAge("thirty-six".to_string()))
    );
    assert_eq!(
        parse_person("Methuselah,969"),
        Err(ParseError::BadAge("969".to_string()))
    );
}
