"""``--lang en`` reaches every message, and ``--help`` is Chinese by default down to click's own
words (issue 14, point 9).  Every command runs in a fresh process, as a user runs it.

What counts as *data* in an English message, where Chinese is expected: the organs' names and
texts of the reports read, the official labels of the format (the schema's titles and choices,
which the English messages quote), anything quoted from a source (in “…” or 「…」), and the file names.
Everything else in an English message must be English: a Chinese character left over is a
message nobody translated.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govreport.cli import COMMANDS
from govreport.format import load_spec
from govreport.format.spec import available_formats

from .conftest import EXAMPLE, ROOT, SAMPLES, run_cli, set_value

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ENGLISH = {**os.environ, "GOVREPORT_LANG": "en"}
CHINESE = {k: v for k, v in os.environ.items() if k != "GOVREPORT_LANG"}
# click's English words: none of them may be left in a Chinese --help or error
CLICK_WORDS = ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "Error:", "Try '")


def schema_titles() -> set[str]:
    titles: set[str] = set()
    for version in available_formats():
        stack = [load_spec(version).root]
        while stack:
            node = stack.pop()
            titles.add(node.title)
            titles.add(node.short_title)
            titles.update(str(v) for v in node.schema.get("enum", []))  # the organ levels
            stack.extend(node.children.values())
    return {t for t in titles if CJK.search(t)}


TITLES = sorted(schema_titles(), key=len, reverse=True)


def untranslated(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """The lines of *text* with Chinese that is not data (see the module's docstring)."""
    out = []
    for line in text.splitlines():
        rest = re.sub(r"“[^”]*”|「[^」]*」|\"[^\"]*\"|'[^']*'", "", line)
        for known in (*data, *TITLES):
            rest = rest.replace(known, "")
        rest = re.sub(r"\S*/\S*", "", rest)  # file names
        if CJK.search(rest):
            out.append(line)
    return out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_english_heading_in_chinese_and_no_chinese_in_english(command: str | None) -> None:
    args = [command] if command else []
    zh = run_cli(*args, "--help", env=CHINESE)
    en = run_cli(*args, "--help", env=ENGLISH)
    assert zh.returncode == en.returncode == 0, zh.stderr + en.stderr
    assert zh.stdout.startswith("用法：govreport") and "选项：" in zh.stdout
    assert not [w for w in CLICK_WORDS if w in zh.stdout], zh.stdout
    if command is None:
        assert "命令：" in zh.stdout
    # every option's help has its Chinese text (the metavars TEXT, PATH… are click's)
    options = zh.stdout.split("选项：", 1)[1]
    entries = re.split(r"\n  (?=-)", "\n" + options)
    assert all(CJK.search(e) for e in entries if e.strip()), options
    assert en.stdout.startswith("Usage: govreport") and "Options:" in en.stdout
    # English help: Chinese only as label examples, in brackets, or the tables' numbers 一–六
    flat = re.sub(r"\([^)]*\)", "", " ".join(en.stdout.split()))  # brackets wrap across lines
    flat = re.sub(r"(?<![\u4e00-\u9fff])[一二三四五六](?![\u4e00-\u9fff])", "", flat)
    assert not CJK.search(flat), flat


def test_clicks_errors_follow_the_language() -> None:
    zh = run_cli("lint", "--bogus", env=CHINESE)
    assert zh.returncode == 2
    assert "错误：没有这个选项 '--bogus'" in zh.stderr and "用 'govreport lint --help' 查看帮助" in zh.stderr
    assert not [w for w in CLICK_WORDS if w in zh.stderr], zh.stderr
    # --lang given after the mistake still reaches it: it is read before click parses
    en = run_cli("lint", "--bogus", "--lang", "en", env=CHINESE)
    assert "Error: No such option '--bogus'" in en.stderr and not CJK.search(en.stderr)
    missing = run_cli("render", env=CHINESE)
    assert "缺少参数 'FILE'" in missing.stderr and "Missing" not in missing.stderr
    assert "Missing argument 'FILE'" in run_cli("--lang", "en", "render").stderr
    choice = run_cli("check", "--format", "xml", "x", env=CHINESE)
    assert "'--format' 的值无效" in choice.stderr and "Invalid value" not in choice.stderr
    # the global option beats GOVREPORT_LANG in the command's own option too
    both = run_cli("--lang", "en", "lint", "--bogus", env={**os.environ, "GOVREPORT_LANG": "zh"})
    assert "No such option" in both.stderr


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "qingshi-2024.toml")
    shutil.copy(EXAMPLE.with_name("qingshi-2023.toml"), tmp_path / "qingshi-2023.toml")
    return tmp_path


def english(*args: str, cwd: Path) -> str:
    done = run_cli(*args, cwd=cwd, env=ENGLISH)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def test_representative_commands_speak_english(workdir: Path) -> None:
    organs = ("云岭县青石镇人民政府", "测试乡人民政府", "沐阳县人民政府", "１７")  # and what fmt --fix quotes
    bad = workdir / "bad.toml"
    bad.write_text(
        set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "total"), "１７"), encoding="utf-8"
    )
    (workdir / "binary.toml").write_bytes(b"\x00\x01govreport")
    (workdir / ".govreport.toml").write_text('selekt = ["H"]\n', encoding="utf-8")
    (workdir / "empty.cfg").write_text("", encoding="utf-8")  # a configuration with nothing set
    os.mkfifo(workdir / "pipe.toml")
    sample = str(SAMPLES / "shuyang-county-2025.txt")
    said = {
        "new": english(
            "new", "--organ", "测试乡人民政府", "--year", "2030", "--from", "qingshi-2024.toml", cwd=workdir
        ),
        "new again": english("new", "--organ", "测试乡人民政府", "--year", "2030", cwd=workdir),
        "new level": english("new", "--organ", "x", "--level", "村", cwd=workdir),
        "lint": english("lint", "--config", "empty.cfg", "bad.toml", cwd=workdir),
        "lint pyproject": english("lint", "--config", str(ROOT / "pyproject.toml"), "bad.toml", cwd=workdir),
        "lint config": english("lint", "qingshi-2024.toml", cwd=workdir),
        "lint unreadable": english("lint", "binary.toml", "pipe.toml", "--config", "empty.cfg", cwd=workdir),
        "lint no config": english("lint", "qingshi-2024.toml", "--config", "none.toml", cwd=workdir),
        "fmt": english("fmt", "--check", "--fix", "bad.toml", "binary.toml", cwd=workdir),
        "render": english("render", "qingshi-2024.toml", "-o", "nowhere/x.html", cwd=workdir),
        "render docx": english(
            "render", "qingshi-2024.toml", "--to", "md", "--template", "x.docx", cwd=workdir
        ),
        "schema": english("schema", "--format-version", "1999", cwd=workdir),
        "import": english("import", sample, "-o", "imported.toml", cwd=workdir),
        "import empty": english("import", "binary.toml", "--kind", "text", cwd=workdir),
        "check": english("check", sample, "qingshi-2024.toml", "--no-copies", cwd=workdir),
        "check html": english("check", "qingshi-2024.toml", "--format", "html", cwd=workdir),
        "sum years": english("sum", "qingshi-2023.toml", "qingshi-2024.toml", "--organ", "x", cwd=workdir),
        "sum twice": english("sum", "qingshi-2024.toml", "qingshi-2024.toml", "--organ", "x", cwd=workdir),
        "export": english("export", "qingshi-2024.toml", "--to", "csv", "-o", "cells.csv", cwd=workdir),
        "export again": english("export", "qingshi-2024.toml", "--to", "csv", "-o", "cells.csv", cwd=workdir),
        "rules": english("rules", cwd=workdir),
    }
    for name, text in said.items():
        assert text.strip(), name
        if name == "rules":  # a rule's summary quotes the format's labels: only the family names here
            text = "\n".join(line for line in text.splitlines() if not line.startswith("  "))
        assert not untranslated(text, organs), f"{name}: {untranslated(text, organs)}"
    # and they said what they should (in English)
    assert "Created" in said["new"] and "Carried over from the 2024 report" in said["new"]
    assert "exists; not overwritten" in said["new again"]
    assert "Imported" in said["import"] and "Confidence:" in said["import"]
    assert "not a text file" in said["lint unreadable"] and "named pipe" in said["lint unreadable"]
    assert "none.toml: cannot be read" in said["lint no config"]
    assert "unknown settings selekt" in said["lint config"]
    assert "the reports are of different years" in said["sum years"]
    assert "counted twice" in said["sum twice"]
    assert "unknown format version '1999'" in said["schema"]


def test_the_chinese_messages_are_still_chinese(workdir: Path) -> None:
    done = run_cli("sum", "qingshi-2023.toml", "qingshi-2024.toml", "--organ", "x", cwd=workdir, env=CHINESE)
    assert "报告的年度不同，不能相加" in done.stderr
    done = run_cli(
        "new", "--organ", "测试乡人民政府", "--year", "2030", "--from", "qingshi-2024.toml", cwd=workdir
    )
    assert "已从 2024 年报告结转" in done.stderr


EDITOR = textwrap.dedent(
    """
    import asyncio, json, shutil, sys
    from pathlib import Path
    from textual.widgets import Footer
    from govreport.tui.app import ReportApp, MessageLine, TitleBar
    from govreport.tui.dialogs import HelpScreen
    from govreport.tui.pages import CellInfo
    from govreport.tui.widgets import FindingsPanel, SectionList

    async def main():
        app = ReportApp.for_file(sys.argv[1])
        seen = {}
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(200):
                await pilot.pause()
                if app.screen.lint_idle:
                    break
                await asyncio.sleep(0.02)
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            seen["footer"] = [b.binding.description for b in screen.active_bindings.values() if b.binding.show]
            seen["sections"] = [str(o.prompt) for o in screen.query_one(SectionList).options]
            seen["findings"] = str(screen.query_one(FindingsPanel).border_title)
            await pilot.press("down", "down", "down", "enter")
            await pilot.pause()
            seen["cell"] = str(screen.query_one(CellInfo).render())
            await pilot.press("x")
            await pilot.press("enter")
            await pilot.pause()
            seen["refused"] = str(screen.query_one(MessageLine).render())
            await pilot.press("f1")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            seen["help"] = [str(w.render()) for w in help_screen.query("*") if hasattr(w, "render")]
        print(json.dumps(seen, ensure_ascii=False))

    asyncio.run(main())
    """
)


def test_the_editor_in_english(tmp_path: Path) -> None:
    pytest.importorskip("textual")
    import json

    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    done = subprocess.run(
        [sys.executable, "-c", EDITOR, str(path)], capture_output=True, text=True, env=ENGLISH, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "Save" in seen["footer"] and "Undo" in seen["footer"]
    assert not [d for d in seen["footer"] if CJK.search(d)]
    assert seen["sections"][3].startswith("3. Requests")
    assert all(len(p.split("\n")) == 2 for p in seen["sections"])  # two lines each, nothing wrapped
    assert not [p for p in seen["sections"] if CJK.search(p)], seen["sections"]
    assert seen["findings"].startswith("Findings:")
    assert "Count: a whole number" in seen["cell"] and not untranslated(seen["cell"]), seen["cell"]
    assert seen["refused"].startswith("Not accepted:") and not untranslated(seen["refused"])
    help_text = "\n".join(seen["help"])
    assert "Everywhere" in help_text and "Quit (asks first" in help_text
    assert not untranslated(help_text), untranslated(help_text)


def test_import_lists_every_candidate_of_an_unresolved_cell(tmp_path: Path) -> None:
    """13 digits for three cells of table 二 with no sum between them: 66 splits.  The comment
    of each "?" lists every value the cell can have (no cut at 8), up to the limit, and then
    says how many more there are; the editor offers them all (F5)."""
    from govreport.importer import import_bytes
    from govreport.limits import MAX_SHOWN_CANDIDATES
    from govreport.tui.model import EditSession

    from .importer_helpers import to_text
    from .test_import_roundtrip import example

    spec = load_spec("2021")
    text = to_text(spec, example(), "spaces")
    assert "行政规范性文件 3 1 12" in text
    result = import_bytes(
        text.replace("行政规范性文件 3 1 12", "行政规范性文件 1234567891234").encode(), "x.txt"
    )
    cells = {
        c.path[-1]: c for c in result.cells if c.path[:3] == ("proactive", "item_1", "normative_documents")
    }
    issued, repealed = cells["issued"], cells["repealed"]
    assert issued.value == "?" and repealed.value == "?"
    # the first cell: 1, 12, …, 12345678912 — eleven values, all listed (before: the first 8 and "……")
    digits = "1234567891234"
    listed = issued.comment.split("可能为 ", 1)[1].split("；", 1)[0]
    assert listed.split("、") == [digits[:n] for n in range(1, 12)]
    # the middle cell can be any of 63 numbers: the first MAX_SHOWN_CANDIDATES, then the rest counted
    middle = repealed.comment.split("可能为 ", 1)[1].split("；", 1)[0]
    shown, _, left = middle.partition("（另有 ")
    assert len(shown.split("、")) == MAX_SHOWN_CANDIDATES
    every = {int(digits[i:j]) for i in range(1, 13) for j in range(i + 1, 13)}  # the middle part
    assert int(left.split(" ")[0]) == len(every) - MAX_SHOWN_CANDIDATES
    out = tmp_path / "imported.toml"
    out.write_text(result.text, encoding="utf-8")
    session = EditSession.open(out)
    path = ("proactive", "item_1", "normative_documents", "issued")
    assert session.candidates(path) == [int(digits[:n]) for n in range(1, 12)]
    assert len(session.candidates((*path[:-1], "repealed"))) == MAX_SHOWN_CANDIDATES
