"""Fixtures of the rule tests: last year's report, a folder of files linted by the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from govreport.report.document import ReportDocument

from ..conftest import EXAMPLE_2023, run_cli


@pytest.fixture
def last_year() -> ReportDocument:
    return ReportDocument.load(EXAMPLE_2023)


RunInDir = Callable[..., tuple[CompletedProcess[str], Path]]


@pytest.fixture
def run_cli_in_dir(tmp_path: Path) -> RunInDir:
    def go(files: dict[str, str], *args: str) -> tuple[CompletedProcess[str], Path]:
        for name, content in files.items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        return run_cli(*args, cwd=tmp_path), tmp_path

    return go
