"""`studypack serve` on a phone's screen, printing, and class sets of ticked sheets, in
Chromium (as tests/test_serve_browser.py drives it): the header must not hold the screen,
pages fit the width, the Print buttons print, and a class set says what made it, and says
so plainly once the page shows another layout.
"""

from __future__ import annotations

import io
import os
import queue
import subprocess
import sys
import threading
import urllib.request

import pytest
from pypdf import PdfReader

from conftest import squash
from serving import wait_for
from test_serve_browser import CHROMIUM, DRIVER, first_picture_loaded
from test_serve_classsets import GOOD, make_workspace

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


@pytest.fixture
def server(tmp_path):
    pack = make_workspace(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "studypack", "serve", str(pack), "--port", "0", "--jobs", "1"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=60)
        assert first.startswith("Serving "), first
        yield pack, first.split(" at ")[1].split()[0].rstrip("/")
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture
def phone(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1300,1000"):
        options.add_argument(flag)
    os.environ.setdefault("SE_OFFLINE", "true")
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.set_script_timeout(30)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        yield driver
    finally:
        driver.quit()


def measure(driver) -> dict:
    return driver.execute_script("""
        const header = document.querySelector('header').getBoundingClientRect();
        const pages = [...document.querySelectorAll('img.page')].map(img => img.getBoundingClientRect());
        return {inner: window.innerWidth, height: window.innerHeight, header: header.height,
                position: getComputedStyle(document.querySelector('header')).position,
                scroll: document.documentElement.scrollWidth,
                pages: pages.map(r => [r.left, r.right, r.width])};""")


def test_a_phone_sees_whole_pages_prints_and_makes_a_class_set_of_ticked_sheets(server, phone, tmp_path):
    assert CHROMIUM and DRIVER
    _pack, address = server
    phone.get(address + "/")
    wait_for(lambda: first_picture_loaded(phone), "the first page picture")
    seen = measure(phone)
    assert seen["inner"] == 390
    assert seen["position"] == "static" and seen["header"] < seen["height"] / 5  # it scrolls away, and is short
    assert seen["scroll"] <= seen["inner"]  # nothing wider than the screen
    assert seen["pages"] and all(left >= 0 and right <= seen["inner"] and width >= 0.9 * (seen["inner"] - 16)
                                 for left, right, width in seen["pages"])  # each page scaled to the width, whole

    # printing: the page's own Print (the pages alone, one a sheet) and a document's (its PDF)
    assert phone.find_element(By.ID, "print").is_displayed()
    phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    printed = phone.execute_script("""
        return {header: getComputedStyle(document.querySelector('header')).display,
                box: getComputedStyle(document.getElementById('classset')).display,
                after: getComputedStyle(document.querySelector('img.page')).breakAfter};""")
    assert printed == {"header": "none", "box": "none", "after": "page"}
    phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    phone.execute_script("window.printPdf = url => { window.printed = url; };")
    phone.find_element(By.CSS_SELECTOR, "#doc-first-look\\.pdf .print-doc").click()
    assert phone.execute_script("return window.printed") == "/pdf/1/0/first-look.pdf"

    # a class set of the ticked sheets, saying what made it
    phone.find_element(By.CSS_SELECTOR, "#classset summary").click()
    boxes = phone.find_elements(By.CSS_SELECTOR, "#sheet-choice input")
    assert [b.get_attribute("value") for b in boxes] == ["first-look", "second-look"] and all(b.is_selected() for b in boxes)
    boxes[0].click()
    roster = tmp_path / "10C.csv"
    roster.write_text(GOOD, encoding="utf-8")
    phone.find_element(By.ID, "roster-file").send_keys(str(roster))
    link = wait_for(lambda: phone.find_elements(By.ID, "download-class-set"), "the class-set download", timeout=180)[0]
    made = phone.find_element(By.ID, "made-with")
    assert made.text == "Made from 10C.csv with the layout as the pack says, both tiers, sheets second-look."
    with urllib.request.urlopen(link.get_attribute("href"), timeout=60) as answer:
        text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.read())).pages))
    assert "Name one defendant" in text and "What does Source A say" not in text

    # another layout on the page: the class set says it was made with the other one
    Select(phone.find_element(By.ID, "layout")).select_by_value("school")
    wait_for(lambda: "other" in made.get_attribute("class"), "the class set marked as made with another layout")
    assert "The page now shows the layout school (yours), both tiers: this class set was not made with it" in made.text


pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite
