"""`prfacts serve`: the JSON API (FastAPI's TestClient) and the page (headless Chromium through Selenium).

The API answers what `prfacts check` and `prfacts extract` answer for the same draft, fixes drafts in the
form they came in, and turns every bad request into one line of JSON with a fitting status.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import ROOT, SLOW_RULE  # noqa: E402
from extractor.reading import fixes  # noqa: E402
from extractor.cli import main  # noqa: E402
from extractor.reading.read import from_bytes  # noqa: E402
from extractor.serve import app as serve_app  # noqa: E402
from extractor.serve.app import Service, create_app  # noqa: E402

SEED_PATH = ROOT / "corpus" / "releases" / "001_seed_restated.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")
PREMIUM = ("The conversion price of $0.0040 per share represents a premium of 444% to the closing bid price of "
           "$0.0009.")
MAX_BYTES = 100_000
MAX_CHARS = 20_000


@pytest.fixture(scope="module")
def config_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / ".prfacts.toml"
    path.write_text(f"max-chars = {MAX_CHARS}\n")
    return path


@pytest.fixture(scope="module")
def client(config_file):
    with TestClient(create_app(Service(config=str(config_file), max_bytes=MAX_BYTES))) as c:
        yield c


def _cli_json(capsys, *argv) -> dict:
    """The one fact sheet of the array `--format json` prints."""
    capsys.readouterr()
    main(list(argv))
    (sheet,) = json.loads(capsys.readouterr().out)
    return sheet


def _findings(sheet: dict) -> list[tuple]:
    return [(f["rule"], f["severity"], f["start"], f["end"], f["message"], json.dumps(f["fix"]), f["suppressed"])
            for f in sheet["findings"]]


# ---------------------------------------------------------------- the API


def test_check_gives_the_findings_prfacts_check_gives(client, config_file, capsys):
    got = client.post("/check", json={"text": SEED, "filename": "seed.txt"})
    assert got.status_code == 200
    body = got.json()
    cli = _cli_json(capsys, "check", "--format", "json", "--config", str(config_file), str(SEED_PATH))
    cli = cli[0] if isinstance(cli, list) else cli
    assert _findings(body["sheet"]) == _findings(cli)
    (premium,) = [f for f in body["sheet"]["findings"] if f["rule"] == "premium-discount"]
    assert body["text"][premium["start"]:premium["end"]] == "444%" and premium["fix"]["replacement"] == "344%"
    assert all(body["text"][m["start"]:m["end"]] == m["text"] for m in body["sheet"]["mentions"])
    assert (body["filename"], body["format"], body["fixable"], body["sarif"]) == ("seed.txt", "text", 1, None)


def test_check_adds_the_sarif_log_when_asked(client):
    log = client.post("/check", json={"text": SEED, "sarif": True}).json()["sarif"]
    assert log["version"] == "2.1.0"
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "premium-discount"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "draft.txt"
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "344%"


def test_extract_gives_the_fact_sheet_prfacts_extract_gives(client, capsys):
    got = client.post("/extract", json={"text": SEED})
    assert got.status_code == 200
    cli = _cli_json(capsys, "extract", str(SEED_PATH))
    for key in ("metadata", "tables", "mentions", "facts", "findings"):
        assert got.json()[key] == cli[key], key
    assert got.json()["source"]["path"] == "draft.txt"


def test_fix_returns_the_corrected_draft(client):
    got = client.post("/fix", json={"text": SEED, "filename": "q3.txt"}).json()
    assert got == {"filename": "q3.fixed.txt", "text": SEED.replace("444%", "344%"), "applied": 1, "skipped": []}


def test_an_uploaded_file_is_read_by_its_suffix_and_fixed_in_its_own_form(client):
    page = f"<html><body><h1>Offer</h1><p>{PREMIUM.replace('444%', '<b>444%</b>')}</p></body></html>\r\n"
    checked = client.post("/check/file", files={"file": ("offer.html", page.encode("utf-8"))})
    assert checked.status_code == 200
    body = checked.json()
    assert body["format"] == "html" and "<b>" not in body["text"]
    assert [f["rule"] for f in body["sheet"]["findings"]] == ["premium-discount"]
    fixed = client.post("/fix/file", files={"file": ("offer.html", page.encode("utf-8"))})
    assert fixed.status_code == 200
    assert fixed.content == page.replace("<b>444%</b>", "<b>344%</b>").encode("utf-8")
    assert fixed.headers["content-disposition"] == "attachment; filename*=UTF-8''offer.fixed.html"
    assert (fixed.headers["x-prfacts-applied"], fixed.headers["x-prfacts-skipped"]) == ("1", "0")
    extracted = client.post("/extract/file", files={"file": ("offer.html", page.encode("utf-8"))})
    assert [m["text"] for m in extracted.json()["mentions"]] == ["$0.0040", "444%", "$0.0009"]


def test_a_word_draft_is_checked_by_paragraph_and_fixed_in_its_runs(client):
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Offer")
    para = d.add_paragraph()
    before, figure, after = PREMIUM.partition("444%")
    para.add_run(before)
    bold = para.add_run(figure)
    bold.bold = True
    para.add_run(after)
    buffer = io.BytesIO()
    d.save(buffer)
    data = buffer.getvalue()
    checked = client.post("/check/file", files={"file": ("offer.docx", data)}).json()
    finding = next(f for f in checked["sheet"]["findings"] if f["rule"] == "premium-discount")
    assert finding["paragraph"]["number"] == 2
    fixed = client.post("/fix/file", files={"file": ("offer.docx", data)})
    assert fixed.status_code == 200 and fixed.headers["x-prfacts-applied"] == "1"
    runs = docx.Document(io.BytesIO(fixed.content)).paragraphs[1].runs
    assert [(r.text, bool(r.bold)) for r in runs] == [(before, False), ("344%", True), (after, False)]


def test_fix_document_keeps_the_file_encoding_and_line_ends(engine):
    data = "\ufeffNote.\r\n".encode("utf-16-le") + PREMIUM.encode("utf-16-le")
    data = b"\xff\xfe" + data[2:]  # a UTF-16 byte-order mark, as Word writes it
    source = from_bytes(data, "memo.txt")
    result = fixes.fix_document(data, source, engine.analyze_source(source).findings)
    assert result.data == data.replace("444%".encode("utf-16-le"), "344%".encode("utf-16-le"))
    assert [e.replacement for e in result.applied] == ["344%"] and result.skipped == []
    clean = fixes.fix_document(b"Nothing to fix.", from_bytes(b"Nothing to fix.", "clean.txt"), [])
    assert (clean.data, clean.applied) == (b"Nothing to fix.", [])


def test_a_request_over_max_bytes_is_refused_whole(client):
    big = {"text": "x" * (MAX_BYTES + 10)}
    got = client.post("/check", json=big)
    assert got.status_code == 413
    assert got.json()["error"].startswith("request: ") and "--max-bytes" in got.json()["error"]

    def chunks():  # no Content-Length: the server counts what arrives
        for _ in range(MAX_BYTES // 1000 + 2):
            yield b"x" * 1000

    got = client.post("/check/file", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert got.status_code == 413 and "over the limit of 100,000 bytes" in got.json()["error"]


def test_a_draft_over_the_character_budget_is_refused(client):
    got = client.post("/check", json={"text": "Revenue was $5 million. " * 1000, "filename": "long.md"})
    assert got.status_code == 413
    assert got.json() == {"error": "long.md: 24,000 characters, over the limit of 20,000 characters (--max-chars, "
                                   "or max-chars in the configuration)"}


@pytest.mark.parametrize("kwargs, status, error", [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "request: "),
    ({"json": {"filename": "x.txt"}}, 422, "request: text: Field required"),
    ({"json": {"text": 5}}, 422, "request: text: "),
])
def test_bad_requests_get_one_line(client, kwargs, status, error):
    got = client.post("/check", **kwargs)
    assert got.status_code == status
    assert list(got.json()) == ["error"] and got.json()["error"].startswith(error)
    assert "\n" not in got.json()["error"] and "Traceback" not in got.json()["error"]


def test_bad_uploads_get_one_line_naming_the_file(client):
    got = client.post("/check/file", files={"file": ("../../secret/scan.txt", b"\x00\x01\x02PK\x00")})
    assert got.status_code == 422
    assert got.json()["error"].startswith("scan.txt: binary file")  # only the name: never the client's path
    got = client.post("/check/file", data={"note": "no file"})
    assert got.status_code == 422 and "part named 'file'" in got.json()["error"]
    got = client.post("/extract/file", content=b"text", headers={"content-type": "text/plain"})
    assert got.status_code == 422 and got.json()["error"].startswith("request: send the draft as multipart")


def test_an_upload_stays_in_memory(monkeypatch):
    import asyncio
    import tempfile

    from starlette.formparsers import MultiPartParser
    from starlette.requests import Request

    from extractor.serve.limits import read_upload

    def no_disk(*args, **kwargs):
        raise AssertionError("a draft was spooled to a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    draft = b"Revenue was $5 million.\n" * 80_000  # 2 MB: Starlette spools anything over 1 MB to disk
    body = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n' + draft
            + b"\r\n--b--\r\n")

    def request() -> Request:
        async def receive():
            return {"type": "http.request", "body": body, "more_body": False}
        return Request({"type": "http", "method": "POST",
                        "headers": [(b"content-type", b"multipart/form-data; boundary=b")]}, receive)

    data, name, _ = asyncio.run(read_upload(request(), len(body)))
    assert (data, name) == (draft, "big.txt")
    with pytest.raises(AssertionError, match="spooled"):  # what the plain parser would have done
        asyncio.run(MultiPartParser(request().headers, request().stream()).parse())


def test_the_api_is_documented(client):
    spec = client.get("/openapi.json").json()
    assert {"/check", "/check/file", "/extract", "/extract/file", "/fix", "/fix/file"} <= set(spec["paths"])
    check = spec["paths"]["/check"]["post"]
    assert check["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/CheckOut"}
    assert {"408", "413", "422"} <= set(check["responses"])
    assert "multipart/form-data" in spec["paths"]["/check/file"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 200
    assert client.get("/limits").json() == {"max_bytes": MAX_BYTES, "max_chars": MAX_CHARS, "timeout": 60}


def test_a_slow_draft_times_out_and_the_server_goes_on(tmp_path):
    (tmp_path / "house" / "quantities").mkdir(parents=True)
    (tmp_path / "house" / "quantities" / "slow.yaml").write_text(SLOW_RULE)
    (tmp_path / ".prfacts.toml").write_text('rules-dirs = ["house"]\ntimeout = 1\n')
    service = Service(config=str(tmp_path / ".prfacts.toml"))
    with TestClient(create_app(service)) as c:
        started = time.monotonic()
        got = c.post("/check", json={"text": "Revenue was $5 million. " + "x" * 40, "filename": "slow.txt"})
        assert got.status_code == 408 and got.json()["error"].startswith("slow.txt: analysis took longer than 1 s")
        # A worker that no signal stops (here: asleep in C) is stopped from outside and replaced.
        stuck = service.workers.run("stuck.txt", time.sleep, 30, wait=1.0)
        assert stuck.status == 408 and "its worker process was stopped" in stuck.error
        assert time.monotonic() - started < 20
        again = c.post("/check", json={"text": PREMIUM})
        assert again.status_code == 200 and [f["rule"] for f in again.json()["sheet"]["findings"]] == ["premium-discount"]
        # A worker killed from outside (out of memory) costs one answer, which says so; the next is whole.
        (pid,) = service.workers.idle.queue[0]._processes
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        died = c.post("/check", json={"text": PREMIUM, "filename": "oom.txt"})
        assert died.status_code == 500 and died.json()["error"] == ("oom.txt: the worker process analysing it died "
                                                                    "(killed, or out of memory)")
        assert c.post("/check", json={"text": PREMIUM}).status_code == 200


# ---------------------------------------------------------------- the command line


def test_serve_without_the_extra_says_how_to_install_it(monkeypatch, capsys):
    import extractor.serve

    monkeypatch.setattr(extractor.serve, "extra_installed", lambda: False)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == 'prfacts: prfacts serve needs FastAPI and uvicorn: pip install -e ".[serve]"\n'


def test_serve_with_a_broken_configuration_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('select = ["no-such-rule"]\n')
    assert main(["serve", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no rule matches 'no-such-rule'" in err


def test_serve_listens_on_this_machine_only_and_takes_its_size_limit_from_the_budget(config_file):
    from extractor.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.max_bytes, args.workers) == ("127.0.0.1", 8000, None, 1)
    assert Service(config=str(config_file)).max_bytes == 4 * MAX_CHARS  # no worker starts before the server does


def test_fixed_names_keep_the_suffix():
    assert serve_app.fixed_name("q3 draft.docx") == "q3 draft.fixed.docx"


# ---------------------------------------------------------------- the page, in a real browser

CHROMIUM, CHROMEDRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(config_file):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Service(config=str(config_file))), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (Path(CHROMIUM).exists() and CHROMEDRIVER):
        # .ci/run installs them and sets this, so in CI a missing browser fails instead of passing unseen.
        if os.environ.get("PRFACTS_REQUIRE_BROWSER"):
            pytest.fail("PRFACTS_REQUIRE_BROWSER is set but chromium or chromedriver is missing")
        pytest.skip("chromium and chromedriver are not installed here (.ci/run installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,1600", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    (tmp_path / "downloads").mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(tmp_path / "downloads")})
    try:
        yield driver
    finally:
        driver.quit()


def _wait_for(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the page did not get there in time")


def test_the_page_shows_the_finding_and_downloads_the_fixed_draft(live_server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    draft = browser.find_element(By.ID, "draft")
    browser.execute_script("arguments[0].value = arguments[1]", draft, SEED)  # a paste, without typing 3,000 keys
    browser.find_element(By.ID, "check").click()
    card = _wait_for(lambda: [c for c in browser.find_elements(By.CSS_SELECTOR, ".finding.sev-error")
                              if "premium-discount" in c.text])[0]
    assert "444%" in card.text and card.find_element(By.CSS_SELECTOR, ".fix ins").text == "344%"
    flag = browser.find_element(By.CSS_SELECTOR, ".release mark.flag.sev-error")
    assert flag.text == "444%"
    assert {m.text for m in browser.find_elements(By.CSS_SELECTOR, ".release .m-price")} >= {"$0.0040", "$0.0009"}
    assert browser.find_element(By.ID, "error").is_displayed() is False
    browser.save_screenshot(str(tmp_path / "checked.png"))

    browser.find_element(By.ID, "apply-fixes").click()
    fixed = tmp_path / "downloads" / "draft.fixed.txt"
    _wait_for(lambda: fixed.exists() and fixed.read_text(encoding="utf-8"))
    assert fixed.read_text(encoding="utf-8") == SEED.replace("444%", "344%")
    assert draft.get_property("value") == SEED.replace("444%", "344%")
    assert "Applied 1 fix" in browser.find_element(By.ID, "status").text


def test_the_page_shows_errors_as_a_message(live_server, browser):
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "draft"),
                           "Revenue was $5 million. " * 1000)
    browser.find_element(By.ID, "check").click()
    error = browser.find_element(By.ID, "error")
    _wait_for(error.is_displayed)
    assert error.text.startswith("draft.txt: 24,000 characters, over the limit of 20,000 characters")
    assert "Traceback" not in browser.page_source
