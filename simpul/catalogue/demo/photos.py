"""Demo product photos, drawn with Pillow: a packaged product on a coloured table, the
product name on the label. Clearly illustrations, never mistaken for real photographs,
and generated at seed time so nothing is downloaded or stored in the repository."""

from __future__ import annotations

import io
import random
import textwrap

from PIL import Image, ImageDraw, ImageFont

SIZE = 720
# Background and label colours per industry (earthy for food, warm for textiles).
PALETTES = {
    "keripik": ((245, 197, 66), (122, 62, 18)),
    "emping": ((236, 214, 160), (110, 84, 30)),
    "kopi": ((111, 78, 55), (241, 229, 211)),
    "tahu_tempe": ((226, 217, 190), (70, 90, 50)),
    "kue": ((247, 214, 224), (140, 50, 80)),
    "ikan": ((160, 200, 220), (20, 60, 90)),
    "rumput_laut": ((130, 180, 140), (20, 70, 40)),
    "gula_aren": ((150, 90, 50), (250, 235, 210)),
    "minuman": ((250, 220, 120), (150, 60, 20)),
    "tapis": ((150, 30, 40), (240, 200, 90)),
    "batik": ((90, 60, 40), (235, 210, 170)),
}
DEFAULT_PALETTE = ((200, 210, 220), (40, 50, 70))


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def product_photo(name: str, industry: str, variant: int, rng: random.Random) -> bytes:
    """A JPEG (as a phone would upload) of a labelled package; `variant` shifts the view."""
    background, ink = PALETTES.get(industry, DEFAULT_PALETTE)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    for _ in range(14):  # a few soft dots, so no two photos are byte-identical
        x, y, r = rng.randrange(SIZE), rng.randrange(SIZE), rng.randrange(10, 60)
        shade = tuple(max(0, min(255, c + rng.randrange(-25, 25))) for c in background)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    inset = 110 + 30 * (variant % 3)
    box = (inset, inset + 40, SIZE - inset, SIZE - inset + 20)
    draw.rounded_rectangle(box, radius=36, fill=ink)
    label = (box[0] + 30, box[1] + 120, box[2] - 30, box[3] - 90)
    draw.rounded_rectangle(label, radius=18, fill=background)
    lines = textwrap.wrap(name, width=14)[:4]
    font = _font(34)
    top = (label[1] + label[3]) // 2 - 22 * len(lines)
    for index, line in enumerate(lines):
        draw.text((SIZE // 2, top + 44 * index), line, font=font, fill=ink, anchor="mt")
    draw.text((SIZE // 2, box[3] - 60), "IKM LAMPUNG", font=_font(24), fill=background, anchor="mt")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
