"""``govreport sum``: add up tables 二, 三 and 四 of many reports (逐级汇总)."""

from __future__ import annotations

import sys

import click

from govreport.cli.lang import BiCommand, lang_option
from govreport.cli.options import bi_option, force_option, jobs_option, output_option, paths_argument
from govreport.i18n import t

EXIT_OK = 0


@click.command("sum", cls=BiCommand)
@paths_argument
@bi_option(
    "--organ",
    required=True,
    help="The organ of the summed report (e.g. the county's government).",
    help_zh="汇总报告的机关名称（如县人民政府）。",
)
@output_option()
@force_option
@jobs_option()
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
    from govreport.cli.output import perform, write_output
    from govreport.ops.sum import SumOptions, sum_reports

    summed = perform(lang, sum_reports, SumOptions(paths, organ, jobs))
    done = (
        t(
            f"已写入 {output}（{summed.parts} 份报告之和）",
            f"Wrote {output} (the sum of {summed.parts} reports)",
        )
        if output
        else None
    )
    write_output(output, summed.text, force=force, done=done)
    sys.exit(EXIT_OK)
