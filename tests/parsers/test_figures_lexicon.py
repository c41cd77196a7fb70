"""The lexicon's search helper: a guard that skips text must not change what is found."""

from __future__ import annotations

import re

import pytest

from parsers.figure_lexicon import any_of


@pytest.mark.parametrize(
    ("patterns", "guarded"),
    [
        (["预计", "估计", "(?<![比])目标(?=是|为)"], True),
        (["(?:预|估)计", "目标"], False),  # a group opens a pattern: nothing to guard on
        (["目标|预计"], False),  # a top-level | hides a second first character
        (["[预估]计"], False),
    ],
)
def test_any_of_finds_what_the_plain_alternation_finds(patterns: list[str], guarded: bool) -> None:
    text = "全年预计增长，目标是5%，比目标为高，预估计划"
    found = any_of(patterns)
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    assert [m.span() for m in found.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert found.pattern.startswith("(?=[") is guarded
