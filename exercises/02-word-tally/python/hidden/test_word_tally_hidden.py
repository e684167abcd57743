"""Hidden tests: texts the visible tests do not try, so that a program shaped to their two
sentences fails. The visible counts never pass 3 and their ties are few; here words repeat
dozens of times (a count of 10 must outrank a count of 9), many counts tie, capitals and
accents sort by code point, and the text is empty or a single word."""

from collections import Counter

WORDS = ["a", "b", "the", "The", "THE", "zèbre", "Zebra", "zebra", "été", "über", "straße",
         "語", "日本", "ж", "a1", "1a", "x-y", "'quoted'", "end."]
SPACES = [" ", "  ", "\t", "\n", " \n ", "\u3000"]  # \u3000: an ideographic space, whitespace to both


def reference_tally(text: str) -> list[str]:
    counts = Counter(text.split())
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{word} {count}" for word, count in ordered]


def random_text(rng) -> str:
    # A few favourite words make counts in the tens; the rest tie at small counts.
    favourites = rng.sample(WORDS, 3)
    words = [rng.choice(favourites) if rng.random() < 0.5 else rng.choice(WORDS)
             for _ in range(rng.randint(1, 120))]
    return "".join(word + rng.choice(SPACES) for word in words)


def test_random_texts_are_tallied_like_python(rng, run_cli):
    for _ in range(25):
        text = random_text(rng)
        assert run_cli(input=text).stdout.splitlines() == reference_tally(text), repr(text)


def test_a_count_of_ten_outranks_a_count_of_nine(run_cli):
    text = "nine " * 9 + "ten " * 10 + "two two"
    assert run_cli(input=text).stdout.splitlines() == ["ten 10", "nine 9", "two 2"]


def test_empty_input_prints_nothing_and_one_word_prints_one_line(run_cli):
    assert run_cli(input="").stdout == ""
    assert run_cli(input=" \n\t ").stdout == ""
    assert run_cli(input="solo").stdout.splitlines() == ["solo 1"]

