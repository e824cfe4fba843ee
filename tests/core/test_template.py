"""core.template: placeholders, escapes, positioned problems, column matching, rendering that never invents ''."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsdesk.core import template
from smsdesk.core.template import Template, TemplateError, TemplateProblem, match_column

COLUMNS = ["Navn", "Telefon", "Tid "]


def test_placeholders_unique_in_order_of_first_appearance():
    template = Template("Hej {Navn}, din tid {Tid} - {Navn}!")
    assert template.placeholders == ("Navn", "Tid")
    assert template.text == "Hej {Navn}, din tid {Tid} - {Navn}!"


def test_render_replaces_every_occurrence():
    rendered = Template("Hej {Navn}, kl. {Tid}. Vi ses, {Navn}!").render({"Navn": "Åse", "Tid": "14:30"})
    assert rendered == "Hej Åse, kl. 14:30. Vi ses, Åse!"


def test_text_without_placeholders_renders_as_is():
    assert Template("Hej alle").render({}) == "Hej alle"
    assert Template("").render({"Navn": "x"}) == ""
    assert Template("").placeholders == ()


def test_double_braces_are_literal_braces():
    template = Template("{{Navn}} er {Navn} }} {{")
    assert template.placeholders == ("Navn",)
    assert template.problems(COLUMNS) == []
    assert template.render({"Navn": "Bo"}) == "{Navn} er Bo } {"


def test_triple_braces_are_a_literal_around_a_placeholder():
    assert Template("{{{Navn}}}").render({"Navn": "Bo"}) == "{Bo}"


@pytest.mark.parametrize(
    ("written", "column"),
    [("navn", "Navn"), ("NAVN", "Navn"), (" Navn ", "Navn"), ("tid", "Tid "), ("Tid", "Tid ")],
)
def test_placeholder_matches_column_ignoring_case_and_spacing(written, column):
    assert match_column(written, COLUMNS) == column
    template = Template("{" + written + "}")
    assert template.problems(COLUMNS) == []
    assert (
        template.render({"Navn": "Åse", "Telefon": "1", "Tid ": "9"}) == {"Navn": "Åse", "Tid ": "9"}[column]
    )


def test_exact_match_wins_over_a_case_insensitive_one():
    assert match_column("navn", ["Navn", "navn"]) == "navn"
    assert Template("{navn}").render({"Navn": "A", "navn": "b"}) == "b"


def test_ambiguous_case_insensitive_match_is_a_problem():
    (problem,) = Template("{NAVN}").problems(["Navn", "navn"])
    assert "several columns" in problem.message
    assert problem.kind == template.AMBIGUOUS and problem.columns == ("Navn", "navn")
    assert '"Navn"' in problem.message and '"navn"' in problem.message


def test_unknown_placeholder_is_reported_with_position_and_a_suggestion():
    (problem,) = Template("Hej {Nvan}!").problems(COLUMNS)
    assert problem == TemplateProblem(
        position=4,
        length=6,
        message=problem.message,
        placeholder="Nvan",
        kind=template.UNKNOWN_COLUMN,
        written="{Nvan}",
        columns=("Navn",),
        suggested=True,
    )
    assert "Unknown placeholder {Nvan}" in problem.message
    assert 'no column "Nvan"' in problem.message
    assert "Did you mean {Navn}?" in problem.message


def test_unknown_placeholder_without_a_close_match_lists_the_columns():
    (problem,) = Template("{Postnummer}").problems(COLUMNS)
    assert "Did you mean" not in problem.message
    assert (
        problem.kind == template.UNKNOWN_COLUMN
        and not problem.suggested
        and problem.columns == tuple(COLUMNS)
    )
    assert "{Navn}, {Telefon}, {Tid}" in problem.message


def test_every_occurrence_of_an_unknown_placeholder_is_reported():
    problems = Template("{X} og {X}").problems(COLUMNS)
    assert [problem.position for problem in problems] == [0, 7]


def test_without_columns_only_syntax_is_checked():
    assert Template("{Anything}").problems() == []


@pytest.mark.parametrize(
    ("text", "position", "length", "words"),
    [
        ("Hej {Navn", 4, 5, "Unclosed {"),
        ("Hej {Navn\nVi ses", 4, 5, "Unclosed {"),  # a line break ends the name: later lines stay readable
        ("Hej {Navn {Tid}", 4, 6, "Unclosed {"),
        ("Hej }", 4, 1, "Stray }"),
        ("Pris 10} kr", 7, 1, "Stray }"),
        ("Hej {}", 4, 2, "Empty placeholder"),
        ("Hej {  }", 4, 4, "Empty placeholder"),
        ("{", 0, 1, "Unclosed {"),
    ],
)
def test_malformed_braces_are_reported_with_position_and_length(text, position, length, words):
    problems = Template(text).problems()
    assert problems[0].position == position
    assert problems[0].length == length
    assert words in problems[0].message
    assert f"character {position + 1}" in problems[0].message


def test_problems_come_in_text_order():
    problems = Template("} {Nvan} {").problems(COLUMNS)
    assert [problem.position for problem in problems] == [0, 2, 9]


def test_a_placeholder_after_an_unclosed_brace_still_counts():
    template = Template("Hej {Navn {Tid}")
    assert template.placeholders == ("Tid",)


def test_render_refuses_malformed_templates():
    with pytest.raises(TemplateError) as caught:
        Template("Hej {Navn").render({"Navn": "Åse"})
    assert caught.value.problems[0].position == 4
    assert "Unclosed {" in str(caught.value)


def test_render_raises_for_a_missing_field_instead_of_rendering_empty():
    with pytest.raises(TemplateError) as caught:
        Template("Hej {Navn}, kl. {Tid}").render({"Navn": "Åse"})
    (problem,) = caught.value.problems
    assert problem.placeholder == "Tid"
    assert problem.position == 16
    assert isinstance(caught.value, ValueError)


def test_present_but_empty_value_renders_empty():
    assert Template("Hej {Navn}!").render({"Navn": ""}) == "Hej !"
    assert Template("Hej {Navn}!").render({"Navn": None}) == "Hej !"


def test_values_are_inserted_verbatim_not_reparsed():
    assert Template("{Navn}").render({"Navn": "{Tid} }{"}) == "{Tid} }{"


def test_render_follows_changing_columns():
    template = Template("{navn}")
    assert template.render({"Navn": "a"}) == "a"
    assert template.render({"NAVN ": "b"}) == "b"
    with pytest.raises(TemplateError):
        template.render({"Telefon": "c"})


def test_template_error_message_counts_further_problems():
    error = TemplateError(Template("{ {").problems())
    assert "and 1 more problem)" in str(error)


def test_values_are_keyed_by_the_placeholder_as_written():
    template = Template("{navn} {X}")
    assert template.values({"Navn": "Ann", "Telefon": "+4520000001"}) == {"navn": "Ann", "X": ""}
    # the same template asked about other columns (its resolution is cached per set of columns)
    assert template.values({"NAVN": 7, "x": "y"}) == {"navn": "7", "X": "y"}
    assert template.values({"Navn": "Bo"}) == {"navn": "Bo", "X": ""}


def test_constructor_never_raises_on_odd_input():
    for text in ["{", "}", "{{", "}}", "{}", "{{{", "}}}", "{\n}", "\x00{\ud800}", "{" * 1000]:
        template = Template(text)
        template.problems(COLUMNS)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_with_doubled_braces_renders_to_itself(text):
    template = Template(text.replace("{", "{{").replace("}", "}}"))
    assert template.placeholders == ()
    assert template.problems() == []
    assert template.render({}) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_problems_always_point_inside_the_text(text):
    for problem in Template(text).problems(COLUMNS):
        assert 0 <= problem.position < len(text)
        assert 1 <= problem.length <= len(text) - problem.position
        assert text[problem.position] in "{}"


def test_empty_placeholders_and_fallback():
    from smsdesk.core.template import Template

    template = Template("Hej {Navn}, din ordre {ordre} er klar")
    fields = {"Navn": "  ", "Ordre": "120,50"}
    assert template.empty_placeholders(fields) == ["Navn"]
    assert template.render(fields) == "Hej   , din ordre 120,50 er klar"
    assert template.render(fields, fallback="kunde") == "Hej kunde, din ordre 120,50 er klar"
    assert template.empty_placeholders({"Navn": "Ida", "Ordre": "7"}) == []


def test_each_syntax_problem_says_its_kind_and_what_was_written():
    kinds = [
        (p.kind, p.written) for text in ("{ }", "Hej {Navn", "Rabat 50 }") for p in Template(text).problems()
    ]
    assert kinds == [
        (template.EMPTY_PLACEHOLDER, "{ }"),
        (template.UNCLOSED, "{"),
        (template.STRAY_CLOSE, "}"),
    ]
