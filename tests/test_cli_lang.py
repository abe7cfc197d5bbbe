"""``--lang`` on every command and before any (``govreport --lang en rules``), ``GOVREPORT_LANG``,
and ``--help`` in Chinese by default (issue 14, point 9).  Fresh processes, as users run them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govreport.cli import COMMANDS

from .conftest import EXAMPLE, parse_findings, run_cli, set_value


def test_help_is_chinese_by_default_and_english_when_asked() -> None:
    zh = run_cli("--help")
    assert zh.returncode == 0
    assert "信息和帮助的语言" in zh.stdout and "显示本帮助并退出" in zh.stdout
    assert "The annual report" not in zh.stdout and "---" not in zh.stdout
    en = run_cli("--lang", "en", "--help")
    assert "The annual report" in en.stdout and "Show this message and exit" in en.stdout
    assert "按 2021 年官方格式" not in en.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_takes_lang_and_its_help_follows_it(command: str) -> None:
    zh = run_cli(command, "--help")
    en = run_cli(command, "--lang", "en", "--help")
    assert zh.returncode == en.returncode == 0
    assert "--lang" in zh.stdout
    assert "---" not in zh.stdout and "---" not in en.stdout
    assert zh.stdout != en.stdout
    # the option texts too: Chinese by default
    assert "Replace the output file" not in zh.stdout and "Worker processes" not in zh.stdout
    env = {**os.environ, "GOVREPORT_LANG": "en"}
    assert run_cli(command, "--help", env=env).stdout == en.stdout


def test_the_global_option_and_the_environment_reach_the_messages(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "total"), "99"), encoding="utf-8"
    )
    for args, env in [
        (("--lang", "en", "lint", str(path)), None),
        (("lint", "--lang", "en", str(path)), None),
        (("lint", str(path)), {**os.environ, "GOVREPORT_LANG": "en"}),
    ]:
        done = run_cli(*args, env=env)
        found = {f["code"]: f["msg"] for f in parse_findings(done.stdout)}
        assert found["H3"].startswith("table 3."), done.stdout
        assert done.stdout.rstrip().endswith(".") and "Found" in done.stdout
    rules = run_cli("--lang", "en", "rules").stdout
    assert "The file is not valid TOML." in rules
    render = run_cli("--lang", "en", "render", str(path), "--to", "md")
    assert render.stderr.startswith("govreport: note: the report has")
    # the command's own option wins over the global one
    zh = run_cli("--lang", "en", "lint", "--lang", "zh", str(path))
    assert "发现" in zh.stdout
