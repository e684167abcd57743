"""A Python class written in Rust from scratch: constructor, state, methods, a read-only
attribute, an attribute whose setter checks the value, a static constructor, a type stub."""

import ast
import pathlib
import statistics

import pytest

from running_stats import RunningStats


def test_running_stats_is_a_class_defined_in_the_running_stats_module():
    assert isinstance(RunningStats, type)
    assert RunningStats.__name__ == "RunningStats"
    assert RunningStats.__module__ == "running_stats"
    assert isinstance(RunningStats(), RunningStats)


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


def test_count_is_a_read_only_attribute():
    stats = RunningStats()
    with pytest.raises(AttributeError):
        stats.count = 10
    assert stats.count == 0


def test_name_is_stats_unless_the_constructor_is_given_one():
    assert RunningStats().name == "stats"
    assert RunningStats("latency").name == "latency"
    assert RunningStats(name="latency_ms").name == "latency_ms"


def test_assigning_a_valid_name_changes_it():
    stats = RunningStats()
    stats.name = "latency"
    assert stats.name == "latency"


def test_assigning_an_invalid_name_raises_value_error_and_keeps_the_old_one():
    stats = RunningStats(name="latency")
    for bad in ["", "two words", "tab\there"]:
        with pytest.raises(ValueError):
            stats.name = bad
        assert stats.name == "latency"


def test_the_value_error_shows_the_bad_name():
    stats = RunningStats()
    with pytest.raises(ValueError, match="two words"):
        stats.name = "two words"


def test_the_constructor_rejects_an_invalid_name_too():
    with pytest.raises(ValueError):
        RunningStats(name="")


def test_from_values_is_called_on_the_class_and_returns_a_new_object():
    stats = RunningStats.from_values([1.0, 2.0, 6.0])
    assert type(stats) is RunningStats
    assert (stats.count, stats.mean(), stats.max()) == (3, 3.0, 6.0)
    assert stats.name == "stats"


def test_every_name_in_the_type_stub_exists_on_the_class(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "running_stats.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert [cls.name for cls in classes] == ["RunningStats"]
    names = {node.name for node in classes[0].body if isinstance(node, ast.FunctionDef)}
    assert {"from_values", "push", "count", "name"} <= names
    missing = sorted(name for name in names if not hasattr(RunningStats, name))
    assert missing == []
