from xml.etree import ElementTree

from core.charts import LIKERT_COLOURS, bar_chart, diverging_likert, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg):
    return ElementTree.fromstring(str(svg))


def test_likert_chart_is_an_image_with_a_title_and_a_bar_per_answered_point():
    svg = _parse(diverging_likert([("I have been able to influence the work", [1, 0, 1, 2, 6])], title="Influence"))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Influence"
    fills = [rect.get("fill") for rect in svg.iter(f"{SVG}rect")]
    assert fills == [LIKERT_COLOURS[0], LIKERT_COLOURS[2], LIKERT_COLOURS[3], LIKERT_COLOURS[4]]
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert "60%" in labels
    assert "I have been able to influence the work" in labels


def test_likert_chart_centres_neutral_on_the_axis():
    svg = _parse(diverging_likert([("Balanced", [0, 0, 10, 0, 0])], title="t", bar_width=200))
    rect = next(svg.iter(f"{SVG}rect"))
    centre = 100
    assert float(rect.get("x")) + float(rect.get("width")) / 2 == centre


def test_chart_text_is_escaped():
    svg = str(bar_chart([("<script>alert(1)</script>", 3)], title="A & B"))
    assert "<script>" not in svg
    assert "A &amp; B" in svg


def test_line_chart_breaks_at_missing_values():
    svg = _parse(line_chart([("Equality", [80, None, 60, 70])], x_labels=["1", "2", "3", "4"], title="Trend"))
    assert len(list(svg.iter(f"{SVG}circle"))) == 3 + 1  # three values, and the marker in the legend
    assert len(list(svg.iter(f"{SVG}polyline"))) == 1


def test_line_chart_end_labels_hang_inwards_so_they_are_not_cut_off():
    svg = _parse(line_chart([("Equality", [80, 60, 70])], x_labels=["9 Aug 26", "6 Sep 26", "1 Nov 26"], title="T"))
    anchors = {t.text: t.get("text-anchor") for t in svg.iter(f"{SVG}text")}
    assert anchors["9 Aug 26"] == "start"
    assert anchors["6 Sep 26"] == "middle"
    assert anchors["1 Nov 26"] == "end"


def test_charts_draw_decimal_counts_as_postgresql_returns_them():
    from decimal import Decimal

    svg = _parse(diverging_likert([("S", [Decimal(1), Decimal(0), Decimal(1), Decimal(2), Decimal(6)])], title="t"))
    assert "60%" in [t.text for t in svg.iter(f"{SVG}text")]
    assert "<rect" in str(bar_chart([("A", Decimal("2.5"))], title="t"))
    assert "<circle" in str(line_chart([("A", [Decimal("50")])], x_labels=["1"], title="t"))


def test_a_long_statement_is_wrapped_whole_never_cut_short():
    statement = (
        "I am confident about working in partnership with West Berkshire Council staff and councillors "
        "on the services that matter most to the people who use them"
    )
    svg = _parse(diverging_likert([(statement, [1, 1, 1, 1, 1])], title="t"))
    spans = [span.text for span in svg.iter(f"{SVG}tspan")]
    assert len(spans) >= 2
    assert " ".join(spans) == statement
    assert "…" not in str(diverging_likert([(statement, [1, 1, 1, 1, 1])], title="t"))


def test_the_likert_chart_has_a_key_naming_each_colour():
    key = ["Disagree strongly", "Disagree", "Neither agree nor disagree", "Agree", "Agree strongly"]
    svg = _parse(diverging_likert([("S", [1, 1, 1, 1, 1])], title="t", key=key))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert all(label in texts for label in key)
    swatches = [r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("width") == "14"]
    assert swatches == LIKERT_COLOURS


def test_equal_values_in_two_series_stay_visible_with_different_markers():
    svg = _parse(line_chart([("Equality", [80, 60]), ("Inclusive", [80, 70])], x_labels=["1", "2"], title="T"))
    circles = [(c.get("cx"), c.get("cy")) for c in svg.iter(f"{SVG}circle")]
    squares = [(r.get("x"), r.get("y")) for r in svg.iter(f"{SVG}rect") if r.get("width") == "8"]
    assert circles and squares
    first_circle = circles[0]
    first_square = (float(squares[0][0]) + 4, float(squares[0][1]) + 4)
    assert float(first_circle[1]) == first_square[1]  # same value...
    assert abs(float(first_circle[0]) - first_square[0]) >= 4  # ...drawn side by side, not on top
