"""``govreport fmt``: rewrite reports in the canonical layout."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would be reformatted.")
@click.option("--diff", "show_diff", is_flag=True, help="Print what would change (implies --check).")
@click.option(
    "--skip-non-reports",
    is_flag=True,
    help="Skip named files that are not report files (for pre-commit, which passes every .toml).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="First repair the safe TOML mistakes (full-width digits, a full-width ＝) and say what changed.",
)
def fmt(paths: tuple[str, ...], check: bool, show_diff: bool, skip_non_reports: bool, fix: bool) -> None:
    """按标准版式重写报告文件，保留所有数值和注释。

    \b
    Rewrite report files in the canonical layout: sections in the official order,
    each value with its label beside it.  No value and no comment is lost; running
    it twice changes nothing.  Directories are searched for report files.
    Exit status: 0 nothing (left) to do, 1 --check found files to reformat,
    2 a file could not be read or parsed.
    """
    import difflib

    from govreport.fsutil import write_atomic
    from govreport.lint.discover import expand_paths
    from govreport.report.document import ReportError, read_report_text
    from govreport.report.fmt import FormatError, format_text

    check = check or show_diff
    changed: list[str] = []
    failed = 0
    files = list(expand_paths(paths, skip_non_reports=skip_non_reports))
    if not files:
        if skip_non_reports:
            return
        click.echo("govreport: 没有找到报告文件", err=True)
        sys.exit(2)
    for path in files:
        name = str(path)
        try:
            original = read_report_text(path)
            fixed = original
            if fix:
                from govreport.report.tomlfix import fix_report_text

                fixed, repairs = fix_report_text(original)
                for r in repairs:
                    verb = "可修正" if check else "已修正"
                    click.echo(f"{name}:{r.line}:{r.column}: {verb}：{r.before} → {r.after}", err=True)
            formatted = format_text(fixed, name)
        except ReportError as exc:
            where = f"{name}:{exc.line}:{exc.column}: " if exc.line else ""
            click.echo(f"govreport: {where}{exc.message}", err=True)
            failed += 1
            continue
        except FormatError as exc:
            click.echo(f"govreport: {exc}", err=True)
            failed += 1
            continue
        if formatted == original:
            continue
        changed.append(name)
        if show_diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    original.splitlines(keepends=True), formatted.splitlines(keepends=True), name, name
                )
            )
        elif check:
            click.echo(f"需要格式化：{name}")
        else:
            try:
                write_atomic(path, formatted, overwrite=True)
            except OSError as exc:
                click.echo(f"govreport: 无法写入 {name}：{exc.strerror or exc}", err=True)
                failed += 1
                continue
            click.echo(f"已格式化：{name}", err=True)
    unchanged = len(files) - len(changed) - failed
    verb = "需要格式化" if check else "已格式化"
    click.echo(f"{len(changed)} 个文件{verb}，{unchanged} 个文件无需改动。", err=True)
    if failed:
        sys.exit(2)
    sys.exit(1 if check and changed else 0)
