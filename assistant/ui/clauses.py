"""条款 (browse): every clause by chapter, each with its award items and parameters, and a search box
that uses the chat's own hybrid retrieval (Chroma + jieba BM25), so staff see what the assistant sees."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from assistant.respond.catalogue import clause_heading, limits_text, standard_text
from calculators import load_parameters
from corpus import Clause, load_policy

if TYPE_CHECKING:
    from assistant.retrieval.retrieve import Hit

log = logging.getLogger(__name__)
SEARCH_K = 5


def items_table_html(clause_id: str) -> str:
    """The clause's award items with standard and limits, and the support it names without a figure."""
    params = load_parameters()
    rows = "".join(
        f"<tr><td>{escape(i.name)}</td><td>{escape(standard_text(i))}</td><td>{escape(limits_text(i))}</td></tr>"
        for i in params.items_of_clause(clause_id)
    )
    unquantified = "".join(
        f"<li>{escape(u.name)}：本办法未规定具体金额（{escape(u.quote)}）</li>"
        for u in params.unquantified
        if u.clause == clause_id
    )
    table = (
        f"<table class='qy-items'><tr><th>补助项目</th><th>标准</th><th>限额与条件</th></tr>{rows}</table>"
        if rows
        else ""
    )
    return table + (f"<ul>{unquantified}</ul>" if unquantified else "")


def clause_card_html(clause: Clause, *, open_: bool = False, rank: int | None = None) -> str:
    """One clause: heading, verbatim text, then its items."""
    text = "".join(f"<p>{escape(p)}</p>" for p in clause.text.split("\n"))
    badge = f" <span class='qy-score'>第{rank}相关</span>" if rank is not None else ""
    return (
        f"<details class='qy-card' data-clause='{escape(clause.id)}'{' open' if open_ else ''}>"
        f"<summary>{escape(clause_heading(clause))}{badge}</summary>{text}{items_table_html(clause.id)}</details>"
    )


def catalogue_html() -> str:
    """All clauses, grouped under their chapter headings, in policy order."""
    parts: list[str] = []
    chapter = None
    for clause in load_policy().clauses:
        heading = clause.chapter or ("附则" if clause.id == "closing" else "通知与序言")
        if heading != chapter:
            parts.append(f"<h3>{escape(heading)}</h3>")
            chapter = heading
        parts.append(clause_card_html(clause))
    return "".join(parts)


def hits_html(hits: Sequence[Hit]) -> str:
    """Search results, best first, each clause opened."""
    policy = load_policy()
    cards = [clause_card_html(policy.get(h.clause_id), open_=True, rank=n) for n, h in enumerate(hits, 1)]
    return "".join(cards) or "<p>没有找到相关条款。</p>"


def _substring_hits(query: str) -> list[Clause]:
    """Fallback while the index cannot be loaded: clauses whose text contains the query."""
    return [c for c in load_policy().clauses if query in c.text or query in c.title]


def search_clauses(query: str) -> str:
    """The 搜索 button: hybrid retrieval; the whole catalogue for an empty query."""
    query = (query or "").strip()
    if not query:
        return catalogue_html()
    from assistant.ui import backend

    try:
        return hits_html(backend.retriever().search(query, SEARCH_K))
    except Exception:  # the index or model failed to load: say so and still help with a plain match
        log.exception("clause search failed")
        found = "".join(clause_card_html(c, open_=True) for c in _substring_hits(query))
        return "<p class='qy-note'>检索服务暂不可用，以下为按字面匹配的结果。</p>" + (
            found or "<p>没有找到相关条款。</p>"
        )


def build_clauses_tab() -> None:
    """Inside a gr.Tab: a search row above the catalogue."""
    import gradio as gr

    with gr.Row():
        query = gr.Textbox(
            placeholder="例如：专利转让、贯标、打官司", label="搜索条款", scale=4, elem_id="clause-query"
        )
        go = gr.Button("搜索", variant="primary", scale=1)
        reset = gr.Button("显示全部", scale=1)
    listing = gr.HTML(catalogue_html(), elem_id="clause-list")
    go.click(search_clauses, query, listing, api_visibility="private")
    query.submit(search_clauses, query, listing, api_visibility="private")
    reset.click(lambda: ("", catalogue_html()), None, [query, listing], api_visibility="private")
