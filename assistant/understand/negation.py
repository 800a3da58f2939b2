"""Negation as one mechanism with a scope: is a phrase asserted, negated, or left open?

A negation cue (不/没/没有/无/非/未/不是/不属于/并非/尚未/还没 …) applies to the nearest phrase after it in the
same clause: its scope runs from the previous phrase (or the clause start) to the phrase. Cues in that gap
are counted, so a double negation (不是没有备案) asserts. A cue after the phrase negates it too when it
says the thing was not done (备案还没办). Questions and doubt (有没有、是不是、是否、不知道、不清楚) leave the
phrase open: the user has not said, so nothing is decided on it.

Words that contain a cue character but negate nothing (不超过、不低于、不到、未满、非常、无论、无偿、无锡 …)
are read as themselves first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Polarity = Literal["asserted", "negated", "open"]

# Clause boundaries: a cue never reaches across these.
_BOUNDARY = re.compile(r"[，,。；;！!？?\n、：:（）()]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|但是|但|可是|不过|然而|而是|却")
# Longest first within each list; NOT_CUES and DOUBT are tried before CUES at each position.
_NOT_CUES = (
    "不超过", "不低于", "不少于", "不高于", "不多于", "不到", "不足", "不满", "未满", "未超过", "不仅", "不但", "不光",
    "无论", "不论", "不管", "非常", "不同", "不限", "无需", "无须", "不需要", "不用", "没事", "不错", "不久", "不然",
    "不少", "未来", "无偿", "无锡", "不好意思", "不一定", "不止", "无息", "非要", "不得不", "无法确定", "毫无疑问",
    "没想到", "不太懂", "不懂", "不会算", "并且", "分别", "特别", "区别", "类别", "级别", "个别", "别人", "别的", "告别",
    "识别", "差别", "性别", "鉴别", "判别", "有别", "不断", "不停",
)  # fmt: skip
_DOUBT = (
    "有没有", "是不是", "是否", "不知道", "不清楚", "不确定", "不知", "能不能", "会不会", "算不算", "可不可以", "要不要",
    "有无", "还是不是", "需不需要", "用不用", "或者", "还是",
)  # fmt: skip
_CUES = (
    "并不是", "不属于", "不是", "并非", "绝非", "还没有", "还没", "还未", "尚未", "从未", "从没", "没有", "不存在", "没",
    "无", "未", "非", "不", "别",
)  # fmt: skip
_LEXER = re.compile(
    "|".join(f"(?P<{name}>{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})"
             for name, words in (("skip", _NOT_CUES), ("doubt", _DOUBT), ("cue", _CUES)))
)
# After the phrase: 备案还没办 / 备案没做 (negated); 备案了没 / 备案了吗 (a question: open).
_AFTER_NEGATED = re.compile(r"^\s*(还|也|都|尚|暂时)?(没有|没|未)(有|能)?(办|做|完成|弄|批|通过|下来|拿到|办理|去办)")
_AFTER_DOUBT = re.compile(r"^\s*(了)?\s*(没有|没|吗|与否|不)\s*(?:[？?]|$)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _cues(gap: str) -> tuple[int, bool]:
    """(number of negation cues, whether doubt is expressed) in a stretch of text."""
    count, doubt = 0, False
    for m in _LEXER.finditer(gap):
        if m.lastgroup == "cue":
            count += 1
        elif m.lastgroup == "doubt":
            doubt = True
    return count, doubt


def _clause_start(text: str, index: int) -> int:
    last = 0
    for m in _BOUNDARY.finditer(text, 0, index):
        last = m.end()
    return last


def _clause_end(text: str, index: int) -> int:
    m = _BOUNDARY.search(text, index)
    return m.start() if m else len(text)


def _polarity(text: str, span: Span, previous_end: int) -> Polarity:
    gap_start = max(previous_end, _clause_start(text, span.start))
    count, doubt = _cues(text[gap_start : span.start]) if gap_start < span.start else (0, False)
    after = text[span.end : _clause_end(text, span.end)]
    if _AFTER_DOUBT.match(after):
        doubt = True
    elif _AFTER_NEGATED.match(after):
        count += 1
    return "open" if doubt else "negated" if count % 2 else "asserted"


def polarities(text: str, spans: Sequence[Span]) -> list[Polarity]:
    """The polarity of each phrase at `spans` (sorted by start), each phrase scoping the cues before it."""
    result: list[Polarity] = []
    previous_end = 0
    for span in spans:
        result.append(_polarity(text, span, previous_end))
        previous_end = max(previous_end, span.end)
    return result


class Scope:
    """Polarity of any phrase of a question, given every phrase the vocabulary knows in it: a cue reaches
    only as far as the nearest phrase after it, whichever phrase that is."""

    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self._ends = sorted({s.end for s in spans})

    def polarity(self, start: int, end: int) -> Polarity:
        previous_end = max((e for e in self._ends if e <= start), default=0)
        return _polarity(self.text, Span(start, end), previous_end)
