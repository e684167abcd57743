use std::cell::Cell;

use iter_adapters::{Fibonacci, even_sum_below, long_words, numbered};

#[test]
fn fibonacci_starts_with_0_1_1_2_3() {
    let first: Vec<u64> = Fibonacci::new().take(5).collect();
    assert_eq!(first, vec![0, 1, 1, 2, 3]);
}

#[test]
fn fibonacci_works_with_every_adapter_of_the_standard_library() {
    // Implementing `next` is all it takes: `skip`, `enumerate`, `find` and the rest come free.
    let first_above_1000 = Fibonacci::new().enumerate().find(|&(_, n)| n > 1000);
    assert_eq!(first_above_1000, Some((17, 1597)));
    let tenth_to_twelfth: Vec<u64> = Fibonacci::new().skip(10).take(3).collect();
    assert_eq!(tenth_to_twelfth, vec![55, 89, 144]);
}

#[test]
fn fibonacci_ends_after_the_largest_number_that_fits_in_a_u64() {
    let mut fibonacci = Fibonacci::new();
    assert_eq!(
        fibonacci.by_ref().count(),
        94,
        "F(0) to F(93) fit in a u64: 94 numbers. Fewer means the sequence ended before it \
         returned F(93): F(93) fits, only the sum after it does not, so that sum becomes \
         `following = None` and ends the sequence one call later (a `?` on the sum ends it \
         too soon)"
    );
    assert_eq!(
        fibonacci.next(),
        None,
        "once ended, the sequence stays ended"
    );

    assert_eq!(Fibonacci::new().last(), Some(12_200_160_415_121_876_738));
}

#[test]
fn even_sum_below_adds_the_even_fibonacci_numbers_below_the_limit() {
    assert_eq!(even_sum_below(100), 2 + 8 + 34);
    assert_eq!(even_sum_below(4_000_000), 4_613_732);
}

#[test]
fn even_sum_below_leaves_out_the_limit_itself() {
    assert_eq!(even_sum_below(34), 2 + 8);
    assert_eq!(even_sum_below(0), 0);
}

#[test]
fn long_words_keeps_the_words_of_at_least_min_len_characters_in_order() {
    let text = "a spam egg sausage and spam";
    let long: Vec<&str> = long_words(text.split_whitespace(), 4).collect();
    assert_eq!(long, vec!["spam", "sausage", "spam"]);
}

#[test]
fn long_words_counts_characters_not_bytes() {
    // "été" is three characters but five bytes in UTF-8.
    let long: Vec<&str> = long_words(["été", "hé", "naïve"].into_iter(), 3).collect();
    assert_eq!(long, vec!["été", "naïve"]);
}

#[test]
fn long_words_is_lazy_and_pulls_only_the_words_it_needs() {
    let pulled = Cell::new(0);
    let words = ["a", "long", "b", "longer", "c", "longest", "d"]
        .into_iter()
        .inspect(|_| pulled.set(pulled.get() + 1));
    let mut long = long_words(words, 3);
    assert_eq!(pulled.get(), 0, "nothing is read before the first `next`");
    assert_eq!(long.next(), Some("long"));
    assert_eq!(long.next(), Some("longer"));
    assert_eq!(
        pulled.get(),
        4,
        "two long words need four words read (a, long, b, longer); a Vec built up front reads all 7"
    );
}

#[test]
fn numbered_counts_from_one() {
    assert_eq!(
        numbered(["spam", "eggs"].into_iter()),
        vec!["1. spam".to_string(), "2. eggs".to_string()]
    );
    assert_eq!(numbered(std::iter::empty()), Vec::<String>::new());
}
