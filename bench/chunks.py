"""What the production build emits: JS file count, total size and the largest chunks.

    .venv/bin/python -m bench.chunks [WEB_DIR]     # default: .web of this checkout

Sizes are raw bytes and gzip -9 bytes (roughly what goes over the wire; the server may
compress differently). Run after `python -m community_app.serve build`.
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Chunk:
    name: str
    raw_kib: float
    gzip_kib: float


@dataclass(frozen=True)
class BuildSummary:
    js_files: int
    js_raw_kib: float
    js_gzip_kib: float
    largest: list[Chunk]


def _kib(n: int) -> float:
    return round(n / 1024, 1)


def summarise(web_dir: Path, top: int = 8) -> BuildSummary:
    """The JS files of `web_dir/build/client/assets` (precompressed copies not counted)."""
    files = sorted((web_dir / "build" / "client" / "assets").glob("*.js"))
    sizes = []
    for path in files:
        data = path.read_bytes()
        sizes.append((path.name, len(data), len(gzip.compress(data, 9))))
    sizes.sort(key=lambda s: -s[1])
    return BuildSummary(
        js_files=len(files),
        js_raw_kib=_kib(sum(s[1] for s in sizes)),
        js_gzip_kib=_kib(sum(s[2] for s in sizes)),
        largest=[Chunk(name, _kib(raw), _kib(gz)) for name, raw, gz in sizes[:top]],
    )


def markdown(summary: BuildSummary) -> str:
    lines = [f"{summary.js_files} JS files, {summary.js_raw_kib} KiB raw, "
             f"{summary.js_gzip_kib} KiB gzip in all.", "",
             "| largest chunk | raw KiB | gzip KiB |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.raw_kib} | {c.gzip_kib} |" for c in summary.largest]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    web = Path(argv[0]) if argv else ROOT / ".web"
    summary = summarise(web)
    print(markdown(summary))
    if "--json" in argv:
        print(json.dumps(asdict(summary), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
