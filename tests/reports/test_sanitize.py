from __future__ import annotations

import pytest

from reports.sanitize import (
    cell_text,
    clean_text,
    deep_replace_surrogates,
    md_text,
    neutralize_formula,
    truncate,
)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", "  =1+1"])
def test_formula_prefixes_are_quoted(text: str) -> None:
    assert neutralize_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["", "sw-core", "192.168.1.1", "'=already", "a=b"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert neutralize_formula(text) == text


def test_clean_text_strips_controls_but_keeps_whitespace() -> None:
    assert clean_text("a\x00b\x07c\x1b[31m\x7fd\x85e\tf\ng\rh") == "abc[31mde\tf\ng\rh"


def test_clean_text_replaces_lone_surrogates() -> None:
    assert clean_text("x\ud800y\udfffz") == "x\ufffdy\ufffdz"


def test_clean_text_handles_none_and_numbers() -> None:
    assert clean_text(None) == ""
    assert clean_text(42) == "42"


def test_truncate_says_how_much_was_dropped() -> None:
    out = truncate("A" * 1000, 100)
    assert out.startswith("A" * 100)
    assert out.endswith("[truncated 900 characters]")
    assert truncate("short", 100) == "short"


def test_cell_text_applies_every_defence() -> None:
    out = cell_text("=\x00HYPERLINK\ud800" + "A" * 40_000)
    assert out.startswith("'=HYPERLINK\ufffd")
    assert "\x00" not in out
    assert len(out) < 32_767


def test_md_text_cannot_break_a_table_or_inject_html() -> None:
    out = md_text("a|b\nc <script>x</script> [l](javascript:x) `c` *e*")
    assert "|" not in out.replace("\\|", "")
    assert "\n" not in out
    assert "<" not in out.replace("<br>", "")
    assert "\\[l\\](javascript:x)" in out
    assert "\\`c\\`" in out


def test_deep_replace_surrogates_walks_nested_data() -> None:
    data = {"k\ud800": ["v\udc00", {"n": 1, "s": "\ud800"}]}
    assert deep_replace_surrogates(data) == {"k\ufffd": ["v\ufffd", {"n": 1, "s": "\ufffd"}]}
