"""Demo pictures drawn by the project itself with Pillow, so a fresh clone downloads nothing.

Each motif is a simple, recognisable illustration (a column, an amphora, a tower …) on a
sky-and-ground backdrop. Drawing is deterministic: the same motif always gives the same bytes.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 800)


def _backdrop(sky_top, sky_bottom, ground):
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.72)
    for y in range(horizon):
        t = y / horizon
        colour = tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for y in range(horizon, height):
        t = (y - horizon) / (height - horizon)
        colour = tuple(int(c * (1 - 0.25 * t)) for c in ground)
        draw.line([(0, y), (width, y)], fill=colour)
    return image, draw, horizon


def _column(draw, x, base, height, width, stone=(226, 214, 190)):
    shade = tuple(int(c * 0.78) for c in stone)
    draw.rectangle([x - width * 0.75, base - 18, x + width * 0.75, base], fill=shade)
    draw.rectangle([x - width / 2, base - height, x + width / 2, base - 18], fill=stone)
    for i in range(1, 6):  # flutes
        fx = x - width / 2 + i * width / 6
        draw.line([(fx, base - height + 4), (fx, base - 22)], fill=shade, width=3)
    draw.rectangle([x - width * 0.8, base - height - 22, x + width * 0.8, base - height], fill=shade)


def temple():
    image, draw, horizon = _backdrop((120, 170, 225), (236, 222, 196), (168, 146, 104))
    base = horizon + 20
    draw.rectangle([180, base, 1020, base + 40], fill=(200, 186, 160))
    for i in range(7):
        _column(draw, 230 + i * 123, base, 330, 62)
    draw.rectangle([170, base - 395, 1030, base - 350], fill=(214, 200, 172))
    draw.polygon([(160, base - 395), (600, base - 520), (1040, base - 395)], fill=(226, 214, 190))
    return image


def column():
    image, draw, horizon = _backdrop((96, 150, 214), (230, 218, 200), (150, 134, 100))
    _column(draw, 600, horizon + 90, 560, 150)
    return image


def amphora():
    image, draw, _horizon = _backdrop((60, 64, 80), (110, 104, 110), (80, 70, 62))
    cx, top, bottom = 600, 110, 720
    clay, dark = (186, 102, 58), (120, 60, 32)
    outline = []
    for step in range(101):
        t = step / 100
        y = top + (bottom - top) * t
        # A lathe profile: neck, shoulder, belly, tapering foot.
        r = 45 + 150 * math.sin(min(1.0, max(0.0, (t - 0.12) / 0.75)) * math.pi) ** 0.8
        if t < 0.12:
            r = 45
        if t > 0.92:
            r = 30
        outline.append((cx + r, y))
    points = outline + [(2 * cx - x, y) for x, y in reversed(outline)]
    draw.polygon(points, fill=clay)
    for offset in (-40, 40):  # handles
        sx = cx + offset
        draw.arc([sx - 90 if offset < 0 else sx, top + 10, sx if offset < 0 else sx + 90, top + 220],
                 90 if offset < 0 else 270, 270 if offset < 0 else 90, fill=dark, width=16)
    for y in (300, 360, 420):
        draw.line([(cx - 170, y), (cx + 170, y)], fill=dark, width=5)
    image = image.filter(ImageFilter.SMOOTH)
    return image


def tower():
    image, draw, horizon = _backdrop((140, 190, 230), (240, 230, 210), (70, 120, 150))
    stone, shade = (232, 222, 200), (196, 184, 160)
    draw.rectangle([470, 200, 730, horizon + 40], fill=stone)
    draw.rectangle([420, 430, 780, horizon + 40], fill=shade)
    for i in range(8):
        x = 470 + i * 34
        draw.rectangle([x, 170, x + 20, 200], fill=stone)
    for y in (260, 340):
        draw.rectangle([575, y, 625, y + 60], fill=(70, 70, 80))
    return image


def town_hall():
    image, draw, horizon = _backdrop((110, 150, 200), (225, 225, 230), (120, 120, 110))
    draw.rectangle([250, 330, 950, horizon + 40], fill=(205, 200, 185))
    draw.polygon([(250, 330), (600, 220), (950, 330)], fill=(120, 60, 50))
    draw.rectangle([800, 120, 880, 330], fill=(190, 185, 170))
    draw.polygon([(790, 120), (840, 20), (890, 120)], fill=(40, 90, 70))
    for i in range(9):
        draw.rectangle([290 + i * 72, 400, 325 + i * 72, 470], fill=(60, 60, 70))
    return image


def cathedral():
    image, draw, horizon = _backdrop((120, 160, 210), (230, 225, 215), (110, 120, 100))
    brick = (168, 84, 62)
    draw.rectangle([300, 360, 900, horizon + 40], fill=brick)
    draw.rectangle([520, 140, 680, 360], fill=brick)
    draw.polygon([(510, 140), (600, 20), (690, 140)], fill=(50, 100, 80))
    for i in range(6):
        x = 340 + i * 95
        draw.rounded_rectangle([x, 420, x + 40, 530], radius=18, fill=(70, 50, 50))
    return image


MOTIFS = {
    "temple": temple,
    "column": column,
    "amphora": amphora,
    "tower": tower,
    "town_hall": town_hall,
    "cathedral": cathedral,
}


def render_jpeg(motif):
    """JPEG bytes of a motif, identical on every run."""
    buffer = io.BytesIO()
    MOTIFS[motif]().save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
