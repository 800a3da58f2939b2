"""The metrics as a console table, a Markdown report and PNG charts (Chinese labels with a CJK font)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from evals.metrics import ItemScore, Rate

log = logging.getLogger(__name__)

CATEGORY_LABELS = {
    "amount": "金额", "max": "上限", "multi": "多项", "eligibility": "资格", "dates": "日期", "procedure": "程序",
    "out_of_scope": "范围外", "adversarial": "对抗", "other": "其他",
}  # fmt: skip
COLUMNS = (  # (metric key, header)
    ("hit@1", "条款hit@1"), ("hit@any", "条款hit@any"), ("mrr", "MRR"), ("amount", "金额准确率"),
    ("ceiling", "上限准确率"), ("refusal", "拒答准确率"), ("status", "状态准确率"), ("must_mention", "必提率"),
    ("no_amount", "无金额准确率"),
)  # fmt: skip
CHART_METRICS = ("hit@1", "amount", "status", "must_mention")


def format_rate(key: str, rate: Rate) -> str:
    if rate.value is None:
        return "—"
    shown = f"{rate.value:.3f}" if key == "mrr" else f"{rate.value:.1%}"
    return f"{shown} ({rate.of})"


def table_rows(metrics: dict[str, Any]) -> list[list[str]]:
    """Header plus one row per category and an overall row."""
    header = ["类别", "n", *(zh for _, zh in COLUMNS), "违禁"]
    groups = [*metrics["by_category"].items(), ("overall", metrics["overall"])]
    rows = [header]
    for name, m in groups:
        label = CATEGORY_LABELS.get(name, "合计")
        rows.append([label, str(m["n"]), *(format_rate(k, m[k]) for k, _ in COLUMNS),
                     str(m["must_not_violations"])])  # fmt: skip
    return rows


def console_table(metrics: dict[str, Any]) -> str:
    rows = table_rows(metrics)
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True))
        for row in rows
    )


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def markdown_table(metrics: dict[str, Any]) -> str:
    rows = table_rows(metrics)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])


def summary_line(metrics: dict[str, Any], gate: list[str] | None = None) -> str:
    m = metrics["overall"]
    parts = [f"n={m['n']}"] + [
        f"{k}={_pct(m[k])}" for k in ("hit@1", "amount", "ceiling", "refusal", "status")
    ]
    parts.append(f"must_not={m['must_not_violations']}")
    parts += [f"{k}={m[k]}" for k in ("wrong_amount", "wrong_denial", "wrong_refusal")]
    if gate is not None:
        parts.append("gate=PASS" if not gate else f"gate=FAIL({len(gate)})")
    return "EVAL " + " ".join(parts)


def _pct(rate: Rate) -> str:
    return "—" if rate.value is None else f"{rate.value:.1%}"


def cjk_font_name() -> str:
    """The project's CJK font (assistant/ui/fonts.py), registered by path: the same on every machine."""
    from assistant.ui.fonts import cjk_font

    return cjk_font()


def write_charts(metrics: dict[str, Any], out_dir: Path) -> list[Path]:
    """by_category.png (grouped bars) and overall.png (one bar per metric)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    families = [cjk_font_name(), "DejaVu Sans"]
    with plt.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": families, "axes.unicode_minus": False}
    ):
        return [_category_chart(plt, metrics, out_dir), _overall_chart(plt, metrics, out_dir)]


def _header(key: str) -> str:
    return next(zh for k, zh in COLUMNS if k == key)


def _category_chart(plt: Any, metrics: dict[str, Any], out_dir: Path) -> Path:
    categories = list(metrics["by_category"])
    fig, ax = plt.subplots(figsize=(11, 4.8))
    width = 0.8 / len(CHART_METRICS)
    for n, key in enumerate(CHART_METRICS):
        values = [metrics["by_category"][c][key].value for c in categories]
        xs = [i + n * width for i in range(len(categories))]
        ax.bar(xs, [float("nan") if v is None else v * 100 for v in values], width, label=_header(key))
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(categories))])
    ax.set_xticklabels([CATEGORY_LABELS[c] for c in categories])
    ax.set_ylim(0, 105)
    ax.set_ylabel("准确率（%）")
    ax.set_title("各类别指标")
    ax.legend(loc="lower right", fontsize=8)
    return _save(plt, fig, out_dir / "by_category.png")


def _overall_chart(plt: Any, metrics: dict[str, Any], out_dir: Path) -> Path:
    keys = [k for k, _ in COLUMNS if metrics["overall"][k].value is not None]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.barh([_header(k) for k in keys], [metrics["overall"][k].value * 100 for k in keys], color="#3b7dd8")
    ax.set_xlim(0, 105)
    ax.invert_yaxis()
    ax.set_xlabel("准确率（%）；MRR×100")
    ax.set_title("总体指标")
    return _save(plt, fig, out_dir / "overall.png")


def _save(plt: Any, fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _cell(text: str) -> str:
    """A Markdown table cell: an unescaped | or a newline would break the row."""
    return text.replace("|", "\\|").replace("\n", " ")


def failure_lines(scores: list[ItemScore]) -> list[str]:
    return [
        f"| {s.id} | {_cell(s.question)} | {_cell('；'.join(s.problems()))} |" for s in scores if s.problems()
    ]


def write_report(scores: list[ItemScore], metrics: dict[str, Any], out_dir: str | Path,
                 gate: list[str] | None = None) -> Path:  # fmt: skip
    """report.md with the tables, the charts and every failing row; returns the report's path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    charts = write_charts(metrics, out)
    failures = failure_lines(scores)
    parts = ["# 评测报告", "", f"`{summary_line(metrics, gate)}`", "", markdown_table(metrics), ""]
    parts += [f"![{p.stem}]({p.name})" for p in charts] + [""]
    if gate is not None:
        parts += ["## 发布门槛", "", "通过" if not gate else "\n".join(f"- {g}" for g in gate), ""]
    parts += [f"## 未通过的条目（{len(failures)}）", ""]
    if failures:
        parts += ["| id | 问题 | 未通过 |", "|---|---|---|", *failures]
    path = out / "report.md"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path
