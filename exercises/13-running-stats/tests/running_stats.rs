use running_stats::{DEFAULT_NAME, RunningStats};

fn named(name: &str) -> RunningStats {
    RunningStats::new(name.to_string()).expect("a valid name")
}

#[test]
fn starts_with_no_numbers_and_no_mean() {
    let stats = named(DEFAULT_NAME);
    assert_eq!(stats.count(), 0);
    assert_eq!(stats.mean(), None);
    assert_eq!(stats.max(), None);
}

#[test]
fn keeps_count_mean_and_max_of_pushed_numbers() {
    let mut stats = named("latency");
    stats.push(1.0);
    stats.push(4.0);
    stats.push(-2.0);
    assert_eq!(stats.count(), 3);
    assert_eq!(stats.mean(), Some(1.0));
    assert_eq!(stats.max(), Some(4.0));
}

#[test]
fn keeps_the_name_it_was_given() {
    assert_eq!(named("latency_ms").name(), "latency_ms");
}

#[test]
fn new_rejects_an_empty_name() {
    assert!(RunningStats::new(String::new()).is_err());
}

#[test]
fn a_valid_name_replaces_the_old_one() {
    let mut stats = named("before");
    assert!(stats.set_name("after".to_string()).is_ok());
    assert_eq!(stats.name(), "after");
}

#[test]
fn an_empty_name_or_one_with_whitespace_is_refused_and_the_old_one_kept() {
    let mut stats = named("latency");
    for bad in ["", "two words", "tab\there", "new\nline"] {
        assert!(
            stats.set_name(bad.to_string()).is_err(),
            "{bad:?} was accepted"
        );
        assert_eq!(stats.name(), "latency");
    }
}

#[test]
fn from_values_holds_every_value_under_the_default_name() {
    let stats = RunningStats::from_values(vec![2.0, 3.0, 7.0]);
    assert_eq!(stats.count(), 3);
    assert_eq!(stats.mean(), Some(4.0));
    assert_eq!(stats.max(), Some(7.0));
    assert_eq!(stats.name(), DEFAULT_NAME);
}
