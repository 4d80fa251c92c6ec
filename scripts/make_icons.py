"""Draw the 守望 PWA icons as PNG files using only the standard library.

A white house with a 2 x 2 grid of lit (amber) windows and a red door, on the
brand red (#b91c1c). Edges are anti-aliased with signed distance functions, so
each pixel is evaluated once per shape and the output is deterministic.

    .venv/bin/python scripts/make_icons.py          # writes assets/icons/*.png
    .venv/bin/python scripts/make_icons.py OUT_DIR

Variants:
- icon-192.png, icon-512.png: rounded red square with transparent corners ("any").
- icon-maskable-512.png: full-bleed red, artwork shrunk into the maskable safe zone
  (the central circle of radius 40 %), so any mask shape keeps the whole house.
- apple-touch-icon.png (180): full-bleed and opaque; iOS rounds the corners itself
  and would paint transparent pixels black.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

RED = (0xB9, 0x1C, 0x1C)
WHITE = (0xFF, 0xFF, 0xFF)
AMBER = (0xFB, 0xBF, 0x24)

Rgb = tuple[int, int, int]
Sdf = Callable[[float, float], float]  # signed distance in artwork units (< 0 inside)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "assets" / "icons"


# ---- signed distance functions (coordinates in 0..1 artwork units) ----


def rect(x0: float, y0: float, x1: float, y1: float, radius: float = 0.0) -> Sdf:
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hx, hy = (x1 - x0) / 2 - radius, (y1 - y0) / 2 - radius

    def sdf(x: float, y: float) -> float:
        dx, dy = abs(x - cx) - hx, abs(y - cy) - hy
        outside = (max(dx, 0.0) ** 2 + max(dy, 0.0) ** 2) ** 0.5
        return outside + min(max(dx, dy), 0.0) - radius

    return sdf


def convex_polygon(points: list[tuple[float, float]]) -> Sdf:
    """Max of the half-plane distances: exact inside, close enough outside for anti-aliasing."""
    area2 = sum(
        points[i][0] * points[(i + 1) % len(points)][1]
        - points[(i + 1) % len(points)][0] * points[i][1]
        for i in range(len(points))
    )
    orient = 1.0 if area2 > 0 else -1.0
    planes = []
    for i, (ax, ay) in enumerate(points):
        bx, by = points[(i + 1) % len(points)]
        ex, ey = bx - ax, by - ay
        length = (ex * ex + ey * ey) ** 0.5
        # outward normal for the polygon's orientation
        nx, ny = orient * ey / length, -orient * ex / length
        planes.append((nx, ny, nx * ax + ny * ay))

    def sdf(x: float, y: float) -> float:
        return max(nx * x + ny * y - d for nx, ny, d in planes)

    return sdf


def union(*shapes: Sdf) -> Sdf:
    def sdf(x: float, y: float) -> float:
        return min(s(x, y) for s in shapes)

    return sdf


# ---- the artwork ----


def house_layers() -> list[tuple[Sdf, Rgb]]:
    """The house, drawn in a 0..1 box centred on (0.5, 0.5)."""
    roof = convex_polygon([(0.5, 0.17), (0.86, 0.48), (0.14, 0.48)])
    chimney = rect(0.66, 0.22, 0.74, 0.40)
    body = rect(0.24, 0.44, 0.76, 0.82, radius=0.015)
    windows = union(
        rect(0.30, 0.52, 0.41, 0.62, radius=0.01),
        rect(0.59, 0.52, 0.70, 0.62, radius=0.01),
        rect(0.30, 0.67, 0.41, 0.77, radius=0.01),
        rect(0.59, 0.67, 0.70, 0.77, radius=0.01),
    )
    door = rect(0.45, 0.62, 0.55, 0.82, radius=0.01)
    return [(union(roof, chimney, body), WHITE), (windows, AMBER), (door, RED)]


def render(size: int, *, full_bleed: bool, art_scale: float) -> bytes:
    """RGBA pixels, row-major, for one icon."""
    background = rect(0.0, 0.0, 1.0, 1.0, radius=0.0 if full_bleed else 0.22)
    layers = house_layers()
    px = 1.0 / size  # one pixel in artwork units
    art_px = px / art_scale
    out = bytearray()
    for j in range(size):
        y = (j + 0.5) / size
        ay = (y - 0.5) / art_scale + 0.5
        for i in range(size):
            x = (i + 0.5) / size
            if full_bleed:
                alpha = 1.0
            else:
                alpha = min(max(0.5 - background(x, y) / px, 0.0), 1.0)
            r, g, b = RED
            if alpha > 0.0:
                ax = (x - 0.5) / art_scale + 0.5
                for sdf, (lr, lg, lb) in layers:
                    cover = min(max(0.5 - sdf(ax, ay) / art_px, 0.0), 1.0)
                    if cover > 0.0:
                        r += (lr - r) * cover
                        g += (lg - g) * cover
                        b += (lb - b) * cover
            out += bytes((round(r), round(g), round(b), round(alpha * 255)))
    return bytes(out)


# ---- PNG encoding ----


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(size: int, rgba: bytes) -> bytes:
    stride = size * 4
    raw = b"".join(b"\x00" + rgba[row * stride : (row + 1) * stride] for row in range(size))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


ICONS: dict[str, tuple[int, bool, float]] = {
    # name: (size, full_bleed, art_scale)
    "icon-192.png": (192, False, 1.0),
    "icon-512.png": (512, False, 1.0),
    "icon-maskable-512.png": (512, True, 0.78),
    "apple-touch-icon.png": (180, True, 0.9),
}


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (size, full_bleed, art_scale) in ICONS.items():
        data = encode_png(size, render(size, full_bleed=full_bleed, art_scale=art_scale))
        (out_dir / name).write_bytes(data)
        print(f"wrote {out_dir / name} ({size}x{size}, {len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
