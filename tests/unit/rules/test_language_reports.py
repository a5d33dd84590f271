"""Language-test reports: scores to CLB/NCLC by IRCC's charts, dates only when unambiguous."""

from __future__ import annotations

import pytest

from permit_check.rules.language_reports import equivalencies, read_report
from permit_check.rules.text_facts import language_test


def _read(text: str) -> dict:
    test = language_test(text)
    assert test is not None
    return read_report(text, test)


@pytest.mark.parametrize(("scores", "levels"), [
    # IELTS General Training, canada.ca: CLB 7 is 6.0 everywhere; CLB 9 needs 8.0 in listening.
    ("Listening 6.0\nReading 6.0\nWriting 6.0\nSpeaking 6.0", [7, 7, 7, 7]),
    ("Listening 7.5\nReading 7.0\nWriting 7.0\nSpeaking 7.0", [8, 9, 9, 9]),
    ("Listening 9.0\nReading 9.0\nWriting 9.0\nSpeaking 9.0", [10, 10, 10, 10]),
    ("Listening 4.0\nReading 3.0\nWriting 5.5\nSpeaking 5.0", [3, 3, 6, 5]),
])
def test_ielts_general_training_bands_convert_by_the_chart(scores: str, levels: list[int]) -> None:
    result = _read(f"IELTS\nGeneral Training\nTest Date: 2026-03-14\n{scores}")
    assert [result["clb"][ability] for ability in ("listening", "reading", "writing", "speaking")] == levels
    assert result["lowest_clb"] == min(levels)


def test_tef_results_before_the_december_2023_change_use_the_former_chart() -> None:
    old = _read("TEF Canada\nDate du test : 2023-06-01\nCompréhension de l'oral : 249\nCompréhension de l'écrit : 207"
                "\nExpression écrite : 310\nExpression orale : 310")
    assert old["clb"] == {"listening": 7, "reading": 7, "writing": 7, "speaking": 7} and old["scale"] == "NCLC"
    new = _read("TEF Canada\nDate du test : 2024-06-01\nCompréhension de l'oral : 249")
    assert new["clb"] == {"listening": 3}


# IRCC's TEF Canada chart for results from 11 December 2023 (canada.ca, "Language test equivalency charts"):
# reading and listening share their ranges (NCLC 10: 546-699, 9: 503-545, 8: 462-502, 7: 434-461, 6: 393-433,
# 5: 352-392, 4: 306-351); writing 558/512/472/428/379/330/268; speaking 556/518/494/456/422/387/328. Reading's
# rows were TCF Canada's (453 for NCLC 7), which put a TEF reading of 440 at NCLC 6.
TEF_2023_CHART = {10: (546, 546, 558, 556), 9: (503, 503, 512, 518), 8: (462, 462, 472, 494),
                  7: (434, 434, 428, 456), 6: (393, 393, 379, 422), 5: (352, 352, 330, 387), 4: (306, 306, 268, 328)}


def test_the_tef_canada_chart_is_ircc_s() -> None:
    rows = {row["level"]: (row["listening"], row["reading"], row["writing"], row["speaking"])
            for row in equivalencies()["tests"]["tef-canada"]["levels"]}
    assert rows == TEF_2023_CHART


@pytest.mark.parametrize(("reading", "level"), [(434, 7), (433, 6), (461, 7), (462, 8), (503, 9), (306, 4)])
def test_a_tef_reading_score_converts_by_the_tef_chart(reading: int, level: int) -> None:
    result = _read(f"TEF Canada\nDate du test : 2026-03-14\nCompréhension de l'écrit : {reading} / 699")
    assert result["clb"] == {"reading": level}


def test_a_score_written_out_of_its_maximum() -> None:
    result = _read("TEF Canada\nCompréhension de l'écrit : 380/699\nExpression écrite 420 / 699\n"
                   "Compréhension de l'oral\n470/699\nExpression orale : 14/03/2026")
    assert result["scores"] == {"reading": 380, "writing": 420, "listening": 470}


def test_scores_off_the_tests_scale_are_not_taken() -> None:
    result = _read("IELTS General Training\nListening 6.3\nReading 75\nWriting 6.0\nSpeaking 6.0")
    assert result["scores"] == {"writing": 6, "speaking": 6} and "lowest_clb" not in result


@pytest.mark.parametrize("decimal", [",", " .", ". ", "\u00b7", "\u2022", " ,"])
@pytest.mark.parametrize("row", [True, False])
def test_band_scores_with_any_decimal_mark_are_read(decimal: str, row: bool) -> None:
    """A French copy's comma, OCR's stray space ("6 .5"), a middle dot: the same bands. The row of numbers
    must not fall apart either (read as 5, 5, 7, 0 before)."""
    bands = ("5.5", "7.0", "6.5", "7.5")
    written = [band.replace(".", decimal) for band in bands]
    labels = ("Listening", "Reading", "Writing", "Speaking")
    text = ("IELTS General Training\nListening  Reading  Writing  Speaking  Overall\n" + "  ".join(written) + "  6,5"
            if row else "IELTS General Training\n" + "\n".join(
                f"{label} {band}" for label, band in zip(labels, written, strict=True)))
    result = _read(text)
    assert result["scores"] == {"listening": 5.5, "reading": 7, "writing": 6.5, "speaking": 7.5}
    assert result["clb"] == {"listening": 6, "reading": 9, "writing": 8, "speaking": 10}
    assert "unreadable" not in result


@pytest.mark.parametrize(("text", "scores", "unreadable"), [
    # OCR's mangled bands are never read as the digits before the mangling.
    ("IELTS General Training\nListening 6.S\nReading 7:0\nWriting 6-5\nSpeaking 6.5.5",
     None, ["listening", "reading", "writing", "speaking"]),
    ("IELTS General Training\nListening  Reading  Writing  Speaking\n5:5  7:0  6-5  7.5",
     {"speaking": 7.5}, ["listening", "reading", "writing"]),
    # Off the scale: IELTS goes by half bands to 9; a middle dot OCR dropped makes 65.
    ("IELTS General Training\nListening 6.3\nReading 65\nWriting 9.5\nSpeaking 7",
     {"speaking": 7}, ["listening", "reading", "writing"]),
    # CELPIP: levels 1-12, or M (a result under level 1); NA is no result.
    ("CELPIP-General\nListening 13\nReading M\nWriting NA\nSpeaking 8.5",
     {"reading": "M"}, ["listening", "writing", "speaking"]),
    # PTE Core: 10-90, whole points.
    ("PTE Core\nListening 9\nReading 91\nWriting 72,5\nSpeaking 72", {"speaking": 72},
     ["listening", "reading", "writing"]),
    # TEF Canada 0-699 whole points; OCR split "470" in two.
    ("TEF Canada\nDate du test : 2024-06-01\nCompréhension de l'oral : 4 70\nCompréhension de l'écrit : 470,5"
     "\nExpression écrite : 700\nExpression orale : 500", {"speaking": 500}, ["listening", "reading", "writing"]),
    # Something that is no number at all after a label is unreadable too, never left out of the list.
    ("IELTS General Training\nListening: 7.?\nReading: ##\nWriting: 6.S\nSpeaking: seven",
     None, ["listening", "reading", "writing", "speaking"]),
    ("CELPIP-General\nListening  9\nReading  --\nWriting  8\nSpeaking  ?",
     {"listening": 9, "writing": 8}, ["reading", "speaking"]),
    # TCF Canada: writing and speaking out of 20.
    ("TCF Canada\nCompréhension orale (CO) : 470\nCompréhension écrite (CE) : 480\nExpression écrite (EE) : 11,5 / 20"
     "\nExpression orale (EO) : 21/20", {"listening": 470, "reading": 480}, ["writing", "speaking"]),
])
def test_a_score_that_is_no_value_of_the_scale_is_unreadable_never_guessed(
        text: str, scores: dict | None, unreadable: list[str]) -> None:
    result = _read(text)
    assert result["scores"] == scores
    assert result["unreadable"] == unreadable
    assert result["abilities_read"] == len(scores or {}) and "lowest_clb" not in result


def test_celpip_m_is_a_result_under_the_chart() -> None:
    result = _read("CELPIP-General\nListening 9\nReading M\nWriting 8\nSpeaking 9")
    assert result["scores"]["reading"] == "M" and result["clb"]["reading"] == 3 and result["lowest_clb"] == 3


def test_a_row_of_scores_out_of_their_maximum_keeps_its_order() -> None:
    """'470/699' is one score: its maximum is not the next ability's score."""
    result = _read("TEF Canada\nDate du test : 2024-06-01\nCO  CE  EE  EO\n470/699  380/699  420/699  500/699")
    assert result["scores"] == {"listening": 470, "reading": 380, "writing": 420, "speaking": 500}


@pytest.mark.parametrize(("text", "date"), [
    ("CELPIP-General\nTest Date: March 4, 2026", "2026-03-04"),
    ("CELPIP-General\nTest Date: 04/03/2026", None),  # March or April: not guessed
    ("CELPIP-General\nTest Date: 25/03/2026", "2026-03-25"),
    ("IELTS General Training\nTest Date 04/03/2026", "2026-03-04"),  # IELTS writes the day first
    ("IELTS General Training\nTest Date 14/MAR/2026", "2026-03-14"),
    ("TCF Canada\nDate de session : 3 février 2025", "2025-02-03"),
    ("IELTS General Training\nTest Date 31/02/2026", None),
])
def test_the_test_date(text: str, date: str | None) -> None:
    assert _read(text)["date"] == date


def test_tests_ircc_does_not_designate_have_no_levels() -> None:
    result = _read("IELTS\nACADEMIC\nListening 8.0\nReading 8.0\nWriting 8.0\nSpeaking 8.0")
    assert (result["test"], result["variant"], result["clb"]) == ("IELTS", "Academic", None)


def test_every_chart_names_its_source_and_descends() -> None:
    knowledge = equivalencies()
    sources = {source["id"] for source in knowledge["sources"]}
    for table in knowledge["tests"].values():
        assert set(table["sources"]) <= sources
        for chart in (table, table.get("before") or table):
            levels = [row["level"] for row in chart["levels"]]
            assert levels == sorted(levels, reverse=True)
            for ability in ("listening", "reading", "writing", "speaking"):
                scores = [row[ability] for row in chart["levels"]]
                assert scores == sorted(scores, reverse=True)


def test_the_facts_schema_describes_what_is_read() -> None:
    import io

    import jsonschema

    from permit_check.files.inspectors.pdf import read_pdf_text
    from permit_check.files.resources import load_schema
    from permit_check.rules.text_facts import text_facts
    from tests import reportfactory as report

    schema = load_schema("facts")["properties"]["text_facts"]
    for lines in (report.ielts_lines("ACADEMIC"), report.celpip_lines(), report.pte_lines(), report.tef_lines(),
                  report.tcf_lines(), ["IELTS", "no results"]):
        text = read_pdf_text(io.BytesIO(report.report_pdf(lines)), 2)
        jsonschema.validate(text_facts(text, 2026), schema)
    jsonschema.validate(text_facts("", 2026, "IELTS_Academic.jpg"), schema)


@pytest.mark.parametrize(("module", "test_id"), [("ACADEMIC", "ielts-academic"),
                                                 ("GENERAL TRAINING", "ielts-general")])
def test_the_module_field_decides_the_ielts_variant_not_the_forms_note(module: str, test_id: str) -> None:
    """Every Test Report Form prints a NOTE naming both modules: an Academic report was read as General
    Training (and a PGWP folder READY) because "GENERAL TRAINING" stood in its NOTE."""
    from tests import reportfactory as report

    lines = report.ielts_lines(module)
    assert any("GENERAL TRAINING" in line for line in report.IELTS_NOTE)
    assert any("ACADEMIC" in line for line in report.IELTS_NOTE)
    assert language_test("\n".join(lines))["id"] == test_id
    # The NOTE as one line, as a PDF without line breaks gives it
    joined = [line for line in lines if line not in report.IELTS_NOTE] + [" ".join(report.IELTS_NOTE)]
    assert language_test("\n".join(joined))["id"] == test_id


@pytest.mark.parametrize("text", [
    # a module named in a sentence only
    "IELTS\nTest Report Form\nThis General Training module result may be used for immigration purposes.",
    "IELTS\nTest Report Form\nAcademic institutions may verify this result online.",
    # two module fields: which one is the report's cannot be told
    "IELTS\nTest Report Form\nACADEMIC\nGeneral Training\nListening 8.0",
    "IELTS\nModule: General Training\nModule: Academic",
])
def test_an_ielts_module_the_words_do_not_settle_is_unknown(text: str) -> None:
    assert language_test(text) == {"id": "ielts", "name": "IELTS"}


@pytest.mark.parametrize(("text", "test_id"), [
    ("IELTS\nTest Report Form\nACADEMIC", "ielts-academic"),
    ("IELTS Test Report Form\nModule: General Training", "ielts-general"),
    ("IELTS General Training\nListening 6.0", "ielts-general"),
    ("IELTS Academic Test Report Form\nListening 6.0", "ielts-academic"),
    ("International English Language Testing System\nGENERAL TRAINING", "ielts-general"),
])
def test_an_ielts_module_field_is_read(text: str, test_id: str) -> None:
    assert language_test(text)["id"] == test_id
