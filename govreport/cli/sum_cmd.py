"""``govreport sum``: add up tables 二, 三 and 四 of many reports (逐级汇总)."""

from __future__ import annotations

import sys

import click

from govreport.cli.lang import BiCommand, lang_option, t
from govreport.cli.options import bi_option, force_option, jobs_option, output_option

EXIT_OK, EXIT_FATAL = 0, 2


@click.command("sum", cls=BiCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@bi_option(
    "--organ",
    required=True,
    help="The organ of the summed report (e.g. the county's government).",
    help_zh="汇总报告的机关名称（如县人民政府）。",
)
@output_option()
@force_option
@jobs_option
@lang_option
def sum_(
    paths: tuple[str, ...], organ: str, output: str | None, force: bool, jobs: int | None, lang: str | None
) -> None:
    """把多份报告的表二、表三、表四逐格相加，生成一份同格式的报告文件（逐级汇总）。

    \b
    Add up tables 二, 三 and 四 of many reports (report files or published reports in any
    form import reads) into one report file of the same format; each sum has a comment
    saying how many reports went into it.  A "?" or missing cell in any input makes that
    sum "?" (never a silently low total).  Mixed years or formats, an unreadable input or no
    input at all: exit status 2, nothing written.
    """
    from govreport.check.inputs import expand_inputs
    from govreport.check.rollup import Part, RollupError, check_same, read_part, sum_report
    from govreport.cli.output import no_reports_message, write_output
    from govreport.format.spec import load_spec
    from govreport.lint.batch import cpu_count, map_in_workers

    if not organ.strip():
        click.echo(t("govreport: --organ 不能为空", "govreport: --organ must not be empty"), err=True)
        sys.exit(EXIT_FATAL)
    names = [str(p) for p in expand_inputs(paths)]
    if not names:
        click.echo(no_reports_message(), err=True)
        sys.exit(EXIT_FATAL)
    workers = jobs or (1 if len(names) < 4 else min(cpu_count(), len(names)))
    read = list(map_in_workers(read_part, names, jobs=workers, chunksize=1))
    failed = [r for r in read if isinstance(r, str)]
    if failed:
        for reason in failed:
            click.echo(f"govreport: {reason}", err=True)
        click.echo(
            t(
                f"govreport: {len(failed)} 份报告无法读取，合计会偏低，未生成汇总",
                f"govreport: {len(failed)} reports cannot be read; the sum would be too low, so none was made",
            ),
            err=True,
        )
        sys.exit(EXIT_FATAL)
    parts = [r for r in read if isinstance(r, Part)]
    try:
        year, version = check_same(parts)
    except RollupError as exc:
        click.echo(f"govreport: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    seen: dict[str, list[str]] = {}
    for part in parts:
        if part.organ:
            seen.setdefault(part.organ, []).append(part.name)
    twice = {organ: names for organ, names in seen.items() if len(names) > 1}
    if twice:
        listed = t("；", "; ").join(
            f"{organ}{t('：', ': ')}{t('、', ', ').join(names)}" for organ, names in twice.items()
        )
        click.echo(
            t(
                f"govreport: 同一机关的报告出现了不止一次，相加会重复计算（{listed}）",
                f"govreport: an organ's report is there more than once and would be counted twice ({listed})",
            ),
            err=True,
        )
        sys.exit(EXIT_FATAL)
    text = sum_report(load_spec(version), parts, organ.strip(), year)
    write_output(
        output,
        text,
        force=force,
        done=t(
            f"已写入 {output}（{len(parts)} 份报告之和）", f"Wrote {output} (the sum of {len(parts)} reports)"
        )
        if output
        else None,
    )
    sys.exit(EXIT_OK)
