"""The Rust CLI gives the same first words as Python's own reference."""


def reference_first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def test_the_cli_agrees_with_python_on_every_line(run_cli):
    lines = ["hello world", "single", " leading space", "tab\tis not a space", "é accents work"]
    result = run_cli(input="\n".join(lines) + "\n")
    assert result.stdout.splitlines() == [reference_first_word(line) for line in lines]
