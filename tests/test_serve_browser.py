"""`studypack serve` in a real browser: Debian's Chromium, driven through chromedriver.

The command runs as a teacher would start it (a subprocess, on a free port); the page must
show the first page picture, follow saves on disk without a reload (and keep its scroll
position), show a broken save's error with its file and line, rebuild from the layout picker,
and turn a class list chosen in the file picker into a class set with the names on it.
Skipped only where Chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

import io
import os
import queue
import shutil
import subprocess
import sys
import threading
import urllib.request

import pytest
from pypdf import PdfReader

from conftest import squash
from serving import BROKEN_LINE, ROSTER, edit, make_pack, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("uvicorn")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture
def server(tmp_path):
    """`studypack serve` in its own process; yields (pack folder, address)."""
    pack = make_pack(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "studypack", "serve", str(pack), "--port", "0", "--jobs", "1"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=60)
        assert first.startswith("Serving ") and "http://127.0.0.1:" in first, first
        yield pack, first.split(" at ")[1].split()[0].rstrip("/")
    finally:
        process.terminate()
        process.wait(30)
    said = []
    while not lines.empty():
        said.append(lines.get())
    assert said and said[-1].startswith("stopped serving"), said


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


def page_texts(driver) -> str:
    return " ".join(e.get_attribute("textContent") for e in driver.find_elements(By.CSS_SELECTOR, ".page-text"))


def first_picture_loaded(driver):
    return driver.execute_script(
        "const img = document.querySelector('img.page');"
        "return img && img.complete && img.naturalWidth > 0 ? [img.getAttribute('src'), img.naturalWidth] : null;")


def test_the_page_follows_saves_shows_errors_and_makes_class_sets(server, browser, tmp_path):
    pack, address = server
    browser.get(address + "/")
    src, width = wait_for(lambda: first_picture_loaded(browser), "the first page picture")
    assert width == 910 and "/page/1/0/1.png" in src
    assert "What does Source A say about the confession?" in page_texts(browser)
    assert browser.find_element(By.ID, "status").text.startswith("Up to date")

    # a save on disk: new text without a reload, at the same scroll position
    browser.execute_script("window.notReloaded = true; window.scrollTo(0, 400);")
    edit(pack, "about the confession?", "about the Kronstadt confession?")
    wait_for(lambda: "Kronstadt" in page_texts(browser), "the edited text on the page")
    new_src, _ = wait_for(lambda: (lambda got: got if got and got[0] != src else None)(first_picture_loaded(browser)),
                          "the new picture of page 1")
    assert browser.execute_script("return window.notReloaded === true")
    assert abs(browser.execute_script("return window.scrollY") - 400) < 5

    # a broken save: the error with its file and line, above the last good pages
    edit(pack, "marks: 2,", "marks: ten,")
    errors = browser.find_element(By.ID, "errors")
    wait_for(lambda: errors.is_displayed(), "the error box")
    assert f"pack.yaml:{BROKEN_LINE}" in errors.text
    assert "marks must be a positive whole number, got 'ten'" in errors.text
    assert "last good build" in browser.find_element(By.ID, "stale").text
    assert browser.find_element(By.ID, "status").text.startswith("Build failed")
    edit(pack, "marks: ten,", "marks: 2,")
    wait_for(lambda: not errors.is_displayed(), "the error box to go once the pack is fixed")

    # the layout picker rebuilds in place
    Select(browser.find_element(By.ID, "layout")).select_by_value("letter")
    wait_for(lambda: (first_picture_loaded(browser) or [None, 0])[1] == 935, "page 1 on US Letter")
    assert browser.execute_script("return window.notReloaded === true")

    # a class list chosen in the browser: who is in it, the row left out, and the class set
    roster = tmp_path / "10C.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element(By.CSS_SELECTOR, "#classset summary").click()
    browser.find_element(By.ID, "roster-file").send_keys(str(roster))
    link = wait_for(lambda: browser.find_elements(By.ID, "download-class-set"), "the class-set download", timeout=180)[0]
    table = browser.find_element(By.ID, "students").text
    assert "Aoife Brennan" in table and "Tomasz Kowalczyk" in table and "Priya Raman" in table
    assert "10C.csv:4" in browser.find_element(By.ID, "roster-problems").text
    with urllib.request.urlopen(link.get_attribute("href"), timeout=60) as answer:
        reader = PdfReader(io.BytesIO(answer.read()))
    names = [squash(page.extract_text()) for page in reader.pages]
    assert any("Aoife Brennan" in text for text in names) and any("Tomasz Kowalczyk" in text for text in names)
    assert not any("Priya Raman" in text for text in names)
    assert reader.pages[0].mediabox.width == 612  # made with the layout picked on the page



pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(driver, source: str) -> list[str]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as it stands: each rule broken,
    with the elements that break it."""
    driver.execute_script(source + "\nwindow.axe = axe;")
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ': ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', '))), e => done(['axe failed: ' + e]));", WCAG_AA)
    return list(found)


def test_the_preview_meets_wcag_21_aa(server, browser):
    """axe-core finds nothing against WCAG 2.1 AA: on the page as it opens, with the class-set
    box open, and with a broken save's errors shown (axe checks what is rendered)."""
    from conftest import axe_or_skip

    source = axe_or_skip()
    pack, address = server
    browser.get(address + "/")
    wait_for(lambda: first_picture_loaded(browser), "the first page picture")
    assert axe_violations(browser, source) == []
    browser.execute_script("document.getElementById('classset').open = true;"
                           "document.getElementById('warnings').open = true;")
    assert axe_violations(browser, source) == []
    edit(pack, "marks: 2,", "marks: ten,")
    wait_for(lambda: browser.find_element(By.ID, "errors").is_displayed(), "the error box")
    assert axe_violations(browser, source) == []
