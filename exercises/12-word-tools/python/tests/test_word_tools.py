"""Calling Rust from Python: arguments and results converted by PyO3."""

import ast
import collections
import pathlib

import pytest

import word_tools

TEXT = "the quick brown fox jumps over the lazy dog The DOG sleeps"


def reference_counts(text: str) -> dict[str, int]:
    return dict(collections.Counter(word.lower() for word in text.split()))


def reference_top(text: str, n: int) -> list[tuple[str, int]]:
    counts = reference_counts(text)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def test_word_counts_returns_a_dict_like_collections_counter():
    counts = word_tools.word_counts(TEXT)
    assert type(counts) is dict
    assert counts == reference_counts(TEXT)


def test_first_longer_than_returns_a_str():
    assert word_tools.first_longer_than(["a", "bee", "hornet"], 3) == "hornet"


def test_first_longer_than_returns_none_when_nothing_matches():
    assert word_tools.first_longer_than(["a", "bee"], 3) is None


def test_top_words_is_callable_from_python_and_returns_tuples():
    assert word_tools.top_words(TEXT, 2) == reference_top(TEXT, 2)


def test_top_words_takes_three_words_by_default():
    assert word_tools.top_words(TEXT) == reference_top(TEXT, 3)


def test_top_words_accepts_n_as_a_keyword():
    assert word_tools.top_words(TEXT, n=1) == reference_top(TEXT, 1)


def test_top_words_rejects_a_list_instead_of_text_with_type_error():
    with pytest.raises(TypeError):
        word_tools.top_words(["not", "a", "str"])


def test_every_function_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "word_tools.pyi").read_text())
    names = [node.name for node in stub.body if isinstance(node, ast.FunctionDef)]
    assert names, "the stub declares no function"
    missing = [name for name in names if not callable(getattr(word_tools, name, None))]
    assert missing == []
