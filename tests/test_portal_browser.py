"""The portal as people use it: a real headless Chromium at a phone's 390×844 and a desktop's
1366×900, against ``govsearch demo`` (the bundled sample data, demo sign-in on) on a free port.

Accessibility is checked by axe-core (installed from npm by scripts/test.sh) on every page in
both modes. Screenshots go to each test's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import REPOSITORY

pytestmark = pytest.mark.slow  # a real browser against the demo

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = REPOSITORY / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SAMPLE_CASES = REPOSITORY / "govsearch" / "sample_data" / "cases.jsonl"
PHONE, DESKTOP = (390, 844), (1366, 900)
DEMO_USER = "p000001"  # a sample user with cases and a history
LOCALITY_KEY = "govsearch.locality"  # where the portal remembers the person's locality


@pytest.fixture(scope="module")
def portal(demo) -> str:
    """The session's ``govsearch demo`` (the bundled sample data, demo sign-in on)."""
    return demo.base


def _chromium(folder: Path, size: tuple[int, int]) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={folder}", "--lang=zh-CN"):
        options.add_argument(flag)
    # The console's errors and the network's events, read by _console_errors and _network.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    width, height = size
    # The viewport itself (a window has a minimum width wider than a phone).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.set_script_timeout(60)
    return driver


@pytest.fixture(scope="module")
def phone_browser(tmp_path_factory):
    """One Chromium at a phone's size for the module's tests."""
    driver = _chromium(tmp_path_factory.mktemp("chromium"), PHONE)
    yield driver
    driver.quit()


@pytest.fixture
def first_visit(phone_browser, portal):
    """The phone's browser as a first visit finds it: nothing remembered from an earlier test."""
    phone_browser.get(portal + "/")
    phone_browser.delete_all_cookies()
    phone_browser.execute_script("localStorage.clear(); sessionStorage.clear();")
    _console_errors(phone_browser), _failed_requests(phone_browser)  # what earlier tests left
    return phone_browser


@pytest.fixture
def phone(first_visit):
    """The phone's browser of someone who has been here: asked for the locality once, skipped it."""
    first_visit.execute_script("localStorage.setItem(arguments[0], '')", LOCALITY_KEY)
    return first_visit


def _open(driver, address: str) -> None:
    driver.get(address)
    _drawn(driver)


def _drawn(driver) -> None:
    """Wait until the view for the current address is drawn."""
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "view").get_attribute("aria-busy") == "false")


def _texts(driver, selector: str) -> list[str]:
    """Each element's visible text, its line breaks and runs of spaces folded to one space."""
    return [" ".join(e.text.split()) for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def _query(driver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


def _overflow(driver) -> int:
    """How many pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return driver.execute_script("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def _console_errors(driver) -> list[str]:
    """The console's errors since the last call (a failed request is one too)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _network(driver) -> list[dict]:
    """The browser's network events since the last call (each is read once)."""
    return [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]


def _failed_requests(driver) -> list[tuple[str, int]]:
    """(address, status) of each response with a 4xx or 5xx status since the last read."""
    responses = [e["params"]["response"] for e in _network(driver) if e["method"] == "Network.responseReceived"]
    return [(r["url"], r["status"]) for r in responses if r["status"] >= 400]


def _requested(driver, path: str) -> list[dict[str, list[str]]]:
    """The query of each request to ``path`` since the last read."""
    urls = [e["params"]["request"]["url"] for e in _network(driver) if e["method"] == "Network.requestWillBeSent"]
    return [parse_qs(urlsplit(url).query) for url in urls if urlsplit(url).path == path]


def _shown_words(driver) -> list[str]:
    """Words a person should never read: a value the page failed to put into words."""
    text = driver.execute_script("return document.body.innerText")
    return re.findall(r"null|undefined|NaN|\[object Object\]", text)


def _locality_prompt_open(driver) -> bool:
    return driver.execute_script("return document.getElementById('locality-dialog').open")


def _serious_violations(driver) -> list[dict]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    violations = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ["violations"] }).then((result) => done(result.violations.map((v) => (
            { id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))));
    """)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def _sign_in(driver, portal: str) -> None:
    _open(driver, portal + "/me")
    Select(driver.find_element(By.ID, "demo-user")).select_by_value(DEMO_USER)
    driver.find_element(By.CSS_SELECTOR, "#demo-sign-in button[type=submit]").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#my-cases .case"))


def _care_mode(driver, on: bool) -> None:
    button = driver.find_element(By.ID, "care-button")
    if (button.get_attribute("aria-pressed") == "true") != on:
        button.click()


PAGES = {
    "home": "/",
    "results": "/search?q=" + "公积金提取",
    "filtered": "/search?q=" + "公积金提取" + "&theme=住房保障",
    "empty": "/search?q=xyzqwe",
    "answer": "/search?q=" + "结婚登记要带什么" + "&locality=四川省成都市武侯区",
    "guide": "/guide/SG330100001",
    "case": "/case",
    "me": "/me",
}


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390x844", "1366x900"])
def test_every_page_fits_the_screen_and_passes_axe_in_both_modes(portal, tmp_path, size):
    """No sideways scrolling and no serious or critical axe-core violation, on every page,
    in the standard mode and in 关怀模式, signed out and signed in."""
    assert AXE.is_file(), "axe-core is missing: scripts/test.sh installs it from npm"
    driver = _chromium(tmp_path / "chromium", size)
    label = f"{size[0]}x{size[1]}"
    try:
        _open(driver, portal + "/")
        WebDriverWait(driver, 10).until(_locality_prompt_open)  # a first visit asks where the person is
        problems = [f"locality prompt: {v}" for v in _serious_violations(driver)]
        driver.find_element(By.CSS_SELECTOR, "#locality-form button[value=clear]").click()
        for mode in ("standard", "care"):
            _open(driver, portal + "/")
            _care_mode(driver, mode == "care")
            pages = dict(PAGES)
            for name, path in pages.items():
                _open(driver, portal + path)
                problems += [f"{name} {mode}: {v}" for v in _serious_violations(driver)]
                if _overflow(driver):
                    problems.append(f"{name} {mode}: {_overflow(driver)} px wider than the screen")
                driver.save_screenshot(str(tmp_path / f"{name}-{label}-{mode}.png"))
            _sign_in(driver, portal)
            for toggle in driver.find_elements(By.CSS_SELECTOR, "#my-cases .case-toggle")[:2]:
                toggle.click()  # a case's timeline open
            problems += [f"me signed in {mode}: {v}" for v in _serious_violations(driver)]
            if _overflow(driver):
                problems.append(f"me signed in {mode}: {_overflow(driver)} px wider than the screen")
            driver.save_screenshot(str(tmp_path / f"me-signed-in-{label}-{mode}.png"))
            driver.find_element(By.XPATH, "//button[text()='退出登录']").click()
            _drawn(driver)
        assert problems == []
    finally:
        driver.quit()


def test_a_fact_question_is_answered_on_the_card_above_the_results_with_a_link_to_its_section(portal, phone, tmp_path):
    _open(phone, portal + "/search?q=" + "结婚登记要带什么" + "&locality=四川省成都市武侯区")
    card = phone.find_element(By.CSS_SELECTOR, ".answer")
    first = phone.find_element(By.CSS_SELECTOR, ".results .card")
    assert card.location["y"] < first.location["y"]  # above the results, on the first screen
    assert card.location["y"] + card.size["height"] < PHONE[1] * 1.5
    assert _texts(phone, ".answer h2") == ["申请材料"] and "居民身份证" in _texts(phone, ".answer .fact")[0]
    whose = _texts(phone, ".answer .whose")[0]
    assert "四川省成都市武侯区" in whose and "内地居民结婚登记" in whose  # whose fact it is
    phone.save_screenshot(str(tmp_path / "answer-390x844.png"))
    card.find_element(By.LINK_TEXT, "查看办事指南").click()
    _drawn(phone)
    assert urlsplit(phone.current_url).fragment == "materials"
    assert phone.execute_script("return document.getElementById('materials').getBoundingClientRect().top") < 200
    _open(phone, portal + "/search?q=" + "公积金提取")
    assert phone.find_elements(By.CSS_SELECTOR, ".answer") == []  # a name asks no fact


def test_the_accessibility_check_catches_a_planted_violation(portal, phone):
    """The harness itself: axe-core runs in the page and reports what it finds."""
    _open(phone, portal + "/")
    phone.execute_script("""document.getElementById("view").append(
        Object.assign(document.createElement("p"), { textContent: "看不清的文字", style: "color: #ccc" }));""")
    assert [v["id"] for v in _serious_violations(phone)] == ["color-contrast"]


def test_search_remove_a_chip_open_a_guide_and_back_restores_the_results(portal, phone, tmp_path):
    _open(phone, portal + "/")
    box = phone.find_element(By.ID, "q")
    box.send_keys("公积金提取", Keys.ENTER)
    _drawn(phone)
    assert _query(phone)["q"] == ["公积金提取"]
    names = _texts(phone, ".results .card h3")
    assert names[0] == "住房公积金提取" and len(names) == len(set(names))  # one card per service
    assert phone.find_element(By.ID, "suggestions").is_displayed() is False  # Enter closed the list

    phone.find_element(By.CSS_SELECTOR, ".facets summary").click()  # folded on a phone
    phone.find_element(By.XPATH, "//details[@class='facets']//a[starts-with(normalize-space(), '住房保障')]").click()
    _drawn(phone)
    assert _query(phone)["theme"] == ["住房保障"]
    assert _texts(phone, ".chips .chip") == ["主题：住房保障 ×"]
    others = _texts(phone, ".facets fieldset:nth-of-type(2) a")
    assert len(others) > 1, "choosing a theme still shows the other themes"

    phone.find_element(By.CSS_SELECTOR, ".chips .chip").click()
    _drawn(phone)
    assert "theme" not in _query(phone) and _texts(phone, ".chips .chip") == []
    before = _texts(phone, ".results .card h3")
    assert before == names

    phone.find_element(By.CSS_SELECTOR, ".results .card h3 a").click()
    _drawn(phone)
    assert urlsplit(phone.current_url).path == "/guide/SG330100001"
    assert phone.find_element(By.TAG_NAME, "h1").text == "住房公积金提取"
    sections = _texts(phone, ".guide section h2")
    for wanted in ("事项概述", "办理条件", "申请材料", "办理流程", "办理时限", "收费标准", "设定依据", "办理地点和时间", "办理情形", "其他地区"):
        assert wanted in sections
    assert phone.find_element(By.LINK_TEXT, "在线办理").get_attribute("href").startswith("https://")
    phone.save_screenshot(str(tmp_path / "guide.png"))

    phone.back()
    _drawn(phone)
    assert _query(phone)["q"] == ["公积金提取"] and _texts(phone, ".results .card h3") == before
    phone.refresh()
    _drawn(phone)
    assert _texts(phone, ".results .card h3") == before


def test_switching_the_locality_changes_the_results_and_is_remembered(portal, phone):
    _open(phone, portal + "/search?q=" + "公积金提取")
    first_region = lambda: phone.find_element(By.CSS_SELECTOR, ".results .card .meta").text  # noqa: E731
    assert "四川省成都市" not in first_region()
    phone.find_element(By.ID, "locality-button").click()
    Select(phone.find_element(By.ID, "locality-province")).select_by_visible_text("四川省")
    Select(phone.find_element(By.ID, "locality-city")).select_by_visible_text("成都市")
    phone.find_element(By.CSS_SELECTOR, "#locality-form button[value=save]").click()
    wait = WebDriverWait(phone, 20, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda d: _query(d).get("locality") == ["四川省成都市"])
    _drawn(phone)
    assert "四川省成都市" in first_region()
    assert phone.find_element(By.ID, "locality-button").text == "地区：成都市"

    _open(phone, portal + "/")  # remembered: the next search from the box is for 成都
    phone.find_element(By.ID, "q").send_keys("公积金提取", Keys.ENTER)
    _drawn(phone)
    assert _query(phone)["locality"] == ["四川省成都市"] and "四川省成都市" in first_region()


def test_browsing_the_directory_from_home(portal, phone):
    _open(phone, portal + "/")
    tile = phone.find_element(By.XPATH, "//section[h2='按主题']//a[span='住房保障']")
    counted = int(tile.find_element(By.CLASS_NAME, "count").text.split()[0])  # N 个事项
    tile.click()
    _drawn(phone)
    assert _query(phone) == {"theme": ["住房保障"]}
    services = int(phone.find_element(By.CSS_SELECTOR, ".status").text.split()[1])  # 共找到 N 个事项
    assert services == counted > 0  # the directory counts services as search does
    names = _texts(phone, ".results .card h3")
    assert len(names) == 10 and len(set(names)) == 10 and phone.find_element(By.CSS_SELECTOR, ".pager")


def test_nothing_found_offers_hot_searches_and_directory_entries(portal, phone):
    _open(phone, portal + "/search?q=xyzqwe")
    assert "没有找到与「xyzqwe」相关的事项" in phone.find_element(By.CSS_SELECTOR, ".empty").text
    assert len(phone.find_elements(By.CSS_SELECTOR, ".empty .tiles a")) >= 4


def test_my_page_demo_sign_in_cases_and_a_feed_that_not_interested_changes(portal, phone, tmp_path):
    _sign_in(phone, portal)
    cases = phone.find_elements(By.CSS_SELECTOR, "#my-cases .case")
    assert cases and any("已超期" in c.text for c in cases)  # the sample user has overdue cases
    cases[0].find_element(By.CLASS_NAME, "case-toggle").click()
    assert cases[0].find_elements(By.CSS_SELECTOR, ".timeline li")
    feed = phone.find_elements(By.CSS_SELECTOR, "#feed .card")
    assert len(feed) >= 3 and all(card.find_element(By.CLASS_NAME, "reason").text for card in feed)
    first = feed[0].get_attribute("data-code")
    feed[0].find_element(By.XPATH, ".//button[text()='不感兴趣']").click()
    WebDriverWait(phone, 20).until(lambda d: "已不再向您推荐" in d.find_element(By.CSS_SELECTOR, "#feed [role=status]").text)
    codes = [card.get_attribute("data-code") for card in phone.find_elements(By.CSS_SELECTOR, "#feed .card")]
    assert first not in codes and codes
    phone.save_screenshot(str(tmp_path / "me.png"))

    phone.refresh()  # still signed in for the tab's life, and the dismissed service stays away
    _drawn(phone)
    assert first not in [card.get_attribute("data-code") for card in phone.find_elements(By.CSS_SELECTOR, "#feed .card")]


def _lookup_a_case(driver, portal: str, case: dict) -> None:
    _open(driver, portal + "/case?no=" + case["case_no"])
    driver.find_element(By.ID, "case-verify").send_keys(case["query_password"], Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#case-result .timeline li"))


def test_no_page_shows_null_or_undefined_logs_an_error_or_misses_a_file(portal, phone):
    """Every page a citizen reaches, signed out and in, in both modes: no value the page failed to
    put into words ("承诺办结 … null"), no console error and no request answered 4xx/5xx."""
    cases = [json.loads(line) for line in SAMPLE_CASES.read_text(encoding="utf-8").splitlines()]
    without_reply = next(case for case in cases if case["kind"] == "办件")
    letter = next(case for case in cases if case["kind"] == "信件")
    views = {
        "home": lambda: _open(phone, portal + "/"),
        "results": lambda: _open(phone, portal + "/search?q=" + "公积金提取"),
        "directory": lambda: _open(phone, portal + "/search?theme=" + "住房保障"),
        "guide": lambda: _open(phone, portal + "/guide/SG330100001"),
        "case lookup": lambda: _open(phone, portal + "/case"),
        "case progress": lambda: _lookup_a_case(phone, portal, without_reply),
        "letter progress": lambda: _lookup_a_case(phone, portal, letter),
        "me signed out": lambda: _open(phone, portal + "/me"),
    }
    problems = []

    def check(name: str) -> None:
        problems.extend(f"{name}: shows {word!r}" for word in _shown_words(phone))
        problems.extend(f"{name}: console: {message}" for message in _console_errors(phone))
        problems.extend(f"{name}: {status} {url}" for url, status in _failed_requests(phone))

    for mode in ("standard", "care"):
        _open(phone, portal + "/")
        _care_mode(phone, mode == "care")
        for name, visit in views.items():
            visit()
            check(f"{name} ({mode})")
        _sign_in(phone, portal)
        for toggle in phone.find_elements(By.CSS_SELECTOR, "#my-cases .case-toggle"):
            toggle.click()  # every case's progress open
        WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#feed .card"))
        check(f"me signed in ({mode})")
        phone.find_element(By.XPATH, "//button[text()='退出登录']").click()
        _drawn(phone)
    assert problems == []


def test_every_page_has_an_icon_and_the_browsers_own_address_for_it_answers(portal, phone):
    for path in ("/", "/search?q=" + "公积金提取", "/guide/SG330100001", "/case", "/me"):
        _open(phone, portal + path)
        icon = phone.execute_script("const l = document.querySelector('link[rel~=icon]'); return l && l.href")
        assert icon and urlsplit(icon).path.startswith("/static/"), path
    statuses = phone.execute_async_script("""
        const done = arguments[arguments.length - 1];
        Promise.all([arguments[0], "/favicon.ico"].map((address) => fetch(address).then((r) => [r.status, r.headers.get("Content-Type")])))
            .then(done);""", icon)
    assert [status for status, _ in statuses] == [200, 200]
    assert all(kind.startswith("image/svg+xml") for _, kind in statuses)
    assert _failed_requests(phone) == []


def test_my_cases_show_status_beside_overdue_and_open_with_a_marker_that_turns(portal, phone, tmp_path):
    _sign_in(phone, portal)
    badges = {row.get_attribute("data-case-no"): _texts(phone, f"#my-cases .case[data-case-no='{row.get_attribute('data-case-no')}'] .badge")
              for row in phone.find_elements(By.CSS_SELECTOR, "#my-cases .case")}
    assert ["已办结", "已超期"] in badges.values()  # concluded late: the status is still said
    assert all(texts and texts[0] != "已超期" for texts in badges.values())  # every case says its status first

    row = phone.find_element(By.CSS_SELECTOR, "#my-cases .case")
    toggle = row.find_element(By.CLASS_NAME, "case-toggle")
    marker = toggle.find_element(By.CLASS_NAME, "marker")
    turned = lambda: phone.execute_script("return getComputedStyle(arguments[0]).transform", marker)  # noqa: E731
    assert toggle.tag_name == "button" and toggle.get_attribute("aria-expanded") == "false"
    assert marker.is_displayed() and marker.size["width"] > 0
    closed = turned()
    assert not row.find_element(By.CLASS_NAME, "timeline").is_displayed()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert row.find_element(By.CLASS_NAME, "timeline").is_displayed()
    WebDriverWait(phone, 5).until(lambda d: turned() != closed)  # the marker turns (a short transition)
    phone.save_screenshot(str(tmp_path / "me-case-open.png"))

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not row.find_element(By.CLASS_NAME, "timeline").is_displayed()


def _placeholder_fits(driver) -> bool:
    """The search box's placeholder, in the box's own font, fits inside the box's padding."""
    return driver.execute_script("""
        const box = document.getElementById("q"), style = getComputedStyle(box);
        const context = document.createElement("canvas").getContext("2d");
        context.font = style.font;
        const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return context.measureText(box.placeholder).width <= room;""")


def _row_of(driver, element_id: str) -> tuple[float, float]:
    rect = driver.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect()", element_id)
    return rect["top"], rect["bottom"]


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_the_header_fits_a_phone_in_both_modes(portal, phone, tmp_path, mode):
    """At 390 px the mode button shares a row (it never wraps onto a row of its own) and the
    search box's placeholder is read whole, even in 关怀模式's larger text."""
    _open(phone, portal + "/")
    _care_mode(phone, mode == "care")
    phone.save_screenshot(str(tmp_path / f"header-{mode}.png"))
    top, bottom = _row_of(phone, "care-button")
    others = phone.execute_script("""
        return [...document.querySelectorAll("header a, header button, header input")]
            .filter((e) => e.id !== "care-button" && e.offsetParent).map((e) => e.getBoundingClientRect())
            .map((r) => [r.top, r.bottom]);""")
    assert any(other_top < bottom and other_bottom > top for other_top, other_bottom in others)
    assert _placeholder_fits(phone)
    assert _overflow(phone) == 0


def test_a_first_visit_asks_for_the_locality_and_searches_send_it(portal, first_visit):
    phone = first_visit
    _open(phone, portal + "/")
    WebDriverWait(phone, 10).until(_locality_prompt_open)
    Select(phone.find_element(By.ID, "locality-province")).select_by_visible_text("浙江省")
    Select(phone.find_element(By.ID, "locality-city")).select_by_visible_text("杭州市")
    Select(phone.find_element(By.ID, "locality-district")).select_by_visible_text("西湖区")
    phone.find_element(By.CSS_SELECTOR, "#locality-form button[value=save]").click()
    _drawn(phone)
    assert not _locality_prompt_open(phone)
    assert phone.find_element(By.ID, "locality-button").text == "地区：西湖区"

    for _ in range(2):  # chosen, and after a reload
        _requested(phone, "/api/v1/search")
        phone.find_element(By.ID, "q").send_keys("公积金提取", Keys.ENTER)
        WebDriverWait(phone, 20).until(lambda d: _query(d).get("q") == ["公积金提取"])
        _drawn(phone)
        sent = _requested(phone, "/api/v1/search")
        assert sent and all(query["locality"] == ["浙江省杭州市西湖区"] for query in sent)
        _open(phone, portal + "/")
        assert not _locality_prompt_open(phone)
        assert phone.find_element(By.ID, "locality-button").text == "地区：西湖区"

    # A service the district does not offer is another locality's guide, and the card says whose.
    _open(phone, portal + "/search?q=" + "收养登记")
    for card in phone.find_elements(By.CSS_SELECTOR, ".results .card"):
        whose = card.find_elements(By.CLASS_NAME, "whose")
        region = phone.execute_script("return arguments[0].dataset.region", card)
        serves = not region or "浙江省杭州市西湖区".startswith(region)
        assert (whose == []) if serves else (whose[0].text == f"{region}的办事指南")
    assert phone.find_elements(By.CSS_SELECTOR, ".results .card .whose")


def test_skipping_the_locality_labels_every_card_and_is_not_asked_again(portal, first_visit, tmp_path):
    phone = first_visit
    _open(phone, portal + "/")
    WebDriverWait(phone, 10).until(_locality_prompt_open)
    phone.find_element(By.CSS_SELECTOR, "#locality-form button[value=clear]").click()
    assert not _locality_prompt_open(phone)

    _open(phone, portal + "/search?q=" + "公积金提取")
    cards = phone.find_elements(By.CSS_SELECTOR, ".results .card")
    labels = [card.find_element(By.CLASS_NAME, "whose").text for card in cards]
    assert cards and all(label.endswith("的办事指南") for label in labels)
    assert labels[0] == "浙江省杭州市的办事指南"
    phone.save_screenshot(str(tmp_path / "results-no-locality.png"))

    for path in ("/", "/search?q=" + "社保"):
        _open(phone, portal + path)
        assert not _locality_prompt_open(phone)
    phone.refresh()
    _drawn(phone)
    assert not _locality_prompt_open(phone)
    phone.find_element(By.ID, "locality-button").click()  # until the person opens it from the header
    WebDriverWait(phone, 10).until(_locality_prompt_open)


def test_care_mode_enlarges_text_and_is_remembered(portal, phone):
    _open(phone, portal + "/search?q=" + "公积金提取")
    size = lambda selector: float(phone.execute_script(  # noqa: E731
        "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", selector))
    assert size("body") < 20
    _care_mode(phone, True)
    assert size("body") >= 20 and size(".results .meta") >= 18 and size(".status") >= 18
    phone.refresh()
    _drawn(phone)
    assert size("body") >= 20 and phone.find_element(By.ID, "care-button").get_attribute("aria-pressed") == "true"


def test_keyboard_alone_reaches_suggestions_results_and_a_guide(portal, phone):
    _open(phone, portal + "/")
    active = lambda: phone.switch_to.active_element  # noqa: E731
    for _ in range(12):
        active().send_keys(Keys.TAB)
        if active().get_attribute("id") == "q":
            break
    assert active().get_attribute("id") == "q"
    active().send_keys("公积金提")
    WebDriverWait(phone, 10).until(lambda d: d.find_element(By.ID, "suggestions").is_displayed())
    options = _texts(phone, "#suggestions [role=option]")
    active().send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    assert active().get_attribute("aria-activedescendant") == "suggestion-1"
    active().send_keys(Keys.ENTER)
    _drawn(phone)
    assert _query(phone)["q"] == [options[1]]
    for _ in range(40):
        active().send_keys(Keys.TAB)
        if active().find_elements(By.XPATH, "self::a[ancestor::li[contains(@class, 'card')]]"):
            break
    title = active().text
    active().send_keys(Keys.ENTER)
    _drawn(phone)
    assert phone.find_element(By.TAG_NAME, "h1").text == title


def test_suggestions_understand_synonyms_and_pinyin(portal, phone):
    _open(phone, portal + "/")
    phone.find_element(By.ID, "q").send_keys("shebao")
    WebDriverWait(phone, 10).until(lambda d: d.find_element(By.ID, "suggestions").is_displayed())
    assert any("社会保险" in text for text in _texts(phone, "#suggestions [role=option]"))


def test_a_pasted_case_number_opens_case_progress_and_every_answer_is_chinese(portal, phone, tmp_path):
    """Last in the module: its failed lookups leave this client rate-limited."""
    known, other = [json.loads(line) for line in SAMPLE_CASES.read_text(encoding="utf-8").splitlines()[:2]]
    _open(phone, portal + "/")
    phone.find_element(By.ID, "q").send_keys(known["case_no"], Keys.ENTER)
    WebDriverWait(phone, 20).until(lambda d: urlsplit(d.current_url).path == "/case")
    _drawn(phone)
    assert phone.find_element(By.ID, "case-no").get_property("value") == known["case_no"]
    code = phone.find_element(By.ID, "case-verify")

    code.send_keys(known["query_password"], Keys.ENTER)
    WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#case-result .timeline li"))
    result = phone.find_element(By.ID, "case-result").text
    masked = known["applicant_name"][0] + "*"
    assert known["item_name"] in result and masked in result and known["applicant_name"] not in result
    phone.save_screenshot(str(tmp_path / "case-timeline.png"))

    message = lambda: phone.find_element(By.ID, "case-message").text  # noqa: E731
    phone.find_element(By.ID, "case-no").clear()
    phone.find_element(By.ID, "case-no").send_keys(other["case_no"])
    for attempt in range(10):
        code.clear()
        code.send_keys("000000", Keys.ENTER)
        WebDriverWait(phone, 20).until(lambda d: message())
        if attempt == 0:
            assert message().startswith("办件编号或查询密码不正确")
            assert phone.find_elements(By.CSS_SELECTOR, "#case-result *") == []
        if "查询失败次数过多" in message():
            break
    assert "查询失败次数过多" in message() and "分钟后再试" in message()
    phone.save_screenshot(str(tmp_path / "case-429.png"))
