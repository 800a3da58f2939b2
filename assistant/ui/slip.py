"""打印 (slip): a one-page answer slip to hand over at the counter — date, question, answer, amount,
cited clause text and 以主管部门审核为准 — as an HTML print view and a PDF drawn with matplotlib."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from assistant.match import MatchResult, html_table
from assistant.match.table import slip_sections as match_slip_sections
from assistant.ui.render import amount_lines, citations_html, cited_clauses, split_answer

TITLE = "清远市知识产权政策咨询答复单"
DISCLAIMER = "本答复依据《清远市推进知识产权工作实施办法》原文测算，仅供参考，具体以主管部门审核为准。"


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def slip_sections(question: str, answer: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) in slip order; shared by the HTML and the PDF so they cannot differ."""
    calcs = answer.get("calculations") or []
    steps = [s for c in calcs for s in c.get("steps") or []]
    conditions = list(dict.fromkeys(s for c in calcs for s in c.get("conditions") or []))
    clauses = [f"{clause.citation}：{clause.text.replace(chr(10), '')}" for clause, _ in cited_clauses(answer)]
    sections = [
        ("咨询问题", [question]),
        ("答复", split_answer(answer.get("answer") or "")[0].split("\n")),
        ("金额", amount_lines(answer) or ["本次答复未计算金额"]),
        ("计算步骤", steps),
        ("需满足的条件", conditions),
        ("所引条款原文", clauses),
        ("提示", list(answer.get("notices") or [])),
    ]
    return [
        (head, [p for p in paras if p.strip()]) for head, paras in sections if any(p.strip() for p in paras)
    ]


def slip_body_html(question: str, answer: Mapping[str, Any] | None, day: dt.date) -> str:
    """The slip as an HTML fragment (the tab's preview and what the browser prints)."""
    if not answer:
        return "<div class='qy-empty'>请先在“咨询”页提问，这里会生成可打印的答复单。</div>"
    parts = [f"<h2>{TITLE}</h2><p>日期：{cn_date(day)}</p>"]
    for head, paras in slip_sections(question, answer):
        if head == "所引条款原文":  # the HTML keeps the highlighted sentence
            parts.append(f"<h4>{head}</h4>{citations_html(answer)}")
            continue
        parts.append(f"<h4>{head}</h4>" + "".join(f"<p>{escape(p)}</p>" for p in paras))
    parts.append(f"<p class='qy-disclaimer'><b>{DISCLAIMER}</b></p>")
    if answer.get("audit_id"):
        parts.append(f"<p class='qy-note'>答复编号：{escape(str(answer['audit_id']))}</p>")
    return f"<div class='qy-slip'>{''.join(parts)}</div>"


SLIP_CSS = """
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; }
h2 { text-align: center; } mark { background: #fff3a0; } .qy-cite { font-weight: bold; }
.qy-disclaimer { border-top: 1px solid #999; padding-top: .5em; }
.qy-match { border-collapse: collapse; } .qy-match td, .qy-match th { border: 1px solid #999; padding: .2em .4em; }
@page { size: A4; margin: 18mm; }
"""


def _document(title: str, body: str) -> str:
    """A standalone HTML file that prints itself nicely (the download)."""
    return (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{SLIP_CSS}</style></head><body>{body}</body></html>")


def slip_document(question: str, answer: Mapping[str, Any] | None, day: dt.date) -> str:
    return _document(TITLE, slip_body_html(question, answer, day))


@cache
def _slip_root() -> Path:
    """One temporary folder per process for the slips, removed when the app exits."""
    root = Path(tempfile.mkdtemp(prefix="qy_slips_"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def _write_files(stem: str, document: str, title: str, sections: list[tuple[str, list[str]]],
                 day: dt.date) -> tuple[str, str]:
    """{stem}.html and {stem}.pdf in a folder of their own (Gradio serves files from the temp dir)."""
    from assistant.ui.slip_pdf import write_pdf

    folder = Path(tempfile.mkdtemp(dir=_slip_root()))
    html_path = folder / f"{stem}.html"
    html_path.write_text(document, encoding="utf-8")
    pdf_path = folder / f"{stem}.pdf"
    write_pdf(pdf_path, title, f"日期：{cn_date(day)}", sections, DISCLAIMER)
    return str(html_path), str(pdf_path)


def write_slip_files(question: str, answer: Mapping[str, Any], day: dt.date) -> tuple[str, str]:
    return _write_files("答复单", slip_document(question, answer, day), TITLE, slip_sections(question, answer), day)


MATCH_TITLE = "清远市知识产权政策体检单"


def match_slip_html(result: MatchResult, day: dt.date) -> str:
    """The 体检 result as a slip: title, date, the table with the total, and 以主管部门审核为准."""
    return (f"<div class='qy-slip'><h2>{MATCH_TITLE}</h2><p>日期：{cn_date(day)}</p>{html_table(result)}"
            f"<p class='qy-disclaimer'><b>{DISCLAIMER}</b></p></div>")


def write_match_slip_files(result: MatchResult, day: dt.date) -> tuple[str, str]:
    return _write_files("体检单", _document(MATCH_TITLE, match_slip_html(result, day)), MATCH_TITLE,
                        match_slip_sections(result), day)
