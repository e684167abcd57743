"""A Rust iterator in Python's iteration protocol: lazy, and done for good once it is done."""

import ast
import collections.abc
import itertools
import pathlib

import pytest

import py_iterators
from py_iterators import Words

TEXT = "the quick brown fox\njumps over\tthe lazy dog "


def test_a_for_loop_gets_the_words_like_str_split():
    seen = []
    for word in Words(TEXT):
        seen.append(word)
    assert seen == TEXT.split()


def test_list_splits_on_any_whitespace_like_str_split():
    text = "  naïve\tcafé\n\u3000über  \r\n"
    assert list(Words(text)) == text.split()


def test_blank_text_has_no_words():
    assert list(Words("")) == []
    assert list(Words(" \n\t ")) == []


def test_iter_returns_the_iterator_itself():
    words = Words(TEXT)
    assert iter(words) is words


def test_python_sees_an_iterator():
    assert isinstance(Words(TEXT), collections.abc.Iterator)


def test_next_raises_stop_iteration_after_the_last_word_and_keeps_raising_it():
    words = Words("only")
    assert next(words) == "only"
    for _ in range(3):
        with pytest.raises(StopIteration):
            next(words)


def test_an_exhausted_iterator_stays_exhausted():
    words = Words(TEXT)
    assert list(words) == TEXT.split()
    assert list(words) == []
    assert words.produced == len(TEXT.split())


def test_zip_with_a_short_list_takes_only_the_words_it_needs():
    words = Words("one two three four five")
    assert list(zip(["a", "b"], words)) == [("a", "one"), ("b", "two")]
    assert words.produced == 2, "zip asked for two words only"
    # What zip did not take is still there, where it stopped.
    assert next(words) == "three"
    assert list(words) == ["four", "five"]


def test_islice_takes_the_first_words_of_a_huge_text_and_no_more():
    words = Words("word " * 1_000_000)
    assert list(itertools.islice(words, 3)) == ["word"] * 3
    assert words.produced == 3, "islice asked for three words only"


def test_the_words_are_python_strs():
    assert type(next(Words("hello"))) is str


def test_every_method_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_iterators.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert classes, "the stub declares no class"
    missing = []
    for declared in classes:
        actual = getattr(py_iterators, declared.name, None)
        if not isinstance(actual, type):
            missing.append(declared.name)
            continue
        for item in declared.body:
            if isinstance(item, ast.FunctionDef) and not hasattr(actual, item.name):
                missing.append(f"{declared.name}.{item.name}")
    assert missing == []
