"""The CJK font every chart and PDF uses: Noto Sans CJK SC, shipped by the `mplfonts` package that `make
install` brings, registered with matplotlib by path.

Never a system font and never matplotlib's font cache: on a fresh machine there is no CJK font to find,
and a cache built before a font was installed does not list it (the app then drew every Chinese label
as an empty box). Registering the file by path works on any machine, at any time.
"""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from pathlib import Path

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

FONT_PACKAGE = "mplfonts"
FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"
_lock = threading.Lock()


@cache
def cjk_font_path() -> Path:
    """The font file inside the installed package; FileNotFoundError names the fix if it is missing."""
    path = Path(str(resources.files(FONT_PACKAGE).joinpath(FONT_FILE)))
    if not path.is_file():
        raise FileNotFoundError(f"CJK font missing: {path} (run `make install`, which installs {FONT_PACKAGE})")
    return path


@cache
def cjk_font() -> str:
    """The family name to draw Chinese with, registered with matplotlib by path (once per process)."""
    path = cjk_font_path()
    with _lock:
        font_manager.fontManager.addfont(str(path))
    return FontProperties(fname=str(path)).get_name()


def has_glyphs(text: str, path: Path | None = None) -> bool:
    """Whether the font draws every character of `text` (no empty boxes)."""
    from matplotlib.ft2font import FT2Font

    face = FT2Font(str(path or cjk_font_path()))
    return all(face.get_char_index(ord(ch)) != 0 for ch in text if not ch.isspace())
