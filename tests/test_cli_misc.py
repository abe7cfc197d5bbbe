"""``--version``, ``--help`` everywhere, ``govreport schema``, ``python -m govreport``."""

from __future__ import annotations

import json

import pytest

from govreport import __version__

from .conftest import run_cli


def test_version(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


@pytest.mark.parametrize("command", [[], ["new"], ["lint"], ["schema"]])
def test_help_on_every_command(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "用法：" in result.stdout


def test_schema_prints_the_schema(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["x-format"] == "2021"
    assert schema["properties"]["requests"]["title"] == "三、收到和处理政府信息公开申请情况"


def test_schema_list_and_unknown_version(run) -> None:  # type: ignore[no-untyped-def]
    assert "2021" in run("schema", "--list").stdout.split()
    result = run("schema", "--format-version", "1999")
    assert result.exit_code == 2 and "未知的格式版本" in result.output


def test_python_dash_m() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and __version__ in proc.stdout
