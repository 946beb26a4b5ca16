"""The serve page's own words (what it shows and what its labels say to a screen reader), in
the language the command speaks: the one its problems are said in on the page and on the
terminal (the environment's, else the workspace's `language:`; docs/languages.md).

The page's HTML holds `{{say:KEY}}` where a word goes; its script reads every message (plural
forms and all) from a JSON block and chooses a form by the browser's plural rules for the
page's language, as the catalogues' own rules do."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from studypack.base import errors
from studypack.io import words

# (catalogue key, English): each the page's, said on the page only
WORDS: tuple[tuple[str, Any], ...] = (
    ("term.page-title", "studypack preview"),
    ("term.page-layout", "Layout"),
    ("term.page-tier", "Tier"),
    ("term.page-key-place", "Answer key"),
    ("term.page-key-after", "after the sheets"),
    ("term.page-key-beside", "beside the sheets"),
    ("term.page-size", "Page size"),
    ("term.page-size-small", "small"),
    ("term.page-size-medium", "medium"),
    ("term.page-size-large", "large"),
    ("term.page-size-full", "full"),
    ("term.page-starting", "Starting…"),
    ("term.page-print-title", "Print the pages shown (each document also has its own Print button, which prints its PDF)"),
    ("term.page-print", "Print"),
    ("term.page-class-set", "Class set: a named copy for every student"),
    ("term.page-class-set-hint", "Choose the class list your MIS or Excel saved, as CSV or as an Excel workbook (.xlsx): "
                                 "names, class, candidate number; optional layout and tier columns. It stays on this "
                                 "computer: the copies are made with the layout and tier chosen above, of the sheets ticked "
                                 "below."),
    ("term.page-sheets-legend", "Sheets in the class set"),
    ("term.page-class-list", "Class list"),
    ("term.page-variants", "Variants"),
    ("term.page-variants-none", "none (everyone the same)"),
    ("term.page-variants-2", "A and B"),
    ("term.page-variants-3", "A, B and C"),
    ("term.page-variants-4", "A to D"),
    ("term.page-documents", "Documents"),
    ("term.page-offline", "The preview has stopped: run {command} again, then reload this page."),
    ("term.page-problems", {"one": "{n} problem", "other": "{n} problems"}),
    ("term.page-warnings", {"one": "{n} warning", "other": "{n} warnings"}),
    ("term.page-pages", {"one": "{n} page", "other": "{n} pages"}),
    ("term.page-students", {"one": "{n} student", "other": "{n} students"}),
    ("term.page-rows", {"one": "{n} row", "other": "{n} rows"}),
    ("term.page-building", "Building…"),
    ("term.page-up-to-date", "Up to date · built {time} in {seconds} s"),
    ("term.page-failed-at", "Build failed at {time}"),
    ("term.page-tab-title", "{pack} · studypack preview"),
    ("term.page-cannot-build", "The pack cannot be built: {problems} to fix"),
    ("term.page-stale", "The pages below are from the last good build ({time}); they do not show your latest changes. Fix "
                        "the problems above and save: the pages come back by themselves."),
    ("term.page-made-sheets", "sheets {ids}"),
    ("term.page-whole-pack", "the whole pack"),
    ("term.page-one-tier", "{tier} tier"),
    ("term.page-both-tiers", "both tiers"),
    ("term.page-foundation", "foundation"),
    ("term.page-higher", "higher"),
    ("term.page-variants-n", ", {n} variants"),
    ("term.page-made-from", "Made from {roster} with the layout {layout}, {tier}, {sheets}{variants}."),
    ("term.page-made-other", " The page now shows the layout {layout}, {tier}: this class set was not made with it; choose "
                             "the class list again to make one that is."),
    ("term.page-doc-meta", "{file} · {pages} · "),
    ("term.page-open-pdf", "open the PDF"),
    ("term.page-alt", "{file}, page {page} of {pages}"),
    ("term.page-caption", "Page {page} of {pages}"),
    ("term.page-answer-key", "Answer key"),
    ("term.page-print-frame", "PDF to print"),
    ("term.page-tick-sheet", "Tick at least one sheet for the class set, then choose the class list again."),
    ("term.page-making", "Making the class set from {name}…"),
    ("term.page-no-answer", "The preview server did not answer; is it still running?"),
    ("term.page-none-made", "No class set was made:"),
    ("term.page-roster-line", "{roster}: {students}"),
    ("term.page-rows-left", " ({rows} left out, below)"),
    ("term.page-to-print", " · {pages} to print"),
    ("term.page-col-line", "Line"),
    ("term.page-col-name", "Name"),
    ("term.page-col-class", "Class"),
    ("term.page-col-id", "Candidate no."),
    ("term.page-rows-left-list", "Rows left out (fix them in the file and choose it again):"),
    ("term.page-warnings-list", "{warnings}:"),
    ("term.page-download-set", "Class set PDF (print this)"),
    ("term.page-download-copies", "Personal copies (.zip)"),
    ("term.page-as-pack-says", "as the pack says"),
    ("term.page-yours", " (yours)"),
    ("term.page-roster-big", "this file is too big for a class list (over 2 MB): choose the CSV or .xlsx your MIS or Excel "
                             "saved"),
)
_ENGLISH = dict(WORDS)
_SAY = re.compile(r"\{\{say:([a-z0-9.-]+)\}\}")


def language() -> str:
    """The page's language code: the one the command speaks."""
    return errors.speaking() or words.ENGLISH


def messages(code: str) -> dict[str, Any]:
    """Every message of the page in `code`, as the catalogue has it (plural forms and places)."""
    catalogue = words.catalogue(code).messages
    return {key[len("term.page-"):]: catalogue.get(key, english) for key, english in WORDS}


def page(template: str, nonce: str) -> str:
    """The page's HTML in its language: its words in place, its script given every message."""
    code = language()
    said = messages(code)

    def one(match: re.Match) -> str:
        key = match.group(1)
        text = said[key[len("term.page-"):]]
        return html.escape(text if isinstance(text, str) else text.get("other", ""), quote=True)

    data = json.dumps(said, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    filled = _SAY.sub(one, template)
    command = html.escape(said["offline"]).replace("{command}", "<code>studypack serve</code>")
    return (filled.replace("{{lang}}", html.escape(code)).replace("{{offline}}", command)
            .replace("{{words}}", data).replace("{{nonce}}", nonce))


def say(key: str, **values: Any) -> str:
    """One of the page's words said where Python composes it (the session's choices)."""
    return errors.said(key, _ENGLISH[key], **values)
