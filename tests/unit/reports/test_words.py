"""Counted words agree with their number in every language (French: 0 and 1 take the singular)."""

from __future__ import annotations

import pytest

from permit_check.reports.words import batch_line, summary_heading


@pytest.mark.parametrize(("counts", "english", "french"), [
    ((3, 1, 2, 0), "3 folders: 1 ready, 2 not ready.", "3 dossiers : 1 prêt, 2 pas prêts."),
    ((2, 2, 0, 0), "2 folders: 2 ready, 0 not ready.", "2 dossiers : 2 prêts, 0 pas prêt."),
    ((4, 0, 1, 3), "4 folders: 0 ready, 1 not ready, 3 could not be scanned.",
     "4 dossiers : 0 prêt, 1 pas prêt, 3 impossibles à vérifier."),
])
def test_a_batch_line_agrees_with_its_counts(counts: tuple[int, int, int, int], english: str, french: str) -> None:
    assert batch_line(*counts, "en") == english
    assert batch_line(*counts, "fr") == french


def test_the_batch_summary_heading_agrees_with_its_count() -> None:
    assert summary_heading(1, 3, "en") == "Summary: 1 of 3 folders ready"
    assert summary_heading(1, 3, "fr") == "Bilan : 1 dossier prêt sur 3"
    assert summary_heading(2, 3, "fr") == "Bilan : 2 dossiers prêts sur 3"
