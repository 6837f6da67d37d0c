"""Decode QR codes the package renders, with a real decoder (zxing-cpp)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from io import BytesIO

import zxingcpp
from PIL import Image

SVG_NS = "{http://www.w3.org/2000/svg}"


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def parse_svg(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # also proves the string is well-formed standalone XML


def matrix_from_path(d: str, n: int) -> list[list[bool]]:
    """Rebuild the module matrix from the SVG path of 1-wide strokes along module centres."""
    matrix = [[False] * n for _ in range(n)]
    pen = None
    for subpath in re.findall(r"[Mm][^Mm]+", d):
        m = re.fullmatch(r"M(\d+) (\d+)\.5h(\d+)|m(\d+) 0h(\d+)", subpath)
        assert m, f"unexpected path command {subpath!r}"
        if m[1] is not None:
            x, y, width = int(m[1]), int(m[2]), int(m[3])
        else:
            assert pen is not None, "the path must start with an absolute M"
            x, y, width = pen[0] + int(m[4]), pen[1], int(m[5])
        assert width > 0
        for column in range(x, x + width):
            assert not matrix[y][column], "runs must not overlap"
            matrix[y][column] = True
        pen = (x + width, y)  # a relative move starts where the previous stroke ended
    return matrix


def png_from_matrix(matrix: list[list[bool]], box: int = 8) -> bytes:
    n = len(matrix)
    image = Image.new("L", (n * box, n * box), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * box, y * box, (x + 1) * box, (y + 1) * box))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def decode_svg(svg: str) -> list[str]:
    """Rasterise an SVG made by ``qr_svg`` from its path and decode it."""
    root = parse_svg(svg)
    size = int(root.get("viewBox").split()[2])
    path = root.find(f"{SVG_NS}path")
    return decode(png_from_matrix(matrix_from_path(path.get("d"), size)))
