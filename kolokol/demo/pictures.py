"""Lead and inline pictures for the demo, drawn locally so nothing is downloaded.

Each motif is a simple flat illustration (sky, horizon and a few shapes) in
a colour scheme picked from the seed, so every article gets its own image.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 900

PALETTES = [
    ((180, 210, 235), (70, 110, 150), (40, 60, 80), (230, 190, 90)),
    ((245, 205, 170), (150, 90, 80), (60, 50, 70), (250, 240, 200)),
    ((200, 225, 200), (80, 130, 90), (40, 70, 50), (240, 230, 160)),
    ((215, 215, 235), (110, 100, 150), (45, 40, 70), (250, 220, 120)),
    ((235, 225, 200), (160, 130, 90), (80, 60, 40), (200, 90, 60)),
]


def _sky(draw: ImageDraw.ImageDraw, top: tuple, bottom: tuple, horizon: int) -> None:
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def draw(motif: str, seed: str) -> bytes:
    """A JPEG picture for ``motif`` (river, bridge, city …), varied by ``seed``."""
    rng = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    sky, land, dark, light = rng.choice(PALETTES)
    image = Image.new("RGB", (WIDTH, HEIGHT), sky)
    d = ImageDraw.Draw(image)
    horizon = rng.randint(430, 560)
    _sky(d, light, sky, horizon)
    sun_x = rng.randint(150, WIDTH - 150)
    d.ellipse([sun_x - 70, 120, sun_x + 70, 260], fill=light)
    d.rectangle([0, horizon, WIDTH, HEIGHT], fill=land)

    if motif in {"river", "bridge", "harbour"}:
        water = tuple(min(255, c + 40) for c in dark)
        d.polygon(
            [(0, horizon + 60), (WIDTH, horizon + 20), (WIDTH, HEIGHT), (0, HEIGHT)], fill=water
        )
        for _ in range(25):
            x, y = rng.randint(0, WIDTH), rng.randint(horizon + 60, HEIGHT)
            d.line([(x, y), (x + rng.randint(30, 120), y)], fill=sky, width=3)
    if motif == "bridge":
        deck = horizon + 10
        d.rectangle([0, deck, WIDTH, deck + 24], fill=dark)
        for x in range(100, WIDTH, 300):
            d.rectangle([x, deck, x + 30, HEIGHT], fill=dark)
            d.arc([x - 270, deck - 160, x + 30, deck + 160], 180, 360, fill=dark, width=10)
    if motif == "harbour":
        for _ in range(4):
            x = rng.randint(100, WIDTH - 300)
            y = rng.randint(horizon + 120, HEIGHT - 120)
            d.polygon([(x, y), (x + 220, y), (x + 180, y + 60), (x + 40, y + 60)], fill=dark)
            d.line([(x + 110, y), (x + 110, y - 160)], fill=dark, width=6)
            d.polygon([(x + 115, y - 150), (x + 115, y - 20), (x + 200, y - 20)], fill=light)
    if motif in {"city", "market", "school", "library"}:
        x = 0
        while x < WIDTH:
            w, h = rng.randint(90, 220), rng.randint(120, 380)
            d.rectangle([x, horizon - h, x + w, horizon + 40], fill=dark)
            for wy in range(horizon - h + 20, horizon, 45):
                for wx in range(x + 15, x + w - 20, 40):
                    if rng.random() < 0.6:
                        d.rectangle([wx, wy, wx + 18, wy + 24], fill=light)
            x += w + rng.randint(5, 30)
        if motif == "market":
            for i in range(6):
                sx = 60 + i * 260
                d.polygon(
                    [(sx, horizon + 160), (sx + 220, horizon + 160), (sx + 110, horizon + 90)],
                    fill=light,
                )
                d.rectangle([sx + 10, horizon + 160, sx + 210, horizon + 260], fill=sky)
    if motif in {"field", "forest", "stadium"}:
        for _ in range(50 if motif == "forest" else 12):
            x = rng.randint(0, WIDTH)
            h = rng.randint(120, 260)
            d.polygon([(x, horizon - h), (x - 50, horizon + 20), (x + 50, horizon + 20)], fill=dark)
        if motif == "stadium":
            d.ellipse([300, horizon + 60, WIDTH - 300, HEIGHT - 40], outline=light, width=12)
            d.line([(WIDTH // 2, horizon + 60), (WIDTH // 2, HEIGHT - 40)], fill=light, width=8)
        if motif == "field":
            for y in range(horizon + 40, HEIGHT, 40):
                d.line([(0, y), (WIDTH, y + rng.randint(-20, 20))], fill=dark, width=2)
    if motif == "train":
        rail = horizon + 160
        d.line([(0, rail), (WIDTH, rail)], fill=dark, width=10)
        for i in range(5):
            cx = 120 + i * 290
            d.rounded_rectangle([cx, rail - 170, cx + 270, rail - 10], radius=24, fill=dark)
            for wx in range(cx + 20, cx + 250, 60):
                d.rectangle([wx, rail - 140, wx + 40, rail - 100], fill=light)
    if motif == "lab":
        for i in range(7):
            cx = 150 + i * 200
            d.rectangle([cx, horizon - 40, cx + 40, horizon + 200], fill=dark)
            d.ellipse(
                [cx - 40, horizon + 160, cx + 80, horizon + 280], fill=light, outline=dark, width=6
            )

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
