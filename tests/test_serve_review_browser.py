"""The review page of `studypack serve --review` in a real browser (Debian's Chromium through
chromedriver, as tests/test_serve_browser.py drives `serve`): a class of three marked from
scans, three questions waiting (a faint dot, two ticks where one is allowed, a box blacked
out). The teacher decides by clicking, by the keyboard alone and on a phone's screen; after
each decision marks.csv, decisions.json and the page say the new mark, and the focus is where
a keyboard user goes on from. Skipped only where Chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

import csv
import io
import os
import queue
import random
import subprocess
import sys
import threading

import pypdfium2
import pytest
from click.testing import CliRunner

import scanner
from serving import wait_for
from studypack.commands.cli import main
from studypack.mark import decisions
from test_serve_browser import CHROMIUM, DRIVER

webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("uvicorn")
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
TOUCH = 40  # CSS pixels: a button a finger can hit (WCAG's minimum is 24; Apple and Google ask 44 and 48)


def _right(unit: dict) -> dict[str, list[str]]:
    return {e["question"]: e["correct"] for e in unit["questions"]}


@pytest.fixture
def marked(tmp_path):
    """A class set of three scanned and marked: copy 1 has every right box crossed but Q1's,
    a faint dot; copy 2 every right box ticked, a wrong box of Q2 too, and Q4's first right box
    blacked out; copy 3 is blank. Returns the marked folder and the map."""
    folder = scanner.class_set(tmp_path, 3)
    data = scanner.marking_map(folder)
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    rng = random.Random(28)
    scans = tmp_path / "scans"
    scans.mkdir()
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        if not copy:
            continue
        image = scanner.render(pdf, index, 200)
        unit = data["units"][data["copies"][copy - 1]["unit"]]
        page = unit["pages"][number - 1]
        right = _right(unit)
        for box in page["boxes"]:
            pen = _pen(copy, box["question"], box["choice"], right[box["question"]])
            if pen:
                scanner.draw(image, box["rect"], scanner.Pen(pen), 200, page["size"][1], rng)
        image.save(scans / f"page-{index:02d}.png")
    out = tmp_path / "marked"
    result = CliRunner().invoke(main, ["mark", str(scans), "--map", str(folder / "marking-map.json"), "--out", str(out)])
    assert result.exit_code == 1 and "3 questions" in result.output, result.output  # three wait for the teacher
    return out, data


def _pen(copy: int, question: str, choice: str, right: list[str]) -> str:
    if copy == 1 and choice in right:
        return "dot" if question == "quiz:1" else "cross"
    if copy == 2 and question == "quiz:4" and choice == right[0]:
        return "blacked"
    if copy == 2 and (choice in right or (question == "quiz:2" and choice == _wrong(right))):
        return "tick"
    return ""


def _wrong(right: list[str]) -> str:
    """A box of a single-answer question that the key does not tick."""
    return next(c for c in "ABCDE" if c not in right)


@pytest.fixture
def server(marked):
    out, _data = marked
    process = subprocess.Popen([sys.executable, "-m", "studypack", "serve", "--review", str(out), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=60)
        assert first.startswith("Serving ") and "http://127.0.0.1:" in first, first
        yield first.split(" at ")[1].split()[0].rstrip("/")
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1300,1000"):
        options.add_argument(flag)
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium look for a driver online
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _marks(out) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO((out / "marks.csv").read_text(encoding="utf-8-sig")))
    return {row["Student"]: row for row in rows}


def _sections(driver) -> list[dict]:
    """Each question on the page: its heading, what it says, whether it is done, its crops' widths."""
    return driver.execute_script("""
        return [...document.querySelectorAll('section.question')].map(s => ({
            heading: s.querySelector('h2').textContent, why: s.querySelector('.why').textContent,
            done: s.classList.contains('done'),
            crops: [...s.querySelectorAll('img')].map(img => img.complete ? img.naturalWidth : 0)}));""")


def _focused(driver) -> str:
    return driver.execute_script("const f = document.activeElement; return f ? (f.getAttribute('aria-label') || "
                                 "f.tagName) : ''")


def _settled(driver, waiting: int) -> bool:
    """The page shows `waiting` questions waiting, and is not marking."""
    said = driver.find_element(By.ID, "summary").text
    busy = driver.find_element(By.ID, "busy").is_displayed()
    return not busy and (said.startswith(f"{waiting} question") if waiting else said.startswith("Nothing waits"))


def _tab_to(driver, label: str, most: int = 40) -> None:
    """Tab through the page (as a keyboard user does) until `label` has the focus."""
    for _ in range(most):
        if _focused(driver) == label:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"Tab never reached {label!r}; last: {_focused(driver)!r}")


def test_the_review_page_decides_boxes_by_mouse_keyboard_and_phone(marked, server, browser):
    out, data = marked
    units = [data["units"][c["unit"]] for c in data["copies"]]
    one, two = _right(units[0]), _right(units[1])
    before = _marks(out)
    assert (before["Student 01"]["quiz Q1"], before["Student 02"]["quiz Q2"], before["Student 02"]["quiz Q4"]) == ("?",) * 3
    assert before["Student 03"]["Total"] == "0" and before["Student 03"]["To review"] == "0"

    browser.get(server + "/")
    wait_for(lambda: _settled(browser, 3), "three questions waiting")
    sections = wait_for(lambda: (lambda s: s if all(all(s2["crops"]) for s2 in s) else None)(_sections(browser)),
                        "every crop to load")
    assert [s["heading"] for s in sections] == ["Student 01 (copy 1): quiz Q1", "Student 02 (copy 2): quiz Q2",
                                               "Student 02 (copy 2): quiz Q4"]
    assert [s["why"] for s in sections] == ["a box not clearly ticked or empty", "2 boxes ticked where 1 allowed",
                                            "a box not clearly ticked or empty"]
    assert [len(s["crops"]) for s in sections] == [1, 2, 3]  # each box not read empty (Q4: three ticks and the blot)
    assert all(width > 20 for s in sections for width in s["crops"])

    # the mouse: copy 1's dot is a tick
    ticked = f"Ticked: Student 01, quiz Q1, box {one['quiz:1'][0]}"
    browser.find_element(By.CSS_SELECTOR, f"button[aria-label='{ticked}']").click()
    wait_for(lambda: _settled(browser, 2), "two questions waiting")
    assert _sections(browser)[0]["done"] and _sections(browser)[0]["why"] == "marked: 1 of 1"
    assert _marks(out)["Student 01"]["quiz Q1"] == "1" and _marks(out)["Student 01"]["To review"] == "0"
    assert decisions.load(out) == {(1, "quiz:1", one["quiz:1"][0]): "filled"}
    pressed = browser.find_element(By.CSS_SELECTOR, f"button[aria-label='{ticked}']")
    assert pressed.get_attribute("aria-pressed") == "true"
    # the focus goes on to the next question waiting, where the keyboard takes over
    assert _focused(browser).endswith("Student 02, quiz Q2, box " + min(two["quiz:2"][0], _wrong(two["quiz:2"])))

    # the keyboard alone: Q2's wrong tick was a slip (Tab to it, Space), Q4's blot a tick (Enter)
    _tab_to(browser, f"Empty: Student 02, quiz Q2, box {_wrong(two['quiz:2'])}")
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    wait_for(lambda: _settled(browser, 1), "one question waiting")
    assert _marks(out)["Student 02"]["quiz Q2"] == "1"
    assert _focused(browser).startswith("Ticked: Student 02, quiz Q4")
    _tab_to(browser, f"Ticked: Student 02, quiz Q4, box {two['quiz:4'][0]}")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for(lambda: _settled(browser, 0), "nothing waiting")
    after = _marks(out)
    assert (after["Student 02"]["quiz Q4"], after["Student 02"]["To review"]) == ("3", "0")
    assert after["Student 02"]["Total"] == str(sum(e["marks"] for e in units[1]["questions"]))
    assert len(decisions.load(out)) == 3

    # the same page on a phone: nothing wider than the screen, buttons a finger can hit; Undo by a tap
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    browser.get(server + "/")
    wait_for(lambda: _settled(browser, 0), "the page on a phone")
    fit = browser.execute_script("""
        return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth,
                buttons: [...document.querySelectorAll('button')].map(b => b.getBoundingClientRect())
                         .map(r => [r.left, r.right, r.height])};""")
    assert fit["inner"] == 390 and fit["scroll"] <= 390, fit
    assert all(0 <= left and right <= 390 and height >= TOUCH for left, right, height in fit["buttons"]), fit
    undo = f"Undo: Student 01, quiz Q1, box {one['quiz:1'][0]}"
    browser.find_element(By.CSS_SELECTOR, f"button[aria-label='{undo}']").click()
    wait_for(lambda: _settled(browser, 1), "copy 1's Q1 waiting again")
    assert _marks(out)["Student 01"]["quiz Q1"] == "?" and len(decisions.load(out)) == 2
    assert _focused(browser) == f"Ticked: Student 01, quiz Q1, box {one['quiz:1'][0]}"


pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite


def test_the_review_page_meets_wcag_21_aa(marked, server, browser):
    """axe-core finds nothing against WCAG 2.1 AA on the review page, its questions waiting."""
    from conftest import axe_or_skip
    from test_serve_browser import axe_violations

    source = axe_or_skip()
    browser.get(server + "/")
    wait_for(lambda: _settled(browser, 3), "three questions waiting")
    wait_for(lambda: (lambda s: s if all(all(s2["crops"]) for s2 in s) else None)(_sections(browser)), "every crop to load")
    assert axe_violations(browser, source) == []
