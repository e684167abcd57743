use running_stats::RunningStats;

#[test]
fn starts_with_no_numbers_and_no_mean() {
    let stats = RunningStats::new();
    assert_eq!(stats.count(), 0);
    assert_eq!(stats.mean(), None);
    assert_eq!(stats.max(), None);
}

#[test]
fn keeps_count_mean_and_max_of_pushed_numbers() {
    let mut stats = RunningStats::new();
    stats.push(1.0);
    stats.push(4.0);
    stats.push(-2.0);
    assert_eq!(stats.count(), 3);
    assert_eq!(stats.mean(), Some(1.0));
    assert_eq!(stats.max(), Some(4.0));
}

#[test]
fn extend_pushes_every_value() {
    let mut stats = RunningStats::new();
    stats.extend(vec![2.0, 3.0]);
    assert_eq!(stats.__len__(), 2);
    assert_eq!(stats.mean(), Some(2.5));
}

#[test]
fn repr_looks_like_python() {
    let mut stats = RunningStats::new();
    assert_eq!(stats.__repr__(), "RunningStats(count=0, mean=None)");
    stats.push(2.0);
    assert_eq!(stats.__repr__(), "RunningStats(count=1, mean=2.0)");
}
