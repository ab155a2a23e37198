"""The portal page in a real headless Chromium, against ``govsearch serve`` (gunicorn) on a free port."""

from __future__ import annotations

import shutil

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import PUBLIC_EVAL

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


def test_search_shows_highlighted_results_facets_and_filters(server, browser):
    wait = WebDriverWait(browser, 10)
    browser.get(server + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("身份证挂失")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#results li")))
    names = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#results .name")]
    assert names[0] == "居民身份证挂失补领" and names.count("居民身份证挂失补领") == 1  # one service once
    assert browser.find_elements(By.CSS_SELECTOR, "#results .name em")
    assert "找到" in browser.find_element(By.ID, "status").text

    region = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#facets a") if a.text.startswith("四川省成都市武侯区"))
    region.click()
    # One card before and after (one service once): wait for the filtered answer itself; the
    # old card may be replaced while it is being read.
    wait = WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda d: "成都市公安局武侯区分局" in d.find_element(By.CSS_SELECTOR, "#results .meta").text)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results li")) == 1


def test_typing_shows_suggestions_and_picking_one_searches(server, browser):
    wait = WebDriverWait(browser, 10)
    browser.get(server + "/")
    browser.find_element(By.ID, "q").send_keys("公积金提")
    wait.until(ready.visibility_of_element_located((By.CSS_SELECTOR, "#suggestions li")))
    first = browser.find_element(By.CSS_SELECTOR, "#suggestions li")
    picked = first.text
    assert picked.startswith("住房公积金提取")
    first.click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#results li")))
    assert browser.find_element(By.CSS_SELECTOR, "#results .name").text == picked


def test_case_number_opens_the_lookup_form_prefilled_and_shows_progress(server, browser, run_cli):
    assert run_cli("index", "cases", PUBLIC_EVAL / "cases.jsonl").returncode == 0
    browser.get(server + "/?q=4401062025110300017")
    wait = WebDriverWait(browser, 10)
    wait.until(lambda d: d.find_element(By.ID, "case-form").is_displayed())
    assert browser.find_elements(By.CSS_SELECTOR, "#results li") == []
    assert browser.find_element(By.ID, "case-no").get_property("value") == "4401062025110300017"
    browser.find_element(By.ID, "case-verify").send_keys("000000")
    browser.find_element(By.CSS_SELECTOR, "#case-form button").click()
    wait.until(lambda d: "no case matches" in d.find_element(By.ID, "case-status").text)
    browser.find_element(By.ID, "case-verify").clear()
    browser.find_element(By.ID, "case-verify").send_keys("482915")
    browser.find_element(By.CSS_SELECTOR, "#case-form button").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#case-timeline li")) == 5)
    assert "李*" in browser.find_element(By.ID, "case-status").text
    assert "办结" in browser.find_elements(By.CSS_SELECTOR, "#case-timeline li")[-1].text
