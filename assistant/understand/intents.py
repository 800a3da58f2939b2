"""The router's vocabulary (intents.toml) compiled, and the matching that reads it: which awards a
question names, piece by piece; which kind of question it is; which topics are out of scope."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from assistant.understand.negation import Scope, Span

INTENTS_FILE = Path(__file__).with_name("intents.toml")
# Sentence pieces: a fact binds to the award named in the same piece (一审胜诉两件，境外胜诉一件). A space
# between Chinese words separates like a comma: people on phones type 国外那个案子输了 国内那个赢了.
_PIECES = re.compile(r"[，,。；;！!？?\n、+＋:：]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|以及|还有(?![个一件起家项])|另外|并且|同时|(?<![调共平])和(?!解)|及(?!时)")
Patterns = tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class ConditionSpec:
    """A condition a clause sets (intents.toml [conditions]): phrases that say it holds or fails, or the
    reader in roles.py that decides it from who is who and where."""

    id: str
    condition: str  # the clause's words, said when the user says it fails
    said: str  # the fact in words, for 我理解的情况
    items: tuple[str, ...]
    met: tuple[str, ...]
    failed: tuple[str, ...]
    reader: str  # "phrases", or a roles.py reader: counterparty, receiver, applicant, residency, workplace


@dataclass(frozen=True)
class Places:
    local: tuple[str, ...]
    elsewhere: tuple[str, ...]
    abroad: tuple[str, ...]  # countries and regions outside China, by name (美国, 德国 …)


@dataclass(frozen=True)
class Intents:
    items: dict[str, tuple[Patterns, Patterns, Patterns]]  # (patterns, piece vetoes, question vetoes)
    weak: dict[str, Patterns]  # patterns that name an award only when no other pattern matches
    yields_unless: dict[str, re.Pattern[str]]  # with other awards named, kept only if its piece says this
    sentence_vetoes: dict[str, Patterns]  # veto the item when its sentence (not just its piece) says these
    conditions: tuple[ConditionSpec, ...]  # what clauses require, and the words users say it with
    places: Places  # where a party is: local (清远, 本市 …) or elsewhere
    phrases: re.Pattern[str]  # every word a negation can attach to: conditions, places, objects
    typo_terms: tuple[str, ...]  # the policy's words that typos.py corrects slips of
    unquantified: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]  # (names it, vetoes it)
    questions: dict[str, re.Pattern[str]]
    out_of_scope: tuple[tuple[re.Pattern[str], str, bool, str | None], ...]  # (pattern, topic, strong, clause)
    domain: re.Pattern[str]  # words any question about this policy uses
    english: dict[str, str]  # English words of the domain -> the policy's words (invention patent -> 发明专利)


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _literal_alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True)))


@lru_cache(maxsize=256)
def scope_of(text: str) -> Scope:
    """Where each negation cue of `text` reaches (negation.py), from every phrase the vocabulary knows."""
    spans = [Span(m.start(), m.end()) for m in load_intents().phrases.finditer(text)]
    return Scope(text, spans)


def _named_unless(patterns: list[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    vetoes = [p[1:] for p in patterns if p.startswith("!")]
    return _any([p for p in patterns if not p.startswith("!")]), _any(vetoes) if vetoes else None


def _compiled(body: dict[str, list[str]], key: str) -> Patterns:
    return tuple(re.compile(p) for p in body.get(key, ()))


@cache
def load_intents() -> Intents:
    text = INTENTS_FILE.read_text(encoding="utf-8")
    places = tomllib.loads(text)["places"]
    # {abroad} in a pattern: any place outside China, from the one list below (TOML-escaped for the file).
    abroad = "|".join(places["abroad_generic"] + places["abroad"])
    raw = tomllib.loads(text.replace("{abroad}", abroad))
    items = {item_id: (_compiled(body, "patterns"), _compiled(body, "unless"), _compiled(body, "unless_question"))
             for item_id, body in raw["items"].items()}
    weak = {item_id: _compiled(body, "weak") for item_id, body in raw["items"].items()}
    sentence = {i: tuple(re.compile(p) for p in b["unless_sentence"]) for i, b in raw["items"].items()
                if "unless_sentence" in b}
    yields = {i: re.compile(b["yields_unless"]) for i, b in raw["items"].items() if "yields_unless" in b}
    return Intents(
        items,
        weak,
        yields,
        sentence,
        tuple(ConditionSpec(cid, c["condition"], c["said"], tuple(c["items"]), tuple(c.get("met", ())),
                            tuple(c.get("failed", ())), c.get("reader", "phrases"))
              for cid, c in raw["conditions"].items()),
        Places(tuple(raw["places"]["local"]), tuple(raw["places"]["elsewhere"]), tuple(raw["places"]["abroad"])),
        _literal_alternation(
            [w for c in raw["conditions"].values() for w in (*c.get("met", ()), *c.get("failed", ()))]
            + raw["places"]["local"] + raw["places"]["elsewhere"] + raw["phrases"]["objects"]
        ),
        tuple(raw["typos"]["terms"]),
        {uid: _named_unless(patterns) for uid, patterns in raw["unquantified"].items()},
        {name: _any(patterns) for name, patterns in raw["questions"].items()},
        tuple((_any(t["patterns"]), t["topic"], t.get("strong", False), t.get("clause")) for t in raw["out_of_scope"]),
        _literal_alternation(raw["domain"]["terms"] + raw["typos"]["terms"]),
        dict(raw["english"]["terms"]),
    )


def asks(kind: str, question: str) -> bool:
    return bool(load_intents().questions[kind].search(question))


@dataclass(frozen=True)
class ItemMatch:
    item: str
    piece: int  # which sentence piece named it


def pieces(question: str) -> list[str]:
    return [p for _, p in placed_pieces(question)]


def placed_pieces(question: str) -> list[tuple[int, str]]:
    """The sentence pieces with where each starts in the question."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in [*_PIECES.finditer(question), None]:
        end = m.start() if m else len(question)
        if question[start:end].strip():
            out.append((start, question[start:end]))
        if m:
            start = m.end()
    return out


_SENTENCE_END = re.compile(r"[，,。；;！!？?\n]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _sentence_of(question: str, offset: int) -> tuple[int, str]:
    """The clause (between commas or stops) holding `offset`: wider than a piece, which also ends at 、和及."""
    start = max((m.end() for m in _SENTENCE_END.finditer(question, 0, offset)), default=0)
    end = _SENTENCE_END.search(question, offset)
    return start, question[start : end.start() if end else len(question)]


def _asserted(scope: Scope, offset: int, m: re.Match[str]) -> bool:
    """Whether the words matched in a piece are said to be so: 非地理标志, 不是证明商标 are not; 是不是 is
    left open, which still counts (the user named the thing). A pattern that looks at the whole question
    marks the words it is about as (?P<at>…): 不是国外的 is a negated mention of abroad."""
    start, end = m.span("at") if "at" in m.re.groupindex else m.span()
    return scope.polarity(offset + start, offset + end) != "negated"


_ASKS_FOR_ITSELF = re.compile(r"(我们|我司|本单位|我单位|咱们)(所|机构|单位|公司|学校|园区)?(自己)?(能|可以|可)(拿|领|申请|获得|得到)")
# 我们是专利代理机构 / 我们是高新区管委会: a piece that says who is asking, not what they ask about.
_IDENTITY = re.compile(r"^\s*(你好[!！,，]?\s*)?(我们|我|本单位|我司|本公司|我单位)(这边)?(是|属于)")


def match_items(question: str) -> list[ItemMatch]:
    """Award items named in the question, by piece; within a piece, longer names beat their parts.
    Weak patterns (官费) are tried only when no award is named otherwise; an award named only in the
    piece that introduces the asker gives way to awards named elsewhere."""
    intents = load_intents()
    scope = scope_of(question)
    live = [(i, p, v) for i, (p, v, q) in intents.items.items()
            if not any(_asserted(scope, 0, m) for x in q for m in x.finditer(question))]
    found = _match_pieces(question, live)
    if not found:
        found = _match_pieces(question, [(i, intents.weak.get(i, ()), v) for i, _, v in live])
    parts = pieces(question)
    # The asker's own award stays when the question asks about the asker too (我们所能拿多少).
    asked = found if _ASKS_FOR_ITSELF.search(question) else [m for m in found if not _IDENTITY.match(parts[m.piece])] or found
    named = {m.item for m in asked}
    return [
        m for m in asked
        if m.item not in intents.yields_unless or named == {m.item} or intents.yields_unless[m.item].search(parts[m.piece])
    ]


def _match_pieces(question: str, candidates: list[tuple[str, Patterns, Patterns]]) -> list[ItemMatch]:
    """Per piece, each award's longest name that is not negated, unless an asserted veto word says the
    piece is about something else (地理标志 makes 证明商标 the geographical-indication award)."""
    found: list[ItemMatch] = []
    scope = scope_of(question)
    intents = load_intents()
    for index, (offset, piece) in enumerate(placed_pieces(question)):
        spans: list[tuple[int, int, str]] = []
        sentence_start, sentence = _sentence_of(question, offset)
        for item_id, patterns, vetoes in candidates:
            if not patterns or any(_asserted(scope, offset, m) for v in vetoes for m in v.finditer(piece)):
                continue
            if any(_asserted(scope, sentence_start, m) for v in intents.sentence_vetoes.get(item_id, ())
                   for m in v.finditer(sentence)):
                continue
            named = [m for p in patterns for m in p.finditer(piece) if _asserted(scope, offset, m)]
            best = max(named, key=lambda m: m.end() - m.start(), default=None)
            if best:
                spans.append((best.start(), best.end(), item_id))
        taken: list[tuple[int, int]] = []
        for start, end, item_id in sorted(spans, key=lambda s: s[0] - s[1]):  # longest first
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
                found.append(ItemMatch(item_id, index))
    return found


# Words said in passing do not make the question about a matter the policy leaves alone (taxes, fees,
# timelines): an aside in brackets (登记费、年费、印花税都算上了), or a cost stated with its figure (另外付给
# 代理机构的代理费3万) rather than asked about. A neighbour of a funded object (实用新型, 软著, 普通商标: the topics
# with a related clause) says what the thing is wherever it is written.
_ASIDE = re.compile(r"[（(][^）)]*[）)]")
# A remark in brackets, not a name for the thing before it (专利（实用新型） names it): long, or with a verb of
# including.
_REMARK = re.compile(r"[（(]([^）)]{9,}|[^）)]*(都|也|算|包括|包含|含|另外|其中)[^）)]*)[）)]")
_STATED_FIGURE = re.compile(r"\s*(是|为|共|约)?\s*[\d一二三四五六七八九十两]")  # 几 asks, it states nothing


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


_STATED_MONEY = re.compile(r"\s*(是|为|共|约)?\s*[\d一二三四五六七八九十两][\d,.万千百十]*\s*(元|块|万)")


def _asked(pattern: re.Pattern[str], question: str, names_an_object: bool) -> bool:
    if names_an_object:  # 年费900元 beside the grant's 官费 is a cost stated; 实用新型3件 still names the object
        said = _blank(_REMARK, question)
        return any(not _STATED_MONEY.match(said, m.end()) for m in pattern.finditer(said))
    said = _blank(_ASIDE, question)
    return any(not _STATED_FIGURE.match(said, m.end()) for m in pattern.finditer(said))


def out_of_scope_topic(question: str, strong_only: bool = False) -> tuple[str, str | None] | None:
    """(what the policy does not cover, the clause that says what it does cover) or None."""
    return next(
        ((topic, clause) for pattern, topic, strong, clause in load_intents().out_of_scope
         if (strong or not strong_only) and _asked(pattern, question, names_an_object=clause is not None)),
        None,
    )


def unquantified_topic(question: str) -> str | None:
    return next(
        (uid for uid, (names, vetoes) in load_intents().unquantified.items()
         if names.search(question) and not (vetoes and vetoes.search(question))),
        None,
    )


_NAMED_CLAUSE = re.compile(r"第\s*[（(]?([一二三四五六七八九十]+|\d{1,2})[）)]?\s*条")


def within_named_clause(matches: list[ItemMatch], question: str) -> list[ItemMatch]:
    """按第十九条拿…: when the user names a clause, awards of that clause win over look-alikes; a clause
    with one award (第七条写的是…) names it. The clause must be one the policy has (corpus)."""
    from calculators import load_parameters
    from corpus import load_policy
    from corpus.clauses import chinese_numeral

    named = _NAMED_CLAUSE.search(question)
    if not named:
        return matches
    number = named.group(1)
    clause_id = number if number.isdigit() else str(chinese_numeral(number))
    if clause_id not in {c.id for c in load_policy().numbered}:
        return matches
    params = load_parameters()
    inside = [m for m in matches if params.item(m.item).clause == clause_id]
    if not matches and len(only := params.items_of_clause(clause_id)) == 1:
        return [ItemMatch(only[0].id, 0)]
    return inside or matches
