"""Lint many files: configuration per file, last year's report beside each, both cores for a
large batch, and results in the order the files were given.

A county supervisor lints dozens of reports and a researcher thousands: above
``PARALLEL_THRESHOLD`` files the work is shared among worker processes (one per CPU), each
handed files in chunks; below it, starting workers would cost more than it saves.
Each document is dropped as soon as its findings are made, so memory stays flat however many
files there are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from govreport.lint.config import ConfigError, LintConfig, find_config
from govreport.lint.discover import PreviousChoice, PreviousFinder
from govreport.lint.engine import LintResult, lint_document, load_for_lint
from govreport.report.document import ReportDocument

PARALLEL_THRESHOLD = 64
CHUNK = 16
_T = TypeVar("_T")
_R = TypeVar("_R")


class BatchConfigError(Exception):
    """A configuration file that applies to one of the files is unusable."""


@dataclass(frozen=True)
class RuleOptions:
    """What the command line says about the rules, for every batch command that runs the
    engine (``lint``, ``check``): the language, ``--select``/``--ignore`` and ``--config``."""

    lang: str = "zh"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    explicit_config: LintConfig | None = None

    def config_for(self, path: Path) -> LintConfig:
        """The configuration for *path*: ``--config``, else the one found upward from it, with
        the command line's overrides.  Raises BatchConfigError for an unusable file."""
        try:
            config = self.explicit_config or find_config(path)
        except ConfigError as exc:
            raise BatchConfigError(str(exc)) from None
        return config.with_overrides(select=self.select or None, ignore=self.ignore)


@dataclass(frozen=True)
class BatchOptions(RuleOptions):
    previous: ReportDocument | None = None  # last year's report, given on the command line


_finder: PreviousFinder | None = None
_options: BatchOptions | None = None


def _lint_one(path: Path) -> LintResult:
    assert _options is not None and _finder is not None
    options = _options
    config = options.config_for(path)
    loaded = load_for_lint(path, options.lang)
    if isinstance(loaded, LintResult):
        return loaded
    prior: ReportDocument | None
    choice: PreviousChoice | None
    used: str | None
    if options.previous is not None:
        prior, choice, used = options.previous, None, options.previous.name
    else:
        choice = _finder.choose(path, loaded)
        prior = choice.document
        used = str(choice.path) if choice.document is not None and choice.path is not None else None
    findings = lint_document(loaded, lang=options.lang, config=config, previous=prior, previous_choice=choice)
    return LintResult(str(path), findings, previous=used)


def _init_worker(options: BatchOptions, finder: PreviousFinder | None = None) -> None:
    global _finder, _options
    _options = options
    _finder = finder or PreviousFinder()


def _warm_up() -> None:
    """Build what every worker needs before forking, so that each inherits it: the rules, the
    formats with their derived layouts and relations, the validator."""
    from govreport.format.spec import available_formats, load_spec
    from govreport.format.validate import schema_issues
    from govreport.lint.registry import all_rules

    all_rules()
    for version in available_formats():
        spec = load_spec(version)
        _ = spec.relations, spec.tables, spec.cell_labels, spec.total_cells, spec.carry_over
        schema_issues(spec, {})


def workers_for(count: int) -> int:
    if count < PARALLEL_THRESHOLD:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, count // CHUNK))


def lint_paths(
    paths: Sequence[Path],
    options: BatchOptions,
    *,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[LintResult]:
    """The results for *paths*, in order.  Raises BatchConfigError for an unusable config."""
    jobs = workers_for(len(paths)) if jobs is None else max(1, jobs)
    finder: PreviousFinder | None = None
    if jobs > 1:
        from govreport import toml

        toml.use_fast_parser()  # a big batch: worth rtoml's import, inherited by the workers
        finder = PreviousFinder()
        if options.previous is None:
            finder.prepare(list(paths))  # before the workers fork, so that each inherits it
    yield from map_in_workers(
        _lint_one,
        paths,
        jobs=jobs,
        chunksize=CHUNK,
        initializer=_init_worker,
        initargs=(options, finder),
        progress=progress,
    )


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def map_in_workers(
    fn: Callable[[_T], _R],
    items: Sequence[_T],
    *,
    jobs: int,
    chunksize: int = CHUNK,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[_R]:
    """``fn`` over *items* in *jobs* worker processes (forked after the warm-up, so that each
    inherits the formats and the rules), results in order; in this process when *jobs* is 1.
    For other batch commands (``govreport check``) that run the same engine as lint."""
    done = 0
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield fn(item)
            done += 1
            if progress:
                progress(done, len(items))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up()
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        for result in pool.map(fn, items, chunksize=chunksize):
            yield result
            done += 1
            if progress:
                progress(done, len(items))
