"""Parse a policy's raw text into clauses with stable ids.

Ids: "notice" (the covering notice), "preamble" (为……制定本实施办法), "1".."21" for （一）..（二十一）,
"closing" (解释、包含本数、有效期、废止). The parser works on the raw text alone, so a second policy
laid out the same way (通知, 标题, 序言, 一、章, （一）条, 结尾) parses with the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

POLICY_ID = "qingyuan_ip_measures_2021"
POLICY_TITLE = "清远市推进知识产权工作实施办法"
_POLICY_FILE = Path(__file__).with_name(f"{POLICY_ID}.txt")

_NUMERALS = "一二三四五六七八九十"
_CLAUSE_HEAD = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_CHAPTER_HEAD = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
# Lines after the closing paragraphs that are publication metadata, not policy.
_TRAILER = re.compile(r"^(公开方式|抄送)")


@dataclass(frozen=True)
class Clause:
    id: str  # "1".."21", "notice", "preamble", "closing"
    label: str  # （七）; 通知 / 序言 / 附则 for the unnumbered parts
    title: str  # 鼓励知识产权交易运用
    chapter: str  # 二、促进知识产权高效益运用 ("" outside the chapters)
    text: str  # verbatim, paragraphs joined by "\n"
    policy_id: str = POLICY_ID

    @property
    def citation(self) -> str:
        """How an answer names the clause: 第（七）条“鼓励知识产权交易运用”."""
        if self.id.isdigit():
            return f"第{self.label}条“{self.title}”"
        return f"{self.label}（{self.title}）"

    def sentences(self) -> tuple[str, ...]:
        """The clause split after 。；, the unit in which answers quote and highlight."""
        parts = re.split(r"(?<=[。；])", self.text.replace("\n", ""))
        return tuple(p for p in parts if p.strip())


@dataclass(frozen=True)
class Policy:
    id: str
    title: str
    issuer: str
    issued: str  # 2021年2月10日, as printed
    clauses: tuple[Clause, ...]

    def get(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    @property
    def numbered(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.id.isdigit())


def chinese_numeral(text: str) -> int:
    """一..九十九 as written in clause labels: 七 -> 7, 十一 -> 11, 二十一 -> 21."""
    if "十" not in text:
        return _NUMERALS.index(text) + 1
    tens, _, ones = text.partition("十")
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)


def _paragraphs(raw: str) -> list[str]:
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _title_of(text: str) -> str:
    """A numbered clause opens with its title sentence: （七）鼓励知识产权交易运用。"""
    body = _CLAUSE_HEAD.sub("", text, count=1)
    return body.split("。", 1)[0]


def parse_policy(raw: str, policy_id: str = POLICY_ID, title: str = POLICY_TITLE) -> Policy:
    """Split the raw text at the title line, chapter heads, clause heads and the 本办法… closing."""
    paras = _paragraphs(raw)
    try:
        start = paras.index(title)  # the notice's heading wraps the title, so the bare line marks the body
    except ValueError as exc:
        raise ValueError(f"policy title line {title!r} not found") from exc
    notice = paras[:start]
    issued = next((p for p in notice if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", p)), "")
    issuer = notice[notice.index(issued) - 1] if issued and notice.index(issued) > 0 else ""

    preamble: list[str] = []
    closing: list[str] = []
    numbered: list[tuple[str, str, list[str]]] = []  # (numeral, chapter, paragraphs)
    chapter = ""
    for para in paras[start + 1 :]:
        if _TRAILER.match(para):
            break
        if m := _CHAPTER_HEAD.match(para):
            chapter = para
        elif m := _CLAUSE_HEAD.match(para):
            numbered.append((m.group(1), chapter, [para]))
        elif para.startswith("本办法") or closing:
            closing.append(para)  # 本办法实施细则… 本办法所称… 本办法自发布之日起施行…
        elif numbered:
            numbered[-1][2].append(para)  # a clause's second paragraph, e.g. （十六）传统知识产权…
        else:
            preamble.append(para)

    def numbered_clause(numeral: str, chapter: str, lines: list[str]) -> Clause:
        text = "\n".join(lines)
        return Clause(str(chinese_numeral(numeral)), f"（{numeral}）", _title_of(text), chapter, text, policy_id)

    return Policy(
        policy_id,
        title,
        issuer,
        issued,
        (
            Clause("notice", "通知", "印发通知", "", "\n".join(notice), policy_id),
            Clause("preamble", "序言", "制定依据和目的", "", "\n".join(preamble), policy_id),
            *(numbered_clause(*n) for n in numbered),
            Clause("closing", "附则", "解释、包含本数、有效期、废止", "", "\n".join(closing), policy_id),
        ),
    )


@cache
def load_policy() -> Policy:
    return parse_policy(_POLICY_FILE.read_text(encoding="utf-8"))


def clause(clause_id: str) -> Clause:
    return load_policy().get(clause_id)


CLAUSE_IDS: tuple[str, ...] = ("notice", "preamble", *(str(n) for n in range(1, 22)), "closing")
