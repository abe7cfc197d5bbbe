"""``govreport rules`` and ``govreport rule CODE``: the rules and their documentation."""

from __future__ import annotations

import sys

import click

from govreport.cli.lang import BiCommand, BiOption, lang_option


@click.command(cls=BiCommand)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    cls=BiOption,
    help="Output format.",
    help_zh="输出格式。",
)
@lang_option
def rules(output_format: str, lang: str | None) -> None:
    """列出所有检查规则（代码、名称、默认级别、说明）。
    ---
    List every lint rule: code, name, default severity and summary.
    """
    from govreport.cli.lang import current_lang

    lang = current_lang(lang)
    from govreport.lint.registry import all_rules, family_label

    found = all_rules()
    if output_format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary_in(lang),
                "doc": r.doc_in(lang),
            }
            for r in found
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    family = None
    for r in found:
        if r.family != family:
            family = r.family
            click.echo(f"\n{family}  {family_label(family, lang)}")
        click.echo(f"  {r.code:<4} {r.name:<22} {r.severity.value:<8} {r.summary_in(lang)}")


@click.command(cls=BiCommand)
@click.argument("code")
@lang_option
def rule(code: str, lang: str | None) -> None:
    """显示一条规则的说明文档，如 govreport rule H1。
    ---
    Show the documentation of one rule (its docstring), e.g. `govreport rule H1`.
    """
    from govreport.cli.lang import current_lang

    lang = current_lang(lang)
    from govreport.lint.registry import all_rules, get_rule

    found = get_rule(code)
    if found is None:
        known = ", ".join(r.code for r in all_rules())
        raise click.BadParameter(f"没有规则 {code}（已有：{known}）", param_hint="CODE")
    click.echo(f"{found.code} {found.name}  [{found.severity.value}]\n")
    click.echo(found.doc_in(lang))
