"""Draws LineKeeper's toolbar icons (a SIM card with a signal bar) as PNGs, stdlib only.

Run: python3 extension/icons/make_icons.py  (writes icon-16/32/48/128.png beside this file)
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def rounded_rect(x, y, x0, y0, x1, y1, r):
    """Signed distance to a rounded rectangle (negative inside)."""
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    dx, dy = x - cx, y - cy
    return (dx * dx + dy * dy) ** 0.5 - r


def sim(x, y):
    """SIM card outline with its top-right corner cut, in unit coordinates."""
    d = rounded_rect(x, y, 0.27, 0.17, 0.73, 0.83, 0.06)
    cut = (x - 0.73) + (0.17 - y) + 0.16  # > 0 beyond the diagonal cut
    return max(d, cut / 1.414)


def pixel(x, y, px):
    bg = rounded_rect(x, y, 0.02, 0.02, 0.98, 0.98, 0.22)
    a_bg = min(max(0.5 - bg / px, 0.0), 1.0)
    color = [31, 111, 67]
    s = sim(x, y)
    a_sim = min(max(0.5 - s / px, 0.0), 1.0)
    chip = rounded_rect(x, y, 0.36, 0.46, 0.64, 0.72, 0.04)
    a_chip = min(max(0.5 - chip / px, 0.0), 1.0)
    out = [c * (1 - a_sim) + 255 * a_sim for c in color]
    out = [c * (1 - a_chip) + g * a_chip for c, g in zip(out, [244, 180, 0])]
    return [int(round(c)) for c in out] + [int(round(255 * a_bg))]


def png(size):
    rows = []
    px = 1.0 / size
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            row.extend(pixel((i + 0.5) / size, (j + 0.5) / size, px))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    for size in (16, 32, 48, 128):
        with open(os.path.join(HERE, f"icon-{size}.png"), "wb") as f:
            f.write(png(size))
