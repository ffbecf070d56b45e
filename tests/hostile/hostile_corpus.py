"""The judging scenario's directory: every kind of file a careless user or an attacker drops in
a folder of articles, next to the seed article. Used by ``test_scenario.py`` and by
``benchmarks/bench_hostile.py`` (which times it)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "seed_putin_report.txt"

#: The files that cannot be read, and the problem each must be reported with.
BAD_FILES = {
    "empty.txt": "empty file",
    "binary.txt": "binary file (contains NUL bytes), not text",
    "latin1.txt": "invalid UTF-8 at byte offset",
    "deep.html": "no article text found in the HTML",
}
#: The article ids analysed (quote marks alone make an article without claims).
GOOD_IDS = ("long_line", "quotes", "rtl_emoji", "seed_putin_report")


def build_hostile_dir(folder: Path, line_chars: int = 1_000_000) -> Path:
    """Write the hostile directory into ``folder`` and return it; the line without a sentence
    end is ``line_chars`` long (1 MB in the judging scenario)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Le ministre a déclaré « non ».".encode("latin-1"))
    (folder / "quotes.txt").write_text('"' * 5_000 + "“”„«»‘’" * 700 + "\n", encoding="utf-8")
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * 50_000 + "x" + "</div>" * 50_000 + "</body></html>",
        encoding="utf-8",
    )
    words = "officials said the harbour deal would be reviewed by the ministry and"
    line = " ".join(words.split()[i % 12] for i in range(line_chars // 4))[:line_chars]
    (folder / "long_line.txt").write_text(line + "\n", encoding="utf-8")
    (folder / "rtl_emoji.txt").write_text(
        "שר האוצר אמר כי המשבר חמור 😀.\n\nوقال المتحدث إن الوضع خطير 👩‍👩‍👧.\n\n"
        "\u202eThe minister said the talks failed\u202c, officials told Reuters 🇺🇦.\n",
        encoding="utf-8",
    )
    shutil.copy(SEED, folder / SEED.name)
    return folder
