"""The agent page in a real headless Chromium (Debian's package), driven by Playwright."""

import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(tmp_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page()
        browser.close()


def test_agent_triages_and_corrects_a_complaint(live_url, page, client):
    page.goto(live_url + "/")
    page.fill("#text", "你们这群骗子！快递把我的电视摔坏了，客服还不理人，我要去12315投诉！！！")
    page.fill("#cid", "browser-1")
    page.click("#submit")
    page.wait_for_selector("#result:not([hidden])")
    category = page.text_content("#category")
    assert any(name in category for name in ("商品质量", "购销合同", "货物运输", "服务"))
    assert page.text_content("#department").strip()
    assert page.text_content("#anger").strip()
    cues = page.text_content("#anger-cues")
    assert "骗子（辱骂）" in cues and "12315（威胁投诉/曝光）" in cues
    assert page.locator("#steps li").count() == 7
    assert page.locator("#phrases li").count() >= 2
    page.select_option("#fix-category", "service")
    page.fill("#agent", "测试坐席")
    page.click("#correct")
    page.wait_for_selector("#feedback-status:has-text('已纠正')")  # (the page's CSP forbids eval'd scripts)
    record = client.get("/v1/complaints/browser-1").get_json()
    assert record["feedback"][-1]["category"] == "service" and record["feedback"][-1]["agent"] == "测试坐席"


def test_agent_sees_a_clear_error_for_empty_text(live_url, page):
    page.goto(live_url + "/")
    page.click("#submit")
    page.wait_for_selector("#error:not([hidden])")
    assert "empty" in page.text_content("#error")
