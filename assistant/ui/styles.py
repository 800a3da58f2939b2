"""Look and print behaviour: system CJK fonts (no web fonts: the app runs offline), highlighted clause
sentences, and a print stylesheet that prints only the answer slip."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gradio as gr

CJK_STACK = ["PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "sans-serif"]

APP_CSS = """
.qy-amount { font-size: 1.25em; font-weight: 700; color: #b03a2e; margin: .3em 0; }
.qy-status { display: inline-block; padding: 0 .6em; border-radius: 4px; background: #eef2f7; }
.qy-clause { border-left: 4px solid #c0392b; padding: .2em .8em; margin: .6em 0; background: #fafafa; }
.qy-clause mark { background: #fff3a0; padding: 0 .1em; }
.qy-chapter { color: #777; font-size: .9em; } .qy-cite { font-weight: 700; margin-bottom: .3em; }
.qy-error { color: #a61b1b; font-weight: 700; } .qy-note, .qy-empty { color: #666; font-size: .92em; }
.qy-items { border-collapse: collapse; margin: .4em 0; } .qy-items td, .qy-items th { border: 1px solid #ddd; padding: .2em .5em; }
.qy-card summary { cursor: pointer; font-weight: 700; padding: .3em 0; } .qy-score { color: #888; font-weight: 400; }
.qy-slip h2 { text-align: center; }
.qy-match { border-collapse: collapse; margin: .4em 0; } .qy-match td, .qy-match th { border: 1px solid #ccc; padding: .25em .5em; } .qy-disclaimer { border-top: 1px solid #999; padding-top: .5em; }
@media print {
  body * { visibility: hidden; }
  #qy-slip, #qy-slip *, #qy-match-slip, #qy-match-slip * { visibility: visible; }
  #qy-slip, #qy-match-slip { position: absolute; left: 0; top: 0; width: 100%; }
}
"""

PRINT_BUTTON_JS = "() => { window.print(); }"


def app_theme() -> gr.themes.Base:
    import gradio as gr

    return gr.themes.Default(primary_hue="red", font=CJK_STACK)
