use py_values::{Money, MoneyError};

fn eur(cents: i64) -> Money {
    Money::new(cents, "EUR").expect("EUR is a currency")
}

#[test]
fn adds_two_amounts_of_one_currency() {
    let sum = eur(150).plus(&eur(275)).expect("one currency");
    assert_eq!((sum.cents(), sum.currency()), (425, "EUR"));
}

#[test]
fn refuses_to_add_two_currencies() {
    let usd = Money::new(100, "USD").expect("USD is a currency");
    let error = eur(100).plus(&usd).unwrap_err();
    assert_eq!(
        error,
        MoneyError::MixedCurrencies("EUR".to_string(), "USD".to_string())
    );
}

#[test]
fn multiplies_by_a_whole_number_of_either_sign() {
    let tripled = eur(-250).times(3).expect("fits");
    assert_eq!((tripled.cents(), tripled.currency()), (-750, "EUR"));
    assert_eq!(eur(250).times(-2).expect("fits").cents(), -500);
}

#[test]
fn reports_overflow_instead_of_wrapping_around() {
    assert_eq!(
        eur(i64::MAX).plus(&eur(1)).unwrap_err(),
        MoneyError::Overflow
    );
    assert_eq!(
        eur(i64::MAX / 2 + 1).times(2).unwrap_err(),
        MoneyError::Overflow
    );
}

#[test]
fn repr_reads_like_the_python_call_that_makes_the_amount() {
    assert_eq!(eur(1250).__repr__(), "Money(1250, 'EUR')");
    let usd = Money::new(-5, "USD").expect("USD is a currency");
    assert_eq!(usd.__repr__(), "Money(-5, 'USD')");
}
