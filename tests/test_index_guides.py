"""``govsearch index guides`` through the command line: formats, validation, rejects, upserts, replace."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest

from govsearch.components import build_components
from search.plan import SearchRequest
from tests.conftest import TEST_GUIDES, read_jsonl, settings_environment, write_jsonl

GOOD = {"code": "XG0001", "name": "居民身份证换领", "department": "某市公安局", "audience": ["个人"]}


def good(code: str, **changes) -> dict:
    return {**GOOD, "code": code, **changes}


def rejects(settings) -> list[dict]:
    return [entry for path in sorted(settings.rejected_dir.glob("guides-*.jsonl")) for entry in read_jsonl(path)]


def codes_in_index(settings) -> set[str]:
    engine = build_components(settings).guides
    return {code for code in ["XG0001", "XG0002", "XG0003", "XG0004"] if engine.get(code)}


def test_clean_load_exits_zero_with_summary(run_cli, settings):
    result = run_cli("index", "guides", TEST_GUIDES)
    assert result.returncode == 0, result.stderr
    assert "guides: loaded 11, withdrawn 1, rejected 0" in result.stdout
    assert "guides/s" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1
    assert not settings.rejected_dir.exists()


BAD_RECORDS = [
    ({"name": "无编码", "department": "某局", "audience": ["个人"]}, "missing required key 'code'"),
    ({"code": "XG0010", "department": "某局", "audience": ["个人"]}, "missing required key 'name'"),
    ({"code": "XG0011", "name": "无部门", "audience": ["个人"]}, "missing required key 'department'"),
    ({"code": "XG0012", "name": "无对象", "department": "某局"}, "missing required key 'audience'"),
    (good("XG0013", audience="个人"), "'audience' must be a list of strings"),
    (good("XG0014", audience=["市民"]), "audience ['市民'] not among"),
    (good("bad code!"), "does not match"),
    (good("XG1"), "does not match"),
    (good("XG0015", themes="户籍办理"), "'themes' must be a list of strings"),
    (good("XG0016", materials=["居民身份证"]), "'materials' must be a list of objects"),
    (good("XG0017", online_mode=7), "online_mode must be 1 to 4"),
    (good("XG0018", status="deleted"), "status 'deleted' not among"),
    (good("XG0019", updated_at="yesterday"), "not an ISO 8601"),
    (good("XG0020", summary="长" * 30000), "over the 64 KB limit"),
    (good("XG0021", time_limit={"promised_days": "五", "unit": "工作日"}), "time_limit.promised_days must be a number"),
    (good("XG0022", name="   "), "'name' is blank"),
    (good("XG0024", keywords=["护照", "证" * 201]), "'keywords' holds a value longer than 200 characters"),
    ("[1, 2, 3]", "a record must be a JSON object"),
    ('{"code": "XG0023", "name": ', "malformed JSON"),
]


@pytest.mark.parametrize(("record", "reason"), BAD_RECORDS)
def test_bad_record_is_rejected_with_reason_and_the_good_ones_load(run_cli, settings, tmp_path, record, reason):
    path = write_jsonl(tmp_path / "guides.jsonl", [good("XG0001"), record, good("XG0002")])
    result = run_cli("index", "guides", path)
    assert result.returncode == 1
    assert "loaded 2, withdrawn 0, rejected 1" in result.stdout
    [entry] = rejects(settings)
    assert entry["file"] == str(path) and entry["line"] == 2
    assert reason in entry["reason"]
    assert entry["record"]  # the raw record is kept, nothing sent to us is lost
    assert codes_in_index(settings) == {"XG0001", "XG0002"}


def test_invalid_utf8_line_is_rejected_and_neighbours_load(run_cli, settings, tmp_path):
    path = tmp_path / "guides.jsonl"
    lines = [json.dumps(good("XG0001"), ensure_ascii=False).encode(), b'{"code": "XG0002", "name": "\xff\xfe"}', json.dumps(good("XG0003"), ensure_ascii=False).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run_cli("index", "guides", path)
    assert result.returncode == 1
    [entry] = rejects(settings)
    assert entry["line"] == 2 and "invalid UTF-8" in entry["reason"]
    assert codes_in_index(settings) == {"XG0001", "XG0003"}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_duplicate_code_in_one_load_last_wins_and_is_reported_with_its_record(run_cli, settings, tmp_path, suffix):
    records = [good("XG0001", name="旧名称"), good("XG0002"), good("XG0001", name="新名称")]
    if suffix == ".jsonl":
        path, line = write_jsonl(tmp_path / "guides.jsonl", records), 1
    else:
        path, line = tmp_path / "guides.csv", 2  # the header is line 1
        rows = "".join(f"{r['code']},{r['name']},{r['department']},个人\n" for r in records)
        path.write_text("code,name,department,audience\n" + rows, encoding="utf-8")
    result = run_cli("index", "guides", path)
    assert result.returncode == 1
    assert "loaded 2, withdrawn 0, rejected 1" in result.stdout
    [entry] = rejects(settings)
    assert entry["file"] == str(path) and entry["line"] == line
    assert "duplicate code XG0001: superseded by" in entry["reason"] and f":{line + 2}" in entry["reason"]
    assert "旧名称" in entry["record"] and "新名称" not in entry["record"]  # the record that lost, kept for repair
    assert build_components(settings).guides.get("XG0001").record["name"] == "新名称"


def test_a_csv_cell_longer_than_the_csv_module_reads_is_one_reject(run_cli, settings, tmp_path):
    """Python's csv refuses a cell over 131,072 characters with an error for the whole file;
    here it is one rejected row, by the size limit a JSON Lines record has."""
    path = tmp_path / "guides.csv"
    rows = ["code,name,department,audience,summary"] + [
        f"{code},居民身份证换领,某市公安局,个人,{summary}"
        for code, summary in (("XG0001", "换领"), ("XG0002", "长" * 200_000), ("XG0003", "换领"))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("index", "guides", path)
    assert result.returncode == 1, result.stderr
    assert "loaded 2, withdrawn 0, rejected 1" in result.stdout
    [entry] = rejects(settings)
    assert entry["file"] == str(path) and entry["line"] == 3
    assert "'summary' is 600000 bytes, over the 64 KB limit" in entry["reason"]
    assert "XG0002" in entry["record"]
    assert codes_in_index(settings) == {"XG0001", "XG0003"}


CORRUPTIONS = {  # how a workbook's parts are broken: part name → its new content, or None to drop it
    "sheet XML cut off": {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"},
    "no sheet": {"xl/worksheets/sheet1.xml": None},
    "no sheet listed": {"xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'},
    "a missing shared string": {"xl/worksheets/sheet1.xml": (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>999</v></c></row>'
        b'</sheetData></worksheet>')},
}


def _corrupt_sheet(path, corruption: str = "sheet XML cut off"):
    """An XLSX whose directory is fine and one of whose parts is broken: found only when read."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["code", "name", "department", "audience"])
    workbook.active.append(["XG0003", "护照签发", "某市出入境管理局", "个人"])
    intact = path.with_name("intact.xlsx")
    workbook.save(intact)
    broken = CORRUPTIONS[corruption]
    with zipfile.ZipFile(intact) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = broken.get(item.filename, source.read(item.filename))
            if data is not None:
                target.writestr(item, data)
    return path


@pytest.mark.parametrize("second", ["missing", "not a workbook", "corrupt sheet"])
def test_a_second_file_that_cannot_be_read_leaves_no_rejects_of_the_first(run_cli, settings, tmp_path, second):
    """Exit 2 means the command did not run: nothing loaded, no reject file; run it again once fixed."""
    first = write_jsonl(tmp_path / "first.jsonl", [good("XG0001"), good("bad code!"), good("XG0002")])
    unreadable = tmp_path / "second.xlsx"
    if second == "not a workbook":
        unreadable.write_bytes(b"PK but not a zip at all")
    elif second == "corrupt sheet":
        _corrupt_sheet(unreadable)
    result = run_cli("index", "guides", first, unreadable)
    assert result.returncode == 2 and "second.xlsx" in result.stderr and "Traceback" not in result.stderr
    assert rejects(settings) == []
    assert codes_in_index(settings) == set()
    assert run_cli("index", "guides", first).returncode == 1 and len(rejects(settings)) == 1  # the first file alone


def test_unreadable_input_exits_two_and_changes_nothing(run_cli, settings, tmp_path):
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    missing = run_cli("index", "guides", tmp_path / "nope.jsonl")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    unsupported = write_jsonl(tmp_path / "guides.txt", [good("XG0001")])
    assert run_cli("index", "guides", unsupported).returncode == 2
    corrupt = tmp_path / "guides.xlsx"
    corrupt.write_bytes(b"this is not a workbook")
    result = run_cli("index", "guides", TEST_GUIDES, corrupt, "--replace")
    assert result.returncode == 2 and "guides.xlsx" in result.stderr
    assert "Traceback" not in result.stderr
    assert build_components(settings).guides.count() == 11


def test_upsert_updates_by_code_and_withdrawn_leaves_search(run_cli, engine_settings, tmp_path):
    settings = engine_settings
    first = write_jsonl(tmp_path / "a.jsonl", [good("XG0001", name="居民身份证换领"), good("XG0002", name="护照签发")])
    assert run_cli("index", "guides", first).returncode == 0
    second = write_jsonl(tmp_path / "b.jsonl", [good("XG0001", name="居民身份证挂失补领"), good("XG0002", status="withdrawn")])
    result = run_cli("index", "guides", second)
    assert result.returncode == 0
    assert "loaded 1, withdrawn 1" in result.stdout
    search = build_components(settings).search
    assert [i["name"] for i in search.search(SearchRequest("身份证"))["items"]] == ["居民身份证挂失补领"]
    assert search.search(SearchRequest("护照"))["items"] == []
    assert search.guide("XG0002") is None


def test_replace_drops_guides_missing_from_the_new_load(run_cli, engine_settings, tmp_path):
    settings = engine_settings
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    only = write_jsonl(tmp_path / "only.jsonl", [good("XG0001")])
    assert run_cli("index", "guides", only, "--replace", "--allow-shrink").returncode == 0
    engine = build_components(settings).guides
    assert engine.count() == 1 and engine.get("XG0001") and engine.get("TG330106001") is None


@pytest.mark.parametrize("content", [
    "",  # an empty file
    "编号,名称\nXG0001,居民身份证换领\n",  # a CSV with the wrong header: every record rejected
    "half",  # a load that keeps fewer than half the live guides
])
def test_replace_that_would_empty_or_shrink_the_index_is_refused(run_cli, engine_settings, tmp_path, content):
    settings = engine_settings
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    live = build_components(settings).guides.count()
    if content == "half":
        path = write_jsonl(tmp_path / "few.jsonl", [good("XG0001"), good("XG0002")])
    else:
        path = tmp_path / ("guides.csv" if "," in content else "guides.jsonl")
        path.write_text(content, encoding="utf-8")
    result = run_cli("index", "guides", path, "--replace")
    assert result.returncode == 2 and "refusing to replace" in result.stderr and "--allow-shrink" in result.stderr
    # Its rejects are the reason for the refusal: they stay, and the message says where.
    assert all(str(kept) in result.stderr for kept in settings.rejected_dir.glob("guides-*.jsonl"))
    engine = build_components(settings).guides
    assert engine.count() == live and engine.get("TG330106001") and engine.get("XG0001") is None
    assert run_cli("index", "guides", path, "--replace", "--allow-shrink").returncode in (0, 1)


def test_csv_with_list_and_json_cells(run_cli, settings, tmp_path):
    path = tmp_path / "guides.csv"
    path.write_text(
        "code,name,department,audience,themes,materials,online_mode\n"
        'XG0001,居民身份证换领,某市公安局,个人,证件办理；户籍办理,"[{""name"": ""居民户口簿""}]",4\n'
        "XG0002,个体工商户设立登记,某区市场监督管理局,个人|法人,设立变更,,3\n"
        'XG0003,坏记录,某局,个人,,"[{bad json",\n'
        "XG0004,错误模式,某局,个人,,,x\n",
        encoding="utf-8",
    )
    result = run_cli("index", "guides", path)
    assert result.returncode == 1, result.stderr
    assert "loaded 2, withdrawn 0, rejected 2" in result.stdout
    reasons = {entry["line"]: entry["reason"] for entry in rejects(settings)}
    assert "column materials: not valid JSON" in reasons[4]
    assert "column online_mode" in reasons[5]
    guide = build_components(settings).guides.get("XG0001").record
    assert guide["themes"] == ["证件办理", "户籍办理"]
    assert guide["materials"] == [{"name": "居民户口簿"}]
    assert guide["online_mode"] == 4
    assert build_components(settings).guides.get("XG0002").record["audience"] == ["个人", "法人"]


def test_xlsx_rows_load_and_bad_rows_are_rejected_with_row_number(run_cli, settings, tmp_path):
    path = tmp_path / "guides.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["code", "name", "department", "audience", "keywords", "online_mode"])
    sheet.append(["XG0001", "居民身份证换领", "某市公安局", "个人", "身份证;换证", 4])
    sheet.append(["XG0002", "无对象事项", "某局", None, None, None])
    sheet.append(["XG0003", "护照签发", "某市出入境管理局", "个人", None, 2.0])
    workbook.save(path)
    result = run_cli("index", "guides", path)
    assert result.returncode == 1, result.stderr
    [entry] = rejects(settings)
    assert entry["line"] == 3 and "missing required key 'audience'" in entry["reason"]
    guide = build_components(settings).guides.get("XG0001").record
    assert guide["keywords"] == ["身份证", "换证"] and guide["online_mode"] == 4
    assert build_components(settings).guides.get("XG0003").record["online_mode"] == 2


def _many_guides(path, count: int):
    """``count`` copies of the test guides under new codes: a load that takes a few seconds."""
    base = [g for g in read_jsonl(TEST_GUIDES) if g.get("status") != "withdrawn"]
    copies = ({**base[i % len(base)], "code": f"BULK{i:07d}"} for i in range(count))
    return write_jsonl(path, list(copies))


def _start_load(settings, *args):
    environment = {**os.environ, **settings_environment(settings)}
    # Ctrl-C as a person at a terminal sends it: a suite started in the background (no job control)
    # would otherwise pass SIGINT on ignored, and Python then never raises KeyboardInterrupt.
    return subprocess.Popen([sys.executable, "-m", "govsearch.cli", "index", "guides", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _generations(settings) -> set[str]:
    """The guide index generations: directories under the data dir, or indexes on the cluster."""
    if settings.backend == "embedded":
        return {path.name for path in settings.guides_dir.glob("index-*")}
    import elasticsearch

    with elasticsearch.Elasticsearch(settings.elasticsearch_url) as es:
        return set(es.indices.get(index=f"{settings.index_prefix}-guides-*", allow_no_indices=True))


def _wait_for_new_generation(settings, before: set, process, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if _generations(settings) - before:
            time.sleep(0.5)  # let it index for a moment
            return
        time.sleep(0.02)
    pytest.fail("the replacement load never started a new generation")


@pytest.mark.slow
@pytest.mark.parametrize("interruption", [signal.SIGINT, signal.SIGKILL])
def test_replace_interrupted_midway_leaves_the_old_index_live(run_cli, settings, tmp_path, interruption):
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    pointer = (settings.guides_dir / "CURRENT").read_text()
    before = _generations(settings)
    process = _start_load(settings, _many_guides(tmp_path / "big.jsonl", 40_000), "--replace")
    _wait_for_new_generation(settings, before, process)
    assert process.poll() is None, "the load finished before it could be interrupted"
    process.send_signal(interruption)
    _, stderr = process.communicate(timeout=60)

    if interruption == signal.SIGINT:
        assert process.returncode == 130 and "nothing of this load was made live" in stderr
        assert _generations(settings) == before  # the half-built generation is gone
    assert (settings.guides_dir / "CURRENT").read_text() == pointer
    search = build_components(settings).search
    assert search.search(SearchRequest("居民身份证挂失补领", collapse=False))["total"] == 2
    assert search.guide("BULK0000001") is None
    # The lock died with the process: the next load runs and clears what a crash left behind.
    assert run_cli("index", "guides", TEST_GUIDES, "--replace").returncode == 0
    assert len(list(settings.guides_dir.glob("index-*"))) <= 2


@pytest.mark.slow
def test_the_next_load_deletes_what_a_killed_replace_half_built(run_cli, engine_settings, tmp_path):
    """A replacement killed outright (SIGKILL, the OOM killer) cannot clean up after itself:
    the next load, a plain one too, deletes its half-built generation, and search serves on."""
    settings = engine_settings
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    before = _generations(settings)
    process = _start_load(settings, _many_guides(tmp_path / "big.jsonl", 40_000), "--replace")
    _wait_for_new_generation(settings, before, process)
    assert process.poll() is None, "the load finished before it could be killed"
    process.kill()
    process.communicate(timeout=60)
    assert _generations(settings) - before, "the killed load left nothing to clean up"

    assert run_cli("index", "guides", write_jsonl(tmp_path / "one.jsonl", [good("XG0001")])).returncode == 0
    assert _generations(settings) == before
    search = build_components(settings).search
    assert search.search(SearchRequest("居民身份证挂失补领", collapse=False))["total"] == 2
    assert search.guide("XG0001") and search.guide("BULK0000001") is None


@pytest.mark.slow
def test_second_concurrent_load_is_refused(run_cli, settings, tmp_path):
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    before = _generations(settings)
    process = _start_load(settings, _many_guides(tmp_path / "big.jsonl", 40_000), "--replace")
    try:
        _wait_for_new_generation(settings, before, process)
        result = run_cli("index", "guides", TEST_GUIDES)
        assert result.returncode == 2 and "another load" in result.stderr
    finally:
        process.kill()
        process.communicate()


def test_lines_with_a_lone_surrogate_or_deep_nesting_are_rejected_and_the_rest_loads(run_cli, settings, tmp_path):
    path = tmp_path / "odd.jsonl"
    surrogate = json.dumps(good("XG0002")).replace('"name": "', '"name": "\\ud800', 1)
    deep = '{"code": "XG0003", "basis": ' + "[" * 5000 + "]" * 5000 + "}"
    path.write_text("\n".join([json.dumps(good("XG0001")), surrogate, deep]) + "\n", encoding="utf-8")
    result = run_cli("index", "guides", path)
    assert result.returncode == 1 and "loaded 1" in result.stdout and "rejected 2" in result.stdout
    reasons = [entry["reason"] for entry in rejects(settings)]
    assert any("lone surrogate" in r for r in reasons) and any("nested deeper" in r for r in reasons)


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_corrupt_xlsx_cannot_be_read_and_says_so_in_one_line(run_cli, settings, tmp_path, corruption):
    result = run_cli("index", "guides", _corrupt_sheet(tmp_path / "corrupt.xlsx", corruption))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "corrupt.xlsx" in result.stderr
    assert "cannot be read" in result.stderr or "not a readable XLSX workbook" in result.stderr


@pytest.mark.parametrize("number", ["1e999", "NaN", "-Infinity"])
def test_non_finite_numbers_are_rejected(run_cli, settings, tmp_path, number):
    path = tmp_path / "odd.jsonl"
    odd = json.dumps(good("XG0002", time_limit={"legal_days": 0})).replace('"legal_days": 0', f'"legal_days": {number}')
    path.write_text(json.dumps(good("XG0001")) + "\n" + odd + "\n", encoding="utf-8")
    result = run_cli("index", "guides", path)
    assert result.returncode == 1 and "loaded 1" in result.stdout
    assert any(f"{number} is not a finite number" in entry["reason"] for entry in rejects(settings))


@pytest.mark.parametrize(("prefix", "newline"), [("\ufeff", "\n"), ("", "\r"), ("\ufeff", "\r\n")])
def test_a_byte_order_mark_and_any_line_ending_keep_every_record(run_cli, settings, tmp_path, prefix, newline):
    path = tmp_path / "guides.jsonl"
    path.write_bytes((prefix + newline.join(json.dumps(good(code)) for code in ("XG0001", "XG0002", "XG0003")) + newline).encode())
    result = run_cli("index", "guides", path)
    assert result.returncode == 0 and "loaded 3" in result.stdout
