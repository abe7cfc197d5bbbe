"""Lint configuration: ``[tool.govreport]`` in ``pyproject.toml`` or a ``.govreport.toml``.

The nearest configuration file found upward from a report applies to it (as with ruff); a
``pyproject.toml`` without ``[tool.govreport]`` is passed over, also when it is not valid TOML
(another project's file), but a broken one that has the table is an error naming it. Keys:

``select`` / ``ignore``
    Lists of rule codes or code prefixes (``"H"``, ``"X1"``, ``"ALL"``).  A rule runs when it
    matches ``select`` (default: all) and does not match ``ignore``.  An unknown code is an
    error that names the file and the code.
``per-file-ignores``
    A table of glob patterns (relative to the configuration file's directory) to lists of codes.
``severity``
    A table of code (or prefix) to ``"error"``, ``"warning"`` or ``"info"``.
``defaults``
    Values used when a report leaves them out; today ``level`` (机关层级) for the plausibility
    rules, e.g. a county's config may say ``defaults = { level = "乡镇人民政府" }`` (one of the
    levels the format's schema allows; anything else is an error), and the publication deadline
    of E2: ``deadline = "01-20"`` for every level, or per level
    ``deadlines = { "乡镇人民政府" = "01-25" }`` (month-day of the year after the report year).
``lang``, ``format``
    Default message language and output format (overridden by the environment and flags).
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from govreport import toml
from govreport.fsutil import cannot_read, resolved
from govreport.i18n import t
from govreport.lint.finding import Severity

CONFIG_NAMES = (".govreport.toml", "pyproject.toml")
KNOWN_KEYS = {"select", "ignore", "per-file-ignores", "severity", "defaults", "lang", "format"}


class ConfigError(Exception):
    """A configuration file that cannot be used; ``str()`` is a one-line message."""


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in patterns)


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    defaults: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    lang: str | None = None
    output_format: str | None = None
    source: Path | None = None

    @property
    def base(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def ignored_for(self, file: Path | None) -> tuple[str, ...]:
        if file is None or not self.per_file_ignores:
            return ()
        try:
            rel = resolved(file).relative_to(resolved(self.base)).as_posix()
        except ValueError:
            rel = file.as_posix()
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(file.name, pattern):
                codes.extend(ignored)
        return tuple(codes)

    def enabled(self, code: str, file: Path | None = None) -> bool:
        if not _matches(code, self.select):
            return False
        return not _matches(code, self.ignore + self.ignored_for(file))

    def severity_of(self, code: str, default: Severity) -> Severity:
        best: tuple[int, Severity] | None = None
        for prefix, severity in self.severity:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), severity)
        return best[1] if best else default

    def with_overrides(
        self, *, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = ()
    ) -> LintConfig:
        return LintConfig(
            select=select if select else self.select,
            ignore=self.ignore + ignore,
            per_file_ignores=self.per_file_ignores,
            severity=self.severity,
            defaults=self.defaults,
            lang=self.lang,
            output_format=self.output_format,
            source=self.source,
        )


def _codes(value: Any, where: str) -> tuple[str, ...]:
    """Rule codes or prefixes; an unknown one is an error naming it (a typo in ``select``
    would silently turn rules off, one in ``ignore`` would silently leave them on)."""
    from govreport.lint.registry import all_rules, is_known_code

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            t(
                f'{where} 应为规则代码的列表，如 ["H", "X1"]',
                f'{where} must be a list of rule codes, e.g. ["H", "X1"]',
            )
        )
    codes = tuple(v.strip().upper() for v in value if v.strip())
    all_rules()  # registers the rules
    unknown = [c for c in codes if not is_known_code(c)]
    if unknown:
        codes_ = ", ".join(unknown)
        raise ConfigError(
            t(
                f"{where} 中有未知的规则代码 {codes_}（见 govreport rules）",
                f"{where}: unknown rule codes {codes_} (see govreport rules)",
            )
        )
    return codes


def _organ_levels() -> list[str]:
    """The organ levels the installed formats allow (their ``organ_level`` anchor's choices)."""
    from govreport.format.spec import available_formats, load_spec

    levels: list[str] = []
    for version in available_formats():
        try:
            spec = load_spec(version)
            node = spec.node(spec.anchor("organ_level")) if spec.has_anchor("organ_level") else None
        except Exception:  # a broken or partial edition: it offers no levels
            continue
        for level in node.schema.get("enum", []) if node is not None else []:
            if isinstance(level, str) and level not in levels:
                levels.append(level)
    return levels


KNOWN_DEFAULTS = ("level", "deadline", "deadlines")
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")


def _month_day(value: Any, where: str) -> None:
    """A publication deadline (E2) is "MM-DD" of the year after the report year."""
    import datetime as _dt

    m = _MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    try:
        if m is None:
            raise ValueError
        _dt.date(2000, int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise ConfigError(
            t(
                f'{where} 应为“月-日”，如 "01-31"，实为 {value!r}',
                f'{where} must be "MM-DD", e.g. "01-31", not {value!r}',
            )
        ) from None


def _defaults(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(
            t(
                f'{name}: defaults 应为表，如 {{ level = "乡镇人民政府" }}',
                f'{name}: defaults must be a table, e.g. {{ level = "乡镇人民政府" }}',
            )
        )
    unknown = [k for k in value if k not in KNOWN_DEFAULTS]
    if unknown:
        raise ConfigError(_unknown_keys(f"{name}: defaults", unknown, KNOWN_DEFAULTS))
    if "level" in value:
        levels = _organ_levels()
        if value["level"] not in levels:
            raise ConfigError(_one_of(f"{name}: defaults.level", levels, value["level"]))
    if "deadline" in value:
        _month_day(value["deadline"], f"{name}: defaults.deadline")
    if "deadlines" in value:
        per_level = value["deadlines"]
        if not isinstance(per_level, dict):
            raise ConfigError(
                t(
                    f'{name}: defaults.deadlines 应为表，如 {{ "乡镇人民政府" = "01-31" }}',
                    f'{name}: defaults.deadlines must be a table, e.g. {{ "乡镇人民政府" = "01-31" }}',
                )
            )
        levels = _organ_levels()
        for level, deadline in per_level.items():
            if level not in levels:
                raise ConfigError(_one_of(f"{name}: defaults.deadlines", levels, level))
            _month_day(deadline, f"{name}: defaults.deadlines.{level}")
    return dict(value)


def _unknown_keys(where: str, unknown: list[str], known: Any) -> str:
    listed, allowed = ", ".join(unknown), ", ".join(known)
    return t(
        f"{where} 中有未知的配置项 {listed}（可用：{allowed}）",
        f"{where}: unknown settings {listed} (known: {allowed})",
    )


def _one_of(where: str, choices: list[str], value: Any) -> str:
    return t(
        f"{where} 应为以下之一：{'、'.join(choices)}，实为 {value!r}",
        f"{where} must be one of {', '.join(choices)}, not {value!r}",
    )


def _a_table(where: str, example: str) -> str:
    return t(f"{where} 应为表，如 {example}", f"{where} must be a table, e.g. {example}")


def parse_config(table: dict[str, Any], source: Path | None) -> LintConfig:
    name = str(source) if source else t("配置", "configuration")
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise ConfigError(_unknown_keys(name, sorted(unknown), sorted(KNOWN_KEYS)))
    select = _codes(table["select"], f"{name}: select") if "select" in table else ("ALL",)
    ignore = _codes(table.get("ignore", []), f"{name}: ignore")
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(_a_table(f"{name}: per-file-ignores", '{ "archive/*.toml" = ["X3"] }'))
    per_file = tuple((str(k), _codes(v, f"{name}: per-file-ignores.{k}")) for k, v in pfi.items())
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(_a_table(f"{name}: severity", '{ X2 = "error" }'))
    severity: list[tuple[str, Severity]] = []
    for code, value in sev.items():
        _codes([str(code)], f"{name}: severity")
        try:
            severity.append((str(code).upper(), Severity(str(value))))
        except ValueError:
            raise ConfigError(
                _one_of(f"{name}: severity.{code}", ["error", "warning", "info"], value)
            ) from None
    defaults = _defaults(table.get("defaults", {}), name)
    lang = table.get("lang")
    if lang is not None and lang not in ("zh", "en"):
        raise ConfigError(_one_of(f"{name}: lang", ["zh", "en"], lang))
    fmt = table.get("format")
    if fmt is not None and fmt not in ("text", "json", "github", "sarif"):
        raise ConfigError(_one_of(f"{name}: format", ["text", "json", "github", "sarif"], fmt))
    return LintConfig(select, ignore, per_file, tuple(severity), dict(defaults), lang, fmt, source)


def read_config_file(path: Path) -> LintConfig | None:
    """The configuration in *path*, or None if it is a pyproject.toml without ``[tool.govreport]``."""
    try:
        with path.open("rb") as fh:
            data = toml.load(fh)
    except toml.TOMLDecodeError as exc:
        if path.name == "pyproject.toml" and not _mentions_govreport(path):
            return None  # another project's broken file: not ours to judge
        raise ConfigError(t(f"{path}: TOML 语法错误：{exc}", f"{path}: TOML syntax error: {exc}")) from None
    except IsADirectoryError:
        raise ConfigError(
            t(f"{path}: 是目录，不是配置文件", f"{path}: is a directory, not a configuration file")
        ) from None
    except OSError as exc:
        raise ConfigError(cannot_read(str(path), exc)) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("govreport")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(
                t(f"{path}: [tool.govreport] 应为表", f"{path}: [tool.govreport] must be a table")
            )
        return parse_config(table, path)
    return parse_config(data, path)


_OUR_TABLE = re.compile(
    r"^\s*\[\s*tool\s*\.\s*[\"']?govreport[\"']?\s*[\].]|^\s*tool\s*\.\s*govreport\b", re.M
)


def _mentions_govreport(path: Path) -> bool:
    """Whether a (broken) pyproject.toml has a ``[tool.govreport]`` table, judged by its text."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return True
    return _OUR_TABLE.search(text) is not None


@cache
def _config_in(directory: Path) -> LintConfig | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            config = read_config_file(candidate)
            if config is not None:
                return config
    return None


def find_config(start: Path) -> LintConfig:
    """The configuration that applies to a report at *start* (a file or a directory)."""
    return _config_above(_directory_of(start))


def _directory_of(start: Path) -> Path:
    """The resolved directory of *start* (itself when it is a directory).  A regular file that
    is not a link lies in its parent: one ``lstat`` and the parent resolved once per batch,
    not every link of the path resolved again for each of a thousand reports."""
    try:
        regular = start.name not in ("", ".", "..") and stat.S_ISREG(os.lstat(start).st_mode)
    except (OSError, ValueError):
        regular = False
    if regular:
        return _resolved_dir(os.getcwd(), start.parent)
    directory = resolved(start)
    return directory if directory.is_dir() else directory.parent


@lru_cache(maxsize=256)
def _resolved_dir(cwd: str, directory: Path) -> Path:
    """*directory* resolved, *cwd* being the working directory it is relative to."""
    return resolved(directory)


@cache
def _config_above(directory: Path) -> LintConfig:
    """The nearest configuration in *directory* or above it (each directory read once, as
    :func:`_config_in`)."""
    for candidate in (directory, *directory.parents):
        config = _config_in(candidate)
        if config is not None:
            return config
    return LintConfig()
