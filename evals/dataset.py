"""Gold datasets: loading, schema checks and flattening dialogues into scored rows.

Single-turn lines carry an id and a question; dialogue lines carry "turns". Every row that gets scored
(a question or a dialogue turn) has the same expected_* fields, documented in evals/README text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from corpus import CLAUSE_IDS
from corpus.clauses import chinese_numeral

DATA_DIR = Path(__file__).with_name("data")
GOLD = DATA_DIR / "gold.jsonl"
DIALOGUES = DATA_DIR / "dialogues.jsonl"

CATEGORIES = ("amount", "max", "multi", "eligibility", "dates", "procedure", "out_of_scope", "adversarial", "other")
STATUSES = ("answered", "needs_info", "out_of_scope", "refused")
REFUSING = frozenset({"out_of_scope", "refused"})

# The 45 award items of the policy, one name each (clause prefix + what is awarded). Gold rows tag the
# items they exercise in an optional "awards" list so a test can prove every item is covered.
AWARD_ITEMS = (
    "c01_domestic_invention", "c02_foreign_invention", "c03_quality_patent_center",
    "c04_gi_mark", "c04_certification_mark", "c04_collective_mark", "c04_gi_product", "c04_madrid",
    "c04_brand_demo_zone",
    "c05_copyright_registration", "c05_valuable_work", "c05_national_demo_park", "c05_national_demo_unit",
    "c05_provincial_demo_park", "c05_provincial_demo_unit",
    "c06_patent_implementation", "c07_transaction", "c08_pledge_interest", "c08_patent_insurance",
    "c09_international_standard", "c09_national_standard", "c09_industry_standard", "c10_navigation",
    "c11_national_demo", "c11_national_advantage", "c11_provincial_demo", "c11_city_advantage",
    "c11_management_standard", "c11_certification_cycle",
    "c13_domestic_first_instance", "c13_domestic_second_instance", "c13_overseas_win",
    "c14_patent_agency", "c14_agency_branch", "c14_service_agency", "c15_service_project",
    "c16_pilot_county", "c16_demo_county", "c17_park_performance", "c18_exam_fee", "c18_agent_service",
    "c19_national_pilot_school", "c19_national_demo_school", "c19_provincial_pilot_school",
    "c19_provincial_demo_school",
)  # fmt: skip

EXPECTED_FIELDS = ("expected_clauses", "expected_status", "expected_amount_yuan", "expected_max_yuan",
                   "must_mention", "must_not", "note")  # fmt: skip
# INTERFACES.md: a dataset needs only id and question; each gold field is scored where present. These are
# what an absent field means (expected_status: derived from the category, else not scored).
_DEFAULTS: dict[str, Any] = {"expected_clauses": [], "expected_amount_yuan": None, "expected_max_yuan": None,
                             "must_mention": [], "must_not": [], "note": ""}  # fmt: skip
_STATUS_OF_CATEGORY = {"out_of_scope": "out_of_scope"}


class DatasetError(ValueError):
    """A dataset file that cannot be used; the message is for the person running the evaluation."""


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line; a clear Chinese message for a missing file or a bad line."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"找不到数据文件：{path}")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path} 第{number}行不是合法的 JSON：{exc.msg}") from exc
    return rows


def is_dialogue(item: dict[str, Any]) -> bool:
    return "turns" in item


def acceptable_statuses(expected: str | list[str] | None) -> tuple[str, ...]:
    """expected_status may be one status or a list of acceptable ones; None (absent): not scored."""
    if expected is None:
        return ()
    return (expected,) if isinstance(expected, str) else tuple(expected)


def parse_as_of(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _is_amount(value: Any) -> bool:
    """Whole yuan, or yuan and fen (1172.75) where the true amount has them; nothing finer than a fen."""
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return False
    return isinstance(value, int) or round(value, 2) == value


# Other ways a dataset writer names a clause: 7, "07", "c07", "（七）", "第七条", "cls", "ntc", "pre".
_CLAUSE_ALIASES = {"cls": "closing", "ntc": "notice", "pre": "preamble", "附则": "closing", "通知": "notice",
                   "序言": "preamble"}  # fmt: skip


def clause_id(value: Any) -> Any:
    """The corpus id ("1".."21", "notice", "preamble", "closing") for a clause named in any common way;
    the value unchanged when it names none (the schema check then reports it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    text = _CLAUSE_ALIASES.get(text, text)
    digits = re.fullmatch(r"c?0*(\d{1,2})", text)
    if digits:
        return digits.group(1)
    numeral = re.fullmatch(r"第?[（(]?([一二三四五六七八九十]+)[)）]?条?", text)
    if numeral:
        return str(chinese_numeral(numeral.group(1)))
    return text


def _normalised(row: dict[str, Any], category: str | None = None) -> dict[str, Any]:
    """Absent gold fields filled with what they mean; clause names in any common form made corpus ids."""
    row = {**_DEFAULTS, **row}
    if "expected_status" not in row:
        row["expected_status"] = _STATUS_OF_CATEGORY.get(row.get("category") or category or "")
    if isinstance(row.get("expected_clauses"), list):
        row["expected_clauses"] = [clause_id(c) for c in row["expected_clauses"]]
    return row


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(s, str) and s for s in value)


def row_problems(row: dict[str, Any]) -> list[str]:
    """Schema problems of one scored row (a single-turn item or one dialogue turn)."""
    problems = [f"缺少字段 {f}" for f in ("question", *EXPECTED_FIELDS) if f not in row]
    if problems:
        return problems
    statuses = acceptable_statuses(row["expected_status"])
    if (row["expected_status"] is not None and not statuses) or any(s not in STATUSES for s in statuses):
        problems.append(f"expected_status 无效：{row['expected_status']!r}")
    clauses = row["expected_clauses"]
    if not isinstance(clauses, list) or any(c not in CLAUSE_IDS for c in clauses):
        problems.append(f"expected_clauses 无效：{clauses!r}")
    for field in ("expected_amount_yuan", "expected_max_yuan"):
        if not _is_amount(row[field]):
            problems.append(f"{field} 须为非负数（元）或 null：{row[field]!r}")
    for field in ("must_mention", "must_not"):
        if not _is_str_list(row[field]):
            problems.append(f"{field} 须为字符串列表")
    if not isinstance(row["question"], str) or not row["question"].strip():
        problems.append("question 为空")
    if any(a not in AWARD_ITEMS for a in row.get("awards", [])):
        problems.append(f"awards 含未知项目：{row['awards']!r}")
    return problems


def item_problems(item: dict[str, Any]) -> list[str]:
    """Schema problems of one dataset line, each prefixed with the line's id."""
    label = str(item.get("id", "?"))
    problems = [] if isinstance(item.get("id"), str) and item["id"] else ["缺少 id"]
    turns = item.get("turns") if is_dialogue(item) else None
    per_turn = isinstance(turns, list) and turns and all(isinstance(t, dict) and t.get("category") for t in turns)
    if item.get("category") not in CATEGORIES and not (per_turn and "category" not in item):
        problems.append(f"category 无效：{item.get('category')!r}")
    try:
        parse_as_of(item.get("as_of"))
    except (TypeError, ValueError):
        problems.append(f"as_of 须为 YYYY-MM-DD：{item.get('as_of')!r}")
    if is_dialogue(item):
        turns = item["turns"]
        if not isinstance(turns, list) or not turns:
            return [f"{label}: turns 须为非空列表"]
        for n, turn in enumerate(turns, start=1):
            problems += [f"第{n}轮 {p}" for p in row_problems(turn)]
            if "category" in turn and turn["category"] not in CATEGORIES:
                problems.append(f"第{n}轮 category 无效：{turn['category']!r}")
    else:
        problems += row_problems(item)
    return [f"{label}: {p}" for p in problems]


def dataset_problems(items: list[dict[str, Any]]) -> list[str]:
    """All schema problems of a dataset, including duplicate ids."""
    problems = [p for item in items for p in item_problems(item)]
    ids = [item.get("id") for item in items]
    problems += [f"{i}: id 重复" for i in sorted({i for i in ids if ids.count(i) > 1}, key=str)]
    return problems


def _normalise_item(item: dict[str, Any]) -> dict[str, Any]:
    if is_dialogue(item) and isinstance(item["turns"], list):
        if "category" not in item and not all(isinstance(t, dict) and t.get("category") for t in item["turns"]):
            item = {**item, "category": "other"}
        turns = [_normalised(t, item.get("category")) if isinstance(t, dict) else t for t in item["turns"]]
        return {**item, "turns": turns}
    if "category" not in item:
        item = {**item, "category": "other"}
    return _normalised(item)


def load_dataset(path: str | Path) -> list[dict[str, Any]]:
    """Load and check a dataset; raises DatasetError listing the first problems found."""
    items = [_normalise_item(i) for i in load_jsonl(path)]
    problems = dataset_problems(items)
    if problems:
        shown = "\n".join(problems[:10])
        raise DatasetError(f"{path} 有 {len(problems)} 处格式问题：\n{shown}")
    return items


def expand(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One scored row per question: dialogue turns become rows with ids like "d01#2"."""
    rows = []
    for item in items:
        if not is_dialogue(item):
            rows.append(dict(item))
            continue
        for n, turn in enumerate(item["turns"], start=1):
            row = {"category": item.get("category"), **turn, "id": f"{item['id']}#{n}", "dialogue": item["id"]}
            if item.get("as_of"):
                row["as_of"] = item["as_of"]
            rows.append(row)
    return rows
