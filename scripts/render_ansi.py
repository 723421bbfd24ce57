#!/usr/bin/env python3
"""Render a tmux `capture-pane -p -e` capture (text with SGR colours) to a PNG.

usage: render_ansi.py CAPTURE.ansi OUT.png COLUMNS ROWS
Uses pyte to interpret the escapes and Pillow with DejaVu Sans Mono to draw.
"""
import sys

import pyte
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
SIZE = 15

# A dark terminal palette (the screenshots' "terminal"); themes with their own
# background colours (light, dark-256) paint over it.
BACKGROUND = (30, 30, 30)
FOREGROUND = (212, 212, 212)
ANSI = {
    "black": (0, 0, 0), "red": (205, 49, 49), "green": (13, 188, 121), "brown": (229, 229, 16),
    "yellow": (229, 229, 16), "blue": (36, 114, 200), "magenta": (188, 63, 188), "cyan": (17, 168, 205),
    "white": (229, 229, 229), "brightblack": (102, 102, 102), "brightred": (241, 76, 76),
    "brightgreen": (35, 209, 139), "brightbrown": (245, 245, 67), "brightyellow": (245, 245, 67),
    "brightblue": (59, 142, 234), "brightmagenta": (214, 112, 214), "brightcyan": (41, 184, 219),
    "brightwhite": (255, 255, 255),
}


def colour(value, default):
    if value == "default":
        return default
    if value in ANSI:
        return ANSI[value]
    if isinstance(value, str) and len(value) == 6:
        try:
            return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
        except ValueError:
            return default
    return default


def dim(rgb, background):
    return tuple((c + b) // 2 for c, b in zip(rgb, background))


def main():
    capture, out, columns, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    screen = pyte.Screen(columns, rows)
    stream = pyte.Stream(screen)
    with open(capture, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    # capture-pane -e carries attributes over line ends (it only emits changes),
    # so the lines are fed as one stream.
    lines = text.split("\n")[:rows]
    stream.feed("\r\n".join(lines))
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", SIZE)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", SIZE)
    cell_w = int(round(regular.getlength("M")))
    cell_h = int(SIZE * 1.32)
    pad = 10
    image = Image.new("RGB", (columns * cell_w + 2 * pad, rows * cell_h + 2 * pad), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y in range(rows):
        line = screen.buffer[y]
        x = 0
        while x < columns:
            char = line[x]
            width = 2 if x + 1 < columns and line[x + 1].data == "" else 1
            fg = colour(char.fg, FOREGROUND)
            bg = colour(char.bg, BACKGROUND)
            if char.reverse:
                fg, bg = bg, fg
            left, top = pad + x * cell_w, pad + y * cell_h
            draw.rectangle([left, top, left + width * cell_w - 1, top + cell_h - 1], fill=bg)
            if char.data.strip():
                font = bold if char.bold else regular
                draw.text((left, top + 2), char.data, font=font, fill=fg)
            if char.underscore:
                draw.line([left, top + cell_h - 2, left + width * cell_w - 1, top + cell_h - 2], fill=fg)
            x += width
    image.save(out)


if __name__ == "__main__":
    main()
