"""The wheel carries the schemas and scaffolds, and works without the source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stdout}\n{proc.stderr}")
    (built,) = out.glob("govreport-*.whl")
    return built


def test_wheel_contains_schemas_and_scaffolds(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "govreport/schemas/format-2021.schema.json" in names
    assert "govreport/scaffolds/format-2021.toml" in names
    assert "govreport/schemas/format-2019.schema.json" in names
    assert "govreport/scaffolds/format-2019.toml" in names
    assert "govreport/importer/__init__.py" in names
    assert "govreport/py.typed" in names


def test_unpacked_wheel_lints_and_scaffolds_away_from_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    deps = os.pathsep.join(p for p in sys.path if p and "site-packages" in p)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), deps])}
    code = "import govreport.resources as r, sys; print(r.data_dir('schemas'))"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=work, env=env)
    assert where.stdout.strip() == str(site / "govreport" / "schemas"), where.stderr
    lint = subprocess.run(
        [sys.executable, "-m", "govreport", "lint", str(EXAMPLE)],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    new = subprocess.run(
        [
            sys.executable,
            "-m",
            "govreport",
            "new",
            "--organ",
            "测试乡人民政府",
            "--year",
            "2025",
            "-o",
            "r.toml",
        ],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert new.returncode == 0, new.stderr
    assert "【待填写" in (work / "r.toml").read_text(encoding="utf-8")


def test_unpacked_wheel_renders_with_its_templates(wheel: Path, tmp_path: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("report.html.j2", "body.html.j2", "table.html.j2", "report.md.j2", "style.css.j2"):
        assert f"govreport/render/templates/{template}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    deps = os.pathsep.join(p for p in sys.path if p and "site-packages" in p)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), deps])}
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", "render", str(EXAMPLE), "--to", "md"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# 云岭县青石镇人民政府2024年政府信息公开工作年度报告")
