"""Draw the demo pictures with Pillow: skies, streets, hills, rivers, halls and bokeh.

Everything here is pure Pillow (no Django): :func:`render_jpeg` turns a :class:`PictureSpec`
into JPEG bytes. Pictures are drawn from a few shapes on top of gradients made by resizing
``Image.linear_gradient`` so that a 1600x900 picture takes a few milliseconds, and each
picture is seeded by its key so re-drawing it gives the same image.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]

WIDE = (1600, 900)
CLASSIC = (1200, 800)


@dataclass(frozen=True)
class PictureSpec:
    """One demo picture: its stable key, Wagtail title, alt text and how to draw it."""

    key: str
    title: str
    description: str
    motif: str
    palette: tuple[RGB, ...]
    size: tuple[int, int] = WIDE

    @property
    def filename(self) -> str:
        """The file name the picture is uploaded with."""
        return f"demo-{self.key}.jpg"


# Palettes list colours from the top of the sky down to the foreground.
PICTURES: tuple[PictureSpec, ...] = (
    PictureSpec(
        "pho-binh-minh",
        "Phố phường lúc bình minh",
        "Những dãy nhà cao tầng in bóng trên nền trời hồng cam lúc mặt trời mọc.",
        "skyline",
        ((255, 183, 132), (255, 228, 196), (92, 74, 114), (52, 42, 78), (255, 236, 170)),
    ),
    PictureSpec(
        "pho-dem",
        "Phố phường về đêm",
        "Khu phố về đêm với nhiều ô cửa sổ sáng đèn dưới bầu trời xanh thẫm.",
        "skyline-night",
        ((14, 22, 58), (58, 52, 120), (36, 40, 82), (18, 20, 44), (255, 214, 102)),
    ),
    PictureSpec(
        "doi-xanh",
        "Đồi xanh buổi sớm",
        "Những lớp đồi xanh nối tiếp nhau dưới bầu trời trong buổi sáng sớm.",
        "hills",
        ((150, 206, 240), (232, 246, 250), (160, 204, 150), (38, 110, 64), (255, 250, 220)),
    ),
    PictureSpec(
        "dong-lua",
        "Cánh đồng lúa chín",
        "Cánh đồng lúa vàng trải dài tới chân đồi dưới nắng chiều.",
        "fields",
        ((120, 180, 230), (250, 236, 200), (170, 160, 90), (214, 160, 36), (255, 240, 190)),
    ),
    PictureSpec(
        "song-chieu",
        "Dòng sông lúc hoàng hôn",
        "Mặt trời lặn xuống phía chân trời, ánh nắng phản chiếu trên mặt sông.",
        "river",
        ((72, 48, 112), (248, 150, 96), (54, 70, 110), (28, 40, 74), (255, 206, 120)),
    ),
    PictureSpec(
        "cong-vien",
        "Công viên cây xanh",
        "Lối đi uốn lượn giữa thảm cỏ và những hàng cây tán rộng trong công viên.",
        "park",
        ((140, 200, 236), (226, 244, 248), (118, 182, 88), (44, 120, 60), (214, 196, 160)),
    ),
    PictureSpec(
        "le-hoi",
        "Sắc màu ngày hội",
        "Những đốm sáng rực rỡ nhiều màu như đèn lồng trong đêm hội.",
        "bokeh",
        ((60, 14, 40), (180, 40, 60), (255, 170, 60), (255, 90, 90), (255, 230, 150)),
    ),
    PictureSpec(
        "sang-tao",
        "Không gian sáng tạo",
        "Các khối hình tròn và đường cong màu lam, lục đan xen trên nền sáng.",
        "shapes",
        ((20, 60, 110), (40, 150, 170), (120, 210, 190), (240, 248, 250), (255, 200, 80)),
    ),
    PictureSpec(
        "hoi-truong",
        "Toàn cảnh hội trường",
        "Hội trường với sân khấu phông đỏ, bàn chủ tọa và nhiều hàng ghế đại biểu.",
        "hall",
        ((236, 226, 206), (196, 36, 40), (30, 64, 140), (70, 52, 44), (250, 215, 90)),
        CLASSIC,
    ),
    PictureSpec(
        "dai-bieu",
        "Đại biểu tham dự hội nghị",
        "Các đại biểu ngồi theo từng hàng ghế hướng lên sân khấu hội trường.",
        "delegates",
        ((226, 218, 200), (180, 30, 36), (40, 60, 110), (60, 48, 42), (248, 226, 196)),
        CLASSIC,
    ),
    PictureSpec(
        "san-truong",
        "Sân trường ngày nắng",
        "Dãy lớp học sơn vàng, sân trường rộng và hàng cây xanh trong ngày nắng.",
        "school",
        ((120, 190, 240), (220, 240, 252), (246, 206, 92), (176, 60, 48), (90, 160, 80)),
        CLASSIC,
    ),
    PictureSpec(
        "cang-bien",
        "Cảng biển buổi chiều",
        "Những cần cẩu và tàu hàng bên bến cảng, mặt biển lấp lánh nắng chiều.",
        "harbour",
        ((90, 140, 200), (252, 212, 160), (40, 90, 140), (20, 50, 90), (230, 90, 60)),
        CLASSIC,
    ),
)

PICTURES_BY_KEY: dict[str, PictureSpec] = {picture.key: picture for picture in PICTURES}


def render_jpeg(spec: PictureSpec, quality: int = 85) -> bytes:
    """Draw ``spec`` and return it encoded as a JPEG."""
    image = draw_picture(spec)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def draw_picture(spec: PictureSpec) -> Image.Image:
    """Draw ``spec`` as an RGB image of its size."""
    rng = random.Random(spec.key)
    try:
        painter = _PAINTERS[spec.motif]
    except KeyError:
        raise ValueError(f"Unknown motif {spec.motif!r}") from None
    return painter(spec.size, spec.palette, rng).convert("RGB")


def render_emblem_png(size: int = 256) -> bytes:
    """The demo portal's emblem: a five-pointed gold star on a red disc ringed in gold (PNG)."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    draw.ellipse(_box((centre, centre), centre - 1), fill=(255, 212, 0))
    draw.ellipse(_box((centre, centre), centre * 0.9), fill=(179, 20, 27))
    outer, inner = centre * 0.62, centre * 0.25
    star = [
        (
            centre + (outer if point % 2 == 0 else inner) * math.sin(math.pi * point / 5),
            centre - (outer if point % 2 == 0 else inner) * math.cos(math.pi * point / 5),
        )
        for point in range(10)
    ]
    draw.polygon(star, fill=(255, 212, 0))
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# Building blocks


def gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom`` (no per-pixel Python loop)."""
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, black=top, white=bottom)


def mix(first: RGB, second: RGB, amount: float) -> RGB:
    """The colour ``amount`` of the way from ``first`` to ``second``."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))  # type: ignore[return-value]


def glow(image: Image.Image, centre: tuple[int, int], radius: int, colour: RGB) -> None:
    """Paint a soft sun (a disc in a blurred halo) onto ``image`` in place."""
    halo = Image.new("L", image.size, 0)
    ImageDraw.Draw(halo).ellipse(_box(centre, radius * 2.2), fill=120)
    halo = halo.filter(ImageFilter.GaussianBlur(radius))
    image.paste(colour, (0, 0), halo)
    ImageDraw.Draw(image).ellipse(_box(centre, radius), fill=colour)


def ridge(
    width: int, base: float, amplitude: float, rng: random.Random, step: int = 16
) -> list[tuple[float, float]]:
    """A wavy horizon from the left edge to the right edge, as polygon points."""
    waves = [(rng.uniform(0.6, 2.6), rng.uniform(0, math.tau)) for _ in range(3)]
    points = []
    for x in range(0, width + step, step):
        offset = sum(
            math.sin(x / width * math.tau * f + p) / (i + 1) for i, (f, p) in enumerate(waves)
        )
        points.append((float(x), base - amplitude * offset))
    return points


def fill_below(
    draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], height: int, colour: RGB
) -> None:
    """Fill the area under a horizon line down to the bottom edge."""
    draw.polygon([*points, (points[-1][0], height), (points[0][0], height)], fill=colour)


def _box(centre: tuple[float, float], radius: float) -> tuple[float, float, float, float]:
    x, y = centre
    return (x - radius, y - radius, x + radius, y + radius)


# Motifs


def paint_skyline(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random, night: bool = False
) -> Image.Image:
    """Rows of towers against a dawn or night sky, with lit windows."""
    width, height = size
    sky_top, sky_bottom, far, near, light = palette
    image = gradient(size, sky_top, sky_bottom)
    if night:
        draw = ImageDraw.Draw(image)
        for _ in range(120):
            x, y = rng.uniform(0, width), rng.uniform(0, height * 0.45)
            draw.point((x, y), fill=(255, 255, 240))
        glow(image, (int(width * 0.8), int(height * 0.18)), height // 18, (250, 246, 220))
    else:
        glow(image, (int(width * rng.uniform(0.25, 0.7)), int(height * 0.24)), height // 10, light)
    draw = ImageDraw.Draw(image)
    for layer, colour in enumerate((far, near)):
        x = -rng.randint(0, 60)
        while x < width:
            tower = rng.randint(width // 24, width // 11)
            top = height * rng.uniform(0.28, 0.6) + layer * height * 0.12
            draw.rectangle((x, top, x + tower, height), fill=colour)
            if rng.random() < 0.3:  # a spire or a rooftop antenna
                draw.rectangle(
                    (x + tower // 2 - 3, top - height * 0.06, x + tower // 2 + 3, top), fill=colour
                )
            if layer == 1:
                _windows(
                    draw,
                    rng,
                    (x, top, x + tower, height),
                    light if night else mix(colour, light, 0.35),
                    night,
                )
            x += tower + rng.randint(2, 18)
    return image


def _windows(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    box: tuple[float, float, float, float],
    colour: RGB,
    night: bool,
) -> None:
    left, top, right, bottom = box
    size, gap = 10, 9
    y = top + gap
    while y + size < bottom:
        x = left + gap
        while x + size < right - gap / 2:
            if not night or rng.random() < 0.45:
                draw.rectangle((x, y, x + size, y + size * 1.4), fill=colour)
            x += size + gap
        y += size * 1.4 + gap


def paint_night_skyline(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random
) -> Image.Image:
    """The skyline at night."""
    return paint_skyline(size, palette, rng, night=True)


def paint_hills(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random, fields: bool = False
) -> Image.Image:
    """Layers of hills fading into the distance; with ``fields``, furrows in the foreground."""
    width, height = size
    sky_top, sky_bottom, far, near, sun = palette
    image = gradient(size, sky_top, sky_bottom)
    glow(image, (int(width * rng.uniform(0.15, 0.85)), int(height * 0.3)), height // 12, sun)
    draw = ImageDraw.Draw(image)
    layers = 4
    for index in range(layers):
        amount = index / (layers - 1)
        base = height * (0.48 + 0.13 * index)
        points = ridge(width, base, height * (0.07 - 0.012 * index), rng)
        fill_below(draw, points, height, mix(far, near, amount))
    if fields:
        for row in range(14):
            y = height * 0.8 + row * row * 1.1
            draw.line(
                (0, y, width, y - height * 0.03),
                fill=mix(near, (120, 84, 20), 0.35),
                width=2 + row // 4,
            )
    return image


def paint_fields(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random
) -> Image.Image:
    """Golden rice fields below the hills."""
    return paint_hills(size, palette, rng, fields=True)


def paint_river(size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random) -> Image.Image:
    """A sunset over a wide river with a far bank and reflections."""
    width, height = size
    sky_top, sky_bottom, bank, water, sun = palette
    horizon = int(height * 0.58)
    image = gradient(size, sky_top, sky_bottom)
    glow(image, (width // 2, horizon - height // 14), height // 10, sun)
    image.paste(
        gradient((width, height - horizon), mix(sky_bottom, water, 0.45), water), (0, horizon)
    )
    draw = ImageDraw.Draw(image)
    fill_below(draw, ridge(width, horizon - 6, height * 0.03, rng), horizon, bank)
    for _ in range(70):
        y = rng.uniform(horizon + 6, height)
        spread = (y - horizon) / (height - horizon)
        half = rng.uniform(20, 160) * (1.2 - spread)
        x = width / 2 + rng.gauss(0, width * 0.06)
        draw.line((x - half, y, x + half, y), fill=mix(water, sun, 0.8 - spread / 2), width=3)
    return image


def paint_harbour(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random
) -> Image.Image:
    """Cranes and a cargo ship by a quay in the afternoon."""
    width, height = size
    sky_top, sky_bottom, sea, quay, accent = palette
    horizon = int(height * 0.62)
    image = gradient(size, sky_top, sky_bottom)
    glow(image, (int(width * 0.2), int(height * 0.3)), height // 14, (255, 240, 200))
    image.paste(gradient((width, height - horizon), mix(sky_bottom, sea, 0.6), sea), (0, horizon))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, horizon - 10, width, horizon + 4), fill=quay)
    for index in range(4):  # gantry cranes
        x = width * (0.45 + index * 0.13)
        top = horizon - height * rng.uniform(0.32, 0.42)
        draw.line((x, horizon, x, top), fill=accent, width=8)
        draw.line((x + 60, horizon, x + 60, top), fill=accent, width=8)
        draw.line((x - 90, top, x + 150, top), fill=accent, width=10)
    hull_top = horizon - height * 0.06
    draw.polygon(
        [
            (width * 0.08, hull_top),
            (width * 0.55, hull_top),
            (width * 0.52, horizon + 20),
            (width * 0.1, horizon + 20),
        ],
        fill=quay,
    )
    colours = [(200, 70, 50), (50, 120, 170), (230, 170, 60), (80, 150, 90)]
    for column in range(12):
        for row in range(2):
            x = width * 0.1 + column * width * 0.035
            y = hull_top - (row + 1) * height * 0.035
            draw.rectangle((x, y, x + width * 0.032, y + height * 0.032), fill=rng.choice(colours))
    for _ in range(50):
        y = rng.uniform(horizon + 25, height)
        x = rng.uniform(0, width)
        draw.line((x, y, x + rng.uniform(30, 120), y), fill=mix(sea, (255, 255, 255), 0.4), width=2)
    return image


def paint_park(size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random) -> Image.Image:
    """Round trees along a winding path across a lawn."""
    width, height = size
    sky_top, sky_bottom, lawn, leaves, path = palette
    horizon = int(height * 0.5)
    image = gradient(size, sky_top, sky_bottom)
    image.paste(gradient((width, height - horizon), mix(lawn, sky_bottom, 0.3), lawn), (0, horizon))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [
            (width * 0.48, horizon),
            (width * 0.52, horizon),
            (width * 0.8, height),
            (width * 0.3, height),
        ],
        fill=path,
    )
    trees = sorted(
        (rng.uniform(0, width), rng.uniform(horizon - 10, height * 0.95)) for _ in range(26)
    )
    for x, y in sorted(trees, key=lambda tree: tree[1]):
        if abs(x - width * 0.5) < width * 0.08 + (y - horizon) * 0.3:
            continue  # keep the path clear
        scale = 0.35 + (y - horizon) / (height - horizon)
        radius = 70 * scale
        draw.rectangle((x - 7 * scale, y - radius, x + 7 * scale, y), fill=(96, 70, 48))
        for dx, dy, share in ((0, -1.6, 1.0), (-0.6, -1.1, 0.75), (0.6, -1.1, 0.75)):
            shade = mix(leaves, (20, 70, 40), rng.uniform(0, 0.4))
            draw.ellipse(_box((x + dx * radius, y + dy * radius), radius * share), fill=shade)
    return image


def paint_bokeh(size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random) -> Image.Image:
    """Blurred lights of many colours, like lanterns at a festival."""
    width, height = size
    top, bottom, *lights = palette
    image = gradient(size, top, bottom).convert("RGBA")
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer, "RGBA")
    for _ in range(90):
        radius = rng.uniform(12, 70)
        colour = rng.choice(lights)
        draw.ellipse(
            _box((rng.uniform(0, width), rng.uniform(0, height)), radius),
            fill=(*colour, rng.randint(60, 170)),
        )
    layer = layer.filter(ImageFilter.GaussianBlur(6))
    return Image.alpha_composite(image, layer)


def paint_shapes(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random
) -> Image.Image:
    """Overlapping translucent circles and arcs on a light background."""
    width, height = size
    deep, teal, mint, paper, accent = palette
    image = gradient(size, paper, mix(paper, mint, 0.35)).convert("RGBA")
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer, "RGBA")
    for _ in range(14):
        radius = rng.uniform(height * 0.08, height * 0.38)
        colour = rng.choice((deep, teal, mint, accent))
        draw.ellipse(
            _box((rng.uniform(0, width), rng.uniform(0, height)), radius),
            fill=(*colour, rng.randint(70, 150)),
        )
    for index in range(6):
        radius = height * (0.3 + index * 0.12)
        draw.arc(_box((width * 0.78, height * 0.85), radius), 180, 300, fill=(*deep, 170), width=6)
    return Image.alpha_composite(image, layer)


def paint_hall(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random, close: bool = False
) -> Image.Image:
    """A conference hall: red stage backdrop, presiding table and rows of delegates."""
    width, height = size
    wall, backdrop, cloth, seat, light = palette
    image = gradient(size, mix(wall, (120, 110, 100), 0.25), wall)
    draw = ImageDraw.Draw(image)
    stage_bottom = height * (0.32 if close else 0.55)
    if not close:
        draw.rectangle(
            (width * 0.12, height * 0.08, width * 0.88, stage_bottom - height * 0.1), fill=backdrop
        )
        draw.rectangle(
            (width * 0.2, height * 0.14, width * 0.8, height * 0.2), fill=light
        )  # banner
        for x in (0.16, 0.84):  # flower stands
            draw.ellipse(
                _box((width * x, stage_bottom - height * 0.14), height * 0.05), fill=(230, 200, 60)
            )
        draw.rectangle(
            (
                width * 0.22,
                stage_bottom - height * 0.12,
                width * 0.78,
                stage_bottom - height * 0.04,
            ),
            fill=cloth,
        )
    else:
        draw.rectangle((0, 0, width, stage_bottom), fill=backdrop)
        draw.rectangle((0, stage_bottom - height * 0.05, width, stage_bottom), fill=cloth)
    draw.rectangle((0, stage_bottom, width, height), fill=mix(wall, seat, 0.5))
    rows = 5 if close else 7
    for row in range(rows):
        share = row / (rows - 1)
        y = stage_bottom + height * 0.06 + (height - stage_bottom) * share * 0.85
        head = height * (0.028 + (0.05 if close else 0.022) * share)
        spacing = head * 3.1
        x = (row % 2) * spacing / 2 - spacing / 3
        while x < width + spacing:
            suit = rng.choice(((40, 48, 70), (60, 60, 66), (230, 230, 236), (70, 90, 130)))
            draw.ellipse(
                (x - head * 1.4, y + head * 0.6, x + head * 1.4, y + head * 3.2), fill=suit
            )
            draw.ellipse(_box((x, y), head), fill=(36, 30, 28))  # hair, seen from behind
            x += spacing
        draw.rectangle((0, y + head * 2.3, width, y + head * 3.4), fill=seat)
    return image


def paint_delegates(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random
) -> Image.Image:
    """A closer view of the delegates' rows."""
    return paint_hall(size, palette, rng, close=True)


def paint_school(
    size: tuple[int, int], palette: tuple[RGB, ...], rng: random.Random
) -> Image.Image:
    """A yellow school building with a red roof, a yard and trees."""
    width, height = size
    sky_top, sky_bottom, walls, roof, trees = palette
    image = gradient(size, sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    ground = height * 0.72
    left, right, top = width * 0.12, width * 0.88, height * 0.3
    draw.polygon([(left - 30, top), (width / 2, top - height * 0.12), (right + 30, top)], fill=roof)
    draw.rectangle((left, top, right, ground), fill=walls)
    for floor in range(3):
        y = top + 20 + floor * (ground - top - 20) / 3
        draw.rectangle((left, y + 52, right, y + 60), fill=mix(walls, roof, 0.3))  # corridor rail
        for column in range(10):
            x = left + 30 + column * (right - left - 60) / 10
            draw.rectangle((x, y, x + 44, y + 46), fill=(120, 150, 170))
    draw.rectangle((0, ground, width, height), fill=(214, 204, 186))
    for x in (width * 0.05, width * 0.3, width * 0.7, width * 0.95):
        draw.rectangle((x - 8, ground - 40, x + 8, ground + 40), fill=(96, 70, 48))
        draw.ellipse(_box((x, ground - 70), 75 + rng.uniform(-10, 20)), fill=trees)
    return image


_PAINTERS: dict[str, Callable[[tuple[int, int], tuple[RGB, ...], random.Random], Image.Image]] = {
    "skyline": paint_skyline,
    "skyline-night": paint_night_skyline,
    "hills": paint_hills,
    "fields": paint_fields,
    "river": paint_river,
    "harbour": paint_harbour,
    "park": paint_park,
    "bokeh": paint_bokeh,
    "shapes": paint_shapes,
    "hall": paint_hall,
    "delegates": paint_delegates,
    "school": paint_school,
}
