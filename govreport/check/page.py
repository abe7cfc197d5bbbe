"""``govreport check --format html``: one self-contained page (no network, no CDN; the script is
written here and is small).

- a sortable, filterable table of the reports (organ, level, year, form, publication date,
  status, counts by rule family, repeated-text share, copy suspicion);
- each report opens to its findings (rendered in the page, so they read without script);
- a finding about a number shows the report's official table — its layout from the render
  model (:mod:`govreport.render.model`), the same merged header cells as ``render`` — with
  that cell highlighted and the related cells of the broken sum marked (the finding's
  ``related`` cells, else the schema's relations anchored at it).

The URL fragment drives the page as the buttons do, so that a link can point at a state:
``#sort=organ`` (``-organ`` descending), ``#filter=text``, ``#open=report-3``,
``#open=report-3-finding-2``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from govreport.check.output import form_label, status_label
from govreport.check.rollup import Comparison
from govreport.check.run import CheckRecord
from govreport.format.spec import FormatSpec, load_spec
from govreport.lint.registry import family_label
from govreport.render.model import RenderTable, build_model, cell_value
from govreport.report.document import ReportDocument

FAMILY_COLUMNS = ("H", "X", "E", "I", "C", "S", "P", "Y", "Q")

TEXT = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果",
        "filter": "筛选（机关、文件、状态、规则代码…）",
        "all": "全部",
        "n": "序号",
        "file": "文件",
        "organ": "机关",
        "level": "层级",
        "year": "年度",
        "form": "形式",
        "published": "发布日期",
        "status": "状态",
        "errors": "错误",
        "warnings": "警告",
        "copy": "重复率",
        "suspect": "雷同嫌疑",
        "findings": "问题",
        "none": "未发现问题。",
        "show": "在表中查看",
        "previous": "上年报告",
        "signature": "落款",
        "page": "网页",
        "parent": "与下级报告之和比较",
        "shown": "显示",
        "of": "份，共",
    },
    "en": {
        "title": "Annual disclosure reports: check results",
        "filter": "Filter (organ, file, status, rule code…)",
        "all": "all",
        "n": "#",
        "file": "File",
        "organ": "Organ",
        "level": "Level",
        "year": "Year",
        "form": "Form",
        "published": "Published",
        "status": "Status",
        "errors": "Errors",
        "warnings": "Warnings",
        "copy": "Repeated",
        "suspect": "Copy suspicion",
        "findings": "Findings",
        "none": "No findings.",
        "show": "Show in the table",
        "previous": "Last year's report",
        "signature": "signature",
        "page": "page",
        "parent": "Compared with the sum of the reports",
        "shown": "Showing",
        "of": "of",
    },
}

STYLE = """
:root{--err:#b3261e;--warn:#8a5a00;--ok:#1b6e20;--line:#c8c8c8;--hit:#ffd54f;--rel:#bbdefb}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#1a1a1a}
h1{font-size:1.4rem;margin:0 0 .5rem}
.summary{margin:.3rem 0 1rem;color:#444}
.bar{display:flex;gap:.6rem;align-items:center;margin-bottom:.6rem}
.bar input{flex:1;max-width:28rem;padding:.3rem .5rem;font-size:1rem}
table.reports{border-collapse:collapse;width:100%;font-size:.9rem}
table.reports th,table.reports td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
table.reports thead th{position:sticky;top:0;background:#f3f3f3;cursor:pointer;user-select:none;white-space:nowrap}
table.reports thead th[aria-sort=ascending]::after{content:" ▲"}
table.reports thead th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.report{cursor:pointer}
tr.report:hover{background:#fafafa}
tr.report.open{background:#eef4ff}
.s-errors{color:var(--err);font-weight:bold}.s-warnings{color:var(--warn)}.s-ok{color:var(--ok)}.s-unreadable{color:var(--err);font-style:italic}
tr.details>td{background:#fcfcfc;padding:.6rem 1rem}
ol.findings{margin:.2rem 0;padding-left:1.6rem}
ol.findings li{margin:.15rem 0}
ol.findings li.target{background:#fff7d6}
.code{font-family:monospace;font-weight:bold}
.sev-error .code{color:var(--err)}.sev-warning .code{color:var(--warn)}
.where{color:#666;font-size:.85em}
button.show{font-size:.8em;margin-left:.4rem}
.official{margin:.6rem 0;overflow-x:auto}
.official table{border-collapse:collapse;font-size:.78rem}
.official th,.official td{border:1px solid #888;padding:.15rem .3rem}
.official td{text-align:right;min-width:2.2em}
.official th.heading{text-align:left;background:#f5f5f5}
.official td.hit{background:var(--hit);outline:3px solid #e65100;font-weight:bold}
.official td.rel{background:var(--rel)}
.official td.unresolved{color:var(--err)}
.legend{font-size:.8em;color:#555}
.legend .hit{background:var(--hit);padding:0 .3em}.legend .rel{background:var(--rel);padding:0 .3em}
.hidden{display:none}
"""

SCRIPT = r"""
(function(){
"use strict";
var data=JSON.parse(document.getElementById("check-data").textContent);
var body=document.querySelector("table.reports tbody");
var heads=document.querySelectorAll("table.reports thead th");
var filter=document.getElementById("filter");
var shown=document.getElementById("shown");
function rows(){return Array.prototype.slice.call(body.querySelectorAll("tr.report"));}
function key(tr,col,type){var v=tr.querySelector('[data-col="'+col+'"]').getAttribute("data-value");
 return type==="num"?(v===""?-Infinity:parseFloat(v)):v;}
function sortBy(col,desc){
 var th=document.querySelector('th[data-col="'+col+'"]'); if(!th)return;
 var type=th.getAttribute("data-type");
 var rs=rows();
 rs.sort(function(a,b){var x=key(a,col,type),y=key(b,col,type);
  var c=type==="num"?(x-y):String(x).localeCompare(String(y),"zh-Hans-CN");
  if(c===0)c=parseInt(a.dataset.index,10)-parseInt(b.dataset.index,10);
  return desc?-c:c;});
 rs.forEach(function(tr){var d=document.getElementById(tr.id+"-details");body.appendChild(tr);if(d)body.appendChild(d);});
 heads.forEach(function(h){h.removeAttribute("aria-sort");});
 th.setAttribute("aria-sort",desc?"descending":"ascending");
}
function applyFilter(text){
 var q=(text||"").trim().toLowerCase(),n=0,all=rows();
 all.forEach(function(tr){var hit=!q||tr.dataset.search.indexOf(q)>=0;tr.classList.toggle("hidden",!hit);
  var d=document.getElementById(tr.id+"-details");if(d&&!hit)d.classList.add("hidden");if(hit)n++;});
 shown.textContent=String(n);
}
function openReport(id,on){
 var tr=document.getElementById(id),d=document.getElementById(id+"-details");if(!tr||!d)return;
 var show=on===undefined?d.classList.contains("hidden"):on;
 d.classList.toggle("hidden",!show);tr.classList.toggle("open",show);tr.setAttribute("aria-expanded",show?"true":"false");
}
function reveal(el){var r=el.getBoundingClientRect();
 if(r.top<0||r.top>window.innerHeight-60)el.scrollIntoView({block:"start"});}
function showCell(fid){
 var li=document.getElementById(fid);if(!li)return;
 var rid=fid.replace(/-finding-\d+$/,""),rep=data.reports[rid],f=rep&&rep.findings[li.dataset.n];
 openReport(rid,true);
 document.querySelectorAll("li.target").forEach(function(x){x.classList.remove("target");});
 li.classList.add("target");
 var box=document.getElementById(rid+"-table");
 li.appendChild(box);
 if(!f||!f.table||!rep.cells){box.innerHTML="";reveal(li);return;}
 var tpl=document.getElementById("tables-"+rep.format+"-"+f.table);
 box.innerHTML="";box.appendChild(tpl.content.cloneNode(true));
 box.querySelectorAll("td[data-path]").forEach(function(td){
  var p=td.getAttribute("data-path"),v=rep.cells[p];td.textContent=v===undefined?"":v;
  if(v==="?")td.classList.add("unresolved");
  if(p===f.path)td.classList.add("hit");else if(f.related.indexOf(p)>=0)td.classList.add("rel");});
 box.dataset.finding=fid;
 reveal(li);
}
function fromHash(){
 var h=decodeURIComponent(location.hash.replace(/^#/,""));
 h.split("&").forEach(function(part){var i=part.indexOf("=");if(i<0)return;
  var k=part.slice(0,i),v=part.slice(i+1);
  if(k==="sort"){var desc=v.charAt(0)==="-";sortBy(desc?v.slice(1):v,desc);}
  else if(k==="filter"){filter.value=v;applyFilter(v);}
  else if(k==="open"){if(/-finding-\d+$/.test(v))showCell(v);else openReport(v,true);}});
}
heads.forEach(function(th){th.addEventListener("click",function(){
 var desc=th.getAttribute("aria-sort")==="ascending";sortBy(th.dataset.col,desc);});});
body.addEventListener("click",function(e){
 var b=e.target.closest("button.show");if(b){showCell(b.closest("li").id);e.stopPropagation();return;}
 var tr=e.target.closest("tr.report");if(tr)openReport(tr.id);});
filter.addEventListener("input",function(){applyFilter(filter.value);});
window.addEventListener("hashchange",fromHash);
applyFilter("");fromHash();
document.documentElement.dataset.ready="1";
})();
"""


def _table_html(table: RenderTable) -> str:
    """The official table, empty: its header cells with their spans; value cells carry their path."""
    out = [f'<table class="official-{escape(table.key)}">']
    for block in table.blocks:
        rows = ([[block.heading]] if block.heading else []) + block.head_rows + block.body_rows
        out.append("<tbody>")
        for cells in rows:
            out.append("<tr>")
            for c in cells:
                tag = "td" if c.role == "value" else "th"
                attrs = ""
                if c.colspan > 1:
                    attrs += f' colspan="{c.colspan}"'
                if c.rowspan > 1:
                    attrs += f' rowspan="{c.rowspan}"'
                attrs += f' class="{escape(c.role)}"'
                if c.path:
                    attrs += f' data-path="{escape(c.path)}"'
                out.append(f"<{tag}{attrs}>{'' if c.role == 'value' else escape(c.text)}</{tag}>")
            out.append("</tr>")
        out.append("</tbody>")
    out.append("</table>")
    return "".join(out)


def _templates(versions: set[str]) -> str:
    out = []
    for version in sorted(versions):
        spec = load_spec(version)
        model = build_model(ReportDocument(None, "", {"format": version}), spec)
        for section in model.sections:
            if section.table is not None:
                out.append(
                    f'<template id="tables-{escape(version)}-{escape(section.table.key)}">'
                    f"<p><b>{escape(section.title)}</b></p>{_table_html(section.table)}</template>"
                )
    return "\n".join(out)


def _related(spec: FormatSpec, finding: dict[str, Any]) -> list[str]:
    related = [str(r["path"]) for r in finding.get("related", []) if r.get("path")]
    if related:
        return related
    path = tuple(str(finding.get("path", "")).split("."))
    out: list[str] = []
    for relation in spec.relations:
        if relation.anchor == path:
            out.extend(".".join(p) for p in relation.cells if p != path)
    return out


def _cell_text(value: Any) -> str:
    return cell_value(value)[0] if value is not None else ""


def _pct(share: float) -> str:
    return f"{share:.0%}" if share else ""


def render_page(
    records: Sequence[CheckRecord], lang: str = "zh", comparison: Comparison | None = None
) -> str:
    t = TEXT["en" if lang == "en" else "zh"]
    versions: set[str] = set()
    data: dict[str, Any] = {}
    rows: list[str] = []
    for record in records:
        rid = f"report-{record.index + 1}"
        spec = None
        if record.format:
            try:
                spec = load_spec(record.format)
            except LookupError:
                spec = None
        table_keys = {t_.key for t_ in spec.tables} if spec else set()
        findings_data = []
        items = []
        for n, f in enumerate(record.findings, start=1):
            path = str(f.get("path", ""))
            table_key = (
                path.split(".", 1)[0]
                if "cell" in f.get("where", {}) and path.split(".", 1)[0] in table_keys
                else ""
            )
            related = _related(spec, f) if spec is not None and table_key else []
            findings_data.append({"path": path, "table": table_key, "related": related})
            where = f.get("where", {})
            cell = where.get("cell")
            if cell:
                place = (
                    f"表{cell['table']}·{cell['row']}·{cell['column']}"
                    if lang != "en"
                    else f"table {cell['table']}, {cell['row']}, {cell['column']}"
                )
            elif "paragraph" in where:
                place = (
                    f"{path} 第 {where['paragraph']} 段"
                    if lang != "en"
                    else f"{path}, paragraph {where['paragraph']}"
                )
            else:
                place = path
            if where.get("line"):
                place += f" ({record.name}:{where['line']}:{where.get('column', 1)})"
            button = (
                f'<button type="button" class="show">{escape(t["show"])}</button>'
                if table_key and record.cells
                else ""
            )
            items.append(
                f'<li id="{rid}-finding-{n}" data-n="{n - 1}" class="sev-{escape(f["severity"])}">'
                f'<span class="code">{escape(f["code"])}</span> {escape(f["message"])} '
                f'<span class="where">{escape(place)}</span>{button}</li>'
            )
        with_table = record.cells is not None and any(d["table"] for d in findings_data)
        if with_table:
            versions.add(record.format)
        data[rid] = {
            "format": record.format,
            "findings": findings_data,
            "cells": {k: _cell_text(v) for k, v in (record.cells or {}).items()} if with_table else None,
        }
        families = record.families()
        status = record.status
        organ = record.organ or ""
        year = "" if record.year is None else str(record.year)
        published = record.published
        pub_note = f"（{t['signature']}）" if record.published_from == "signature" else ""
        suspect = f"{record.copy_of} {_pct(record.copy_of_share)}" if record.copy_of else ""
        cells = [
            ("n", str(record.index + 1), str(record.index + 1), "num"),
            ("file", record.name, record.name, ""),
            ("organ", organ, organ, ""),
            ("level", record.level, record.level, ""),
            ("year", year, year, "num"),
            ("form", record.form, form_label(record.form, lang), ""),
            ("published", published, published + pub_note, ""),
            ("status", status, status_label(status, lang), f"s-{status}"),
            ("errors", str(record.errors), str(record.errors), "num"),
            ("warnings", str(record.warnings), str(record.warnings), "num"),
            *(
                (f"f{fam}", str(families.get(fam, 0)), str(families.get(fam, 0) or ""), "num")
                for fam in FAMILY_COLUMNS
            ),
            ("copy", f"{record.copy_share:.4f}", _pct(record.copy_share), "num"),
            ("suspect", f"{record.copy_of_share:.4f}" if record.copy_of else "", suspect, ""),
        ]
        search = " ".join(
            [
                record.name,
                organ,
                record.level,
                year,
                record.form,
                status_label(status, lang),
                status,
                *families,
            ]
        ).lower()
        tds = "".join(
            f'<td data-col="{col}" data-value="{escape(value)}"{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>{escape(shown)}</td>'
            for col, value, shown, cls in cells
        )
        rows.append(
            f'<tr class="report" id="{rid}" data-index="{record.index}" data-search="{escape(search)}" '
            f'aria-expanded="false" tabindex="0">{tds}</tr>'
        )
        inner = []
        if record.fatal:
            inner.append(f'<p class="s-unreadable">{escape(record.fatal)}</p>')
        elif items:
            inner.append(f'<ol class="findings">{"".join(items)}</ol>')
        else:
            inner.append(f"<p>{escape(t['none'])}</p>")
        if record.previous:
            inner.append(f'<p class="where">{escape(t["previous"])}：{escape(record.previous)}</p>')
        inner.append(f'<div class="official" id="{rid}-table"></div>')
        rows.append(
            f'<tr class="details hidden" id="{rid}-details"><td colspan="{len(cells)}">{"".join(inner)}</td></tr>'
        )
    family_heads = "".join(
        f'<th data-col="f{fam}" data-type="num" title="{escape(family_label(fam, lang) or fam)}">{fam}</th>'
        for fam in FAMILY_COLUMNS
    )
    head = (
        f'<th data-col="n" data-type="num">{t["n"]}</th><th data-col="file">{t["file"]}</th>'
        f'<th data-col="organ">{t["organ"]}</th><th data-col="level">{t["level"]}</th>'
        f'<th data-col="year" data-type="num">{t["year"]}</th><th data-col="form">{t["form"]}</th>'
        f'<th data-col="published">{t["published"]}</th><th data-col="status">{t["status"]}</th>'
        f'<th data-col="errors" data-type="num">{t["errors"]}</th>'
        f'<th data-col="warnings" data-type="num">{t["warnings"]}</th>{family_heads}'
        f'<th data-col="copy" data-type="num">{t["copy"]}</th><th data-col="suspect" data-type="num">{t["suspect"]}</th>'
    )
    from govreport.check.output import summary

    parent_html = ""
    if comparison is not None:
        lines = "".join(f"<li>{escape(line)}</li>" for line in comparison.text().splitlines())
        parent_html = f'<section id="parent"><h2>{escape(t["parent"])}：{escape(comparison.parent)}</h2><ul>{lines}</ul></section>'
    payload = json.dumps({"reports": data}, ensure_ascii=False).replace("</", "<\\/")
    legend = (
        '<p class="legend"><span class="hit">　</span> 有问题的单元格　<span class="rel">　</span> 相关的单元格</p>'
        if lang != "en"
        else '<p class="legend"><span class="hit">　</span> the cell of the finding　<span class="rel">　</span> related cells</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="{"en" if lang == "en" else "zh-CN"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govreport check">
<title>{escape(t["title"])}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(t["title"])}</h1>
<p class="summary">{escape(summary(records, lang))}</p>
{parent_html}
<div class="bar"><input id="filter" type="search" placeholder="{escape(t["filter"])}" aria-label="{escape(t["filter"])}">
<span>{escape(t["shown"])} <b id="shown">{len(records)}</b> {escape(t["of"])} {len(records)}</span></div>
{legend}
<table class="reports">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{_templates(versions)}
<script type="application/json" id="check-data">{payload}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
