"""Hidden tests: inputs the visible test does not try, so that a program shaped to its five lines
fails. The instructor's grading runs them, with random lines from the class's seed."""

LETTERS = "abcxyzéßж語"


def reference_first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def random_line(rng) -> str:
    words = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 5))]
    return rng.choice([" ", "  ", "\t", " \t"]).join(words)


def test_random_lines_agree_with_python(rng, run_cli):
    lines = [random_line(rng) for _ in range(200)]
    result = run_cli(input="\n".join(lines) + "\n")
    assert result.stdout.splitlines() == [reference_first_word(line) for line in lines]


def test_edge_cases_empty_lines_and_lines_of_spaces(run_cli):
    lines = ["", " ", "   two leading", "trailing ", "a", "a b", "\u00a0nbsp is not a space"]
    result = run_cli(input="\n".join(lines) + "\n")
    assert result.stdout.splitlines() == [reference_first_word(line) for line in lines]
