"""A Rust struct used as a Python class: constructor, state, methods, attributes, dunders."""

import statistics

import pytest

from running_stats import RunningStats


def test_a_new_object_has_no_numbers():
    stats = RunningStats()
    assert stats.count == 0
    assert stats.mean() is None
    assert stats.max() is None


def test_push_updates_count_mean_and_max_like_statistics_module():
    values = [3.5, -1.0, 10.0, 2.25]
    stats = RunningStats()
    for value in values:
        stats.push(value)
    assert stats.count == len(values)
    assert stats.mean() == pytest.approx(statistics.fmean(values))
    assert stats.max() == max(values)


def test_push_accepts_python_ints():
    stats = RunningStats()
    stats.push(2)
    assert stats.mean() == 2.0


def test_extend_takes_a_list():
    stats = RunningStats()
    stats.extend([1.0, 2.0, 6.0])
    assert stats.count == 3
    assert stats.mean() == 3.0


def test_each_object_keeps_its_own_state():
    first, second = RunningStats(), RunningStats()
    first.push(1.0)
    first.push(2.0)
    second.push(10.0)
    assert (first.count, second.count) == (2, 1)


def test_len_is_the_count():
    stats = RunningStats()
    stats.extend([1.0, 1.0])
    assert len(stats) == 2


def test_repr_shows_count_and_mean():
    stats = RunningStats()
    assert repr(stats) == "RunningStats(count=0, mean=None)"
    stats.extend([1.0, 2.0])
    assert repr(stats) == "RunningStats(count=2, mean=1.5)"


def test_count_is_read_only():
    stats = RunningStats()
    with pytest.raises(AttributeError):
        stats.count = 10
    assert stats.count == 0
