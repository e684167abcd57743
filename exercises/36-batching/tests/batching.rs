use batching::{luhn_valid, luhn_valid_all};

#[test]
fn an_empty_batch_gives_no_answers() {
    assert_eq!(luhn_valid_all(&[]), Vec::<bool>::new());
}

#[test]
fn checks_every_number_in_order() {
    // 79927398713 is the classic valid example; changing its last digit breaks it.
    let numbers = [79_927_398_713, 79_927_398_710, 4_539_578_763_621_486, 0, 18];
    assert_eq!(luhn_valid_all(&numbers), [true, false, true, true, true]);
}

#[test]
fn gives_the_same_answers_as_one_number_at_a_time() {
    let numbers: Vec<u64> = (1_000_000..1_000_500).collect();
    let one_at_a_time: Vec<bool> = numbers.iter().map(|&n| luhn_valid(n)).collect();
    assert_eq!(luhn_valid_all(&numbers), one_at_a_time);
}
