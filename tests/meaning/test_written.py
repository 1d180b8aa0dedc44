"""How a written figure shows its value: the unit word and multiplier it is written with."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.meaning.written import Shown, shown_for
from factcheck.numbers.units import table


def test_a_figure_is_shown_in_the_unit_and_scale_it_is_written_in() -> None:
    assert shown_for("12627万吨", "千克") == Shown("吨", 1000.0, "万", 1e4)
    assert shown_for("3.3万余起", "起") == Shown("起", 1.0, "万", 1e4)
    assert shown_for("50平方公里", "平方米") == Shown("平方公里", 1e6, "", 1.0)
    assert shown_for("2.5 million", None) == Shown("", 1.0, " million", 1e6)
    assert shown_for("97.24%", "%") is None
    assert shown_for("一万二千元", "元") is None  # spelled out: no multiplier after a digit


def _unit_as_written(text: str, unit: str | None) -> tuple[str, float]:
    """The longest way of writing `unit` that text holds (the first of the table's, on a tie)."""
    best, factor = "", 1.0
    for written, entry in table().items():
        if entry.name == (unit or "") and len(written) > len(best) and written in text:
            best, factor = written, float(10**entry.exp)
    return best, factor


FORMS: dict[str, list[str]] = {}
for _written, _entry in table().items():
    FORMS.setdefault(_entry.name, []).append(_written)


@st.composite
def unit_and_text(draw: st.DrawFn) -> tuple[str, str]:
    """A unit name and a text holding some of its written forms (and of others')."""
    unit = draw(st.sampled_from(sorted(FORMS)))
    pieces = st.sampled_from([*FORMS[unit], *sorted(table())[:40], "3", "5万", "亿", "余"])
    return unit, "2" + "".join(draw(st.lists(pieces, max_size=4)))


@given(unit_and_text())
@settings(max_examples=300)
def test_the_unit_found_is_the_longest_way_of_writing_it_in_the_text(case: tuple[str, str]) -> None:
    unit, text = case
    best, factor = _unit_as_written(text, unit)
    shown = shown_for(text, unit)
    if shown is not None:
        assert (shown.unit, shown.factor) == ((best or unit), factor)
    else:
        assert factor == 1.0
