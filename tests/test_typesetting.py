"""Page make-up read back from the built example pack: boxes continue only on a new page,
no page is left holding a closing line alone, large-print tables keep whole words."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import squash


def page_texts(path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("name", ["default", "dyslexia", "large-print-24", "exam"])
def test_a_source_box_continues_only_on_the_next_page(name, shipped):
    for document in ("pack.pdf", "source-booklet.pdf"):
        for number, words in enumerate(page_texts(shipped(name) / document), start=1):
            for letter in "ABCDEFGH":
                starts = len(re.findall(rf"Source {letter}(?::| \(continued\))", words))
                assert starts <= 1, f"{document} page {number}: Source {letter} boxed twice"
                if f"Source {letter} (continued)" in words:
                    # the continuation opens its page, right under the running header
                    assert words.index(f"Source {letter} (continued)") < 80, (document, number, words[:120])
