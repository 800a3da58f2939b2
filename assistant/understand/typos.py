"""Typos of the policy's own words, corrected by sound: 专力→专利, 忧势→优势, 等级→登记, 马德理→马德里,
贯表→贯标, 保线→保险. People type Chinese by pinyin, so a slip is usually another character with the same
sound (pypinyin, tones ignored). A window of the question that sounds like a domain term (intents.toml
[typos]) but is written otherwise is read as that term when it is not a word of its own (jieba's
dictionary), or, if it is one (等级, 有时), only when another domain term stands right beside it
(版权局等级了 → 登记). Every correction is reported, so a person can see what was read as what.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cache, lru_cache

from pypinyin import lazy_pinyin

from assistant.understand.intents import load_intents

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_WORD_FREQUENCY = 20  # jieba counts a real word this often or more; typos like 专力 (3) fall below
_NEIGHBOUR = 2  # how close another domain term must be to correct a window that is a word itself
_jieba_lock = threading.Lock()


@cache
def _terms() -> dict[tuple[str, ...], str]:
    """Toneless pinyin of each domain term -> the term."""
    return {tuple(lazy_pinyin(term)): term for term in load_intents().typo_terms}


@cache
def _word_frequencies() -> dict[str, int]:
    import jieba

    with _jieba_lock:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
    return jieba.dt.FREQ  # type: ignore[no-any-return]


def _is_word(window: str) -> bool:
    return _word_frequencies().get(window, 0) >= _WORD_FREQUENCY


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """名义申请 holds 义申 (yi shen, like 一审) across two words: a window that splits a word is no slip."""
    edges = [text[max(0, start - k) : start + 1] for k in (1, 2)] + [text[end - 1 : end + k] for k in (1, 2)]
    return any(len(w) > 1 and _is_word(w) for w in edges)


def _near_a_term(text: str, start: int, end: int) -> bool:
    terms = load_intents().typo_terms
    before, after = text[max(0, start - _NEIGHBOUR - 4) : start], text[end : end + _NEIGHBOUR + 4]
    return any(t in before[-(len(t) + _NEIGHBOUR) :] or t in after[: len(t) + _NEIGHBOUR] for t in terms)


@lru_cache(maxsize=512)
def correct(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text with sound-alike slips of domain terms replaced, and the (written, read as) pairs."""
    terms = _terms()
    if not terms:
        return text, ()
    sounds = [lazy_pinyin(ch)[0] if _CJK.match(ch) else "" for ch in text]
    lengths = sorted({len(k) for k in terms}, reverse=True)
    out, fixes, i = [], [], 0
    while i < len(text):
        for n in lengths:
            window = text[i : i + n]
            term = terms.get(tuple(sounds[i : i + n])) if len(window) == n and _CJK.match(window) else None
            if term and window != term and window not in load_intents().typo_terms and (
                    not _is_word(window) or _near_a_term(text, i, i + n)) and not _cuts_a_word(text, i, i + n):
                out.append(term)
                fixes.append((window, term))
                i += n
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out), tuple(dict.fromkeys(fixes))


@cache
def _english_pattern() -> re.Pattern[str]:
    words = sorted(load_intents().english, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z])", re.IGNORECASE)


def read_english(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """English words of the domain read as the policy's words (invention patent → 发明专利, GI → 地理标志), with
    the (written, read as) pairs, reported like typos."""
    english = {w.lower(): term for w, term in load_intents().english.items()}
    fixes: list[tuple[str, str]] = []

    def read(m: re.Match[str]) -> str:
        fixes.append((m.group(0), english[m.group(0).lower()]))
        return fixes[-1][1]

    return _english_pattern().sub(read, text), tuple(dict.fromkeys(fixes))
