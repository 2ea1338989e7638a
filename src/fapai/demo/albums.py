"""What the demo's listings' photos show: an album per kind of property (a flat, an
office floor, a batch of servers, a factory), each picture a captioned scene drawn
by ``demo_pictures``. A lot's tone picks the colours, so two flats look different.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from fapai.demo.pictures import (
    HEIGHT,
    RGB,
    WIDTH,
    Disc,
    Grid,
    Rect,
    Shape,
    Trapezoid,
    draw,
    frame,
    mix,
)

WHITE: RGB = (255, 255, 255)
INK: RGB = (62, 64, 70)
LEAF: RGB = (98, 152, 92)


@dataclass(frozen=True, slots=True)
class Tone:
    wall: RGB
    floor: RGB
    accent: RGB  # the furniture
    soft: RGB  # cushions, rugs, lamps
    sky: RGB
    trim: RGB


TONES = (
    Tone((238, 228, 212), (176, 132, 92), (92, 128, 150), (232, 196, 160), (150, 196, 232),
         (250, 248, 244)),
    Tone((226, 234, 222), (150, 120, 96), (120, 150, 110), (242, 214, 170), (160, 204, 236),
         (248, 250, 246)),
    Tone((240, 226, 226), (190, 160, 130), (170, 96, 96), (220, 200, 230), (140, 186, 226),
         (252, 248, 248)),
    Tone((222, 228, 236), (120, 110, 104), (70, 90, 130), (236, 204, 120), (130, 180, 225),
         (245, 247, 250)),
)  # fmt: skip
# A scene: the gradient's top and bottom colours and the shapes on it.
Scene = tuple[RGB, RGB, list[Shape]]


def _dark(colour: RGB, by: float = 0.8) -> RGB:
    return mix((0, 0, 0), colour, by)


def _window(x: int, y: int, w: int, h: int, t: Tone) -> list[Shape]:
    return [
        Rect(x, y, x + w, y + h, t.sky),
        Rect(x, y + h * 2 // 3, x + w, y + h, mix(t.sky, WHITE, 0.4)),
        Rect(x + w // 2 - 3, y, x + w // 2 + 3, y + h, t.trim),
        *frame(x - 8, y - 8, x + w + 8, y + h + 8, t.trim, 8),
    ]


def _living(t: Tone, v: int) -> Scene:
    return t.wall, _dark(t.wall, 0.92), [
        Rect(0, 300, WIDTH, HEIGHT, t.floor), Rect(0, 292, WIDTH, 302, t.trim),
        *_window(50 + 30 * v, 70, 190, 150, t), Rect(200, 335, 520, 385, t.soft),
        Rect(300, 190, 600, 250, _dark(t.accent, 0.85)), Rect(290, 240, 610, 305, t.accent),
        Rect(290, 205, 325, 310, _dark(t.accent, 0.75)),
        Rect(575, 205, 610, 310, _dark(t.accent, 0.75)),
        Rect(345, 205, 420, 245, t.soft), Rect(470, 205, 545, 245, t.soft),
        Rect(262, 160, 268, 300, INK), Trapezoid(118, 165, (250, 280), (232, 298), t.soft),
    ]  # fmt: skip


def _bedroom(t: Tone, v: int) -> Scene:
    """The main bedroom's double bed, or (``v`` 1) the second bedroom's single one."""
    x, wide, stand = 90 + 100 * v, 280 - 100 * v, 420 - 400 * v
    blanket = mix(t.soft, t.accent, 0.5) if v else t.accent
    return t.wall, _dark(t.wall, 0.92), [
        Rect(0, 310, WIDTH, HEIGHT, t.floor), Rect(0, 302, WIDTH, 312, t.trim),
        *_window(430 - 120 * v, 60, 150, 140, t),
        Rect(x, 170, x + wide, 310, _dark(t.accent, 0.8)),
        Rect(x - 20, 250, x + wide + 20, 330, t.trim),
        Rect(x - 20, 275, x + wide + 20, 345, blanket),
        Rect(x + 20, 228, x + 120, 262, t.soft),
        *([] if v else [Rect(x + 160, 228, x + 260, 262, t.soft)]),
        Rect(stand, 270, stand + 50, 335, _dark(t.floor, 0.8)), Disc(stand + 25, 250, 18, t.soft),
    ]  # fmt: skip


def _kitchen(t: Tone, v: int) -> Scene:
    doors = t.soft if v else t.accent
    return t.wall, t.wall, [
        Grid(40, 40, 600, 150, _dark(doors, 0.7), doors, (70, 110), (64, 104)),
        Grid(0, 150, WIDTH, 250, _dark(t.trim, 0.88), t.trim, (32, 20), (30, 18)),
        Rect(0, 250, WIDTH, 268, (204, 204, 200)),
        Grid(0, 268, WIDTH, 370, _dark(doors, 0.7), doors, (80, 102), (74, 96)),
        Rect(0, 370, WIDTH, HEIGHT, t.floor), Rect(150, 246, 250, 252, (170, 175, 180)),
        Rect(197, 218, 203, 250, (150, 150, 155)), Rect(380, 244, 500, 250, INK),
        Rect(420, 214, 460, 244, (200, 90, 70)),
    ]  # fmt: skip


def _bathroom(t: Tone, v: int) -> Scene:
    tile = mix(t.trim, t.sky, 0.25)
    return t.wall, t.wall, [
        Grid(0, 0, WIDTH, 300, (205, 210, 215), tile, (40, 40), (38, 38)),
        Grid(0, 300, WIDTH, HEIGHT, (150, 150, 150), (196, 194, 188), (50, 50), (48, 48)),
        Rect(300, 220, 620, 310, t.trim), Rect(295, 212, 625, 224, (236, 236, 236)),
        Rect(80, 60, 220, 180, mix(t.sky, WHITE, 0.5)), *frame(74, 54, 226, 186, INK, 6),
        Rect(60, 230, 240, 300, t.accent), Trapezoid(214, 232, (88, 212), (100, 200), WHITE),
    ]  # fmt: skip


def _balcony(t: Tone, v: int) -> Scene:
    far = (200, 208, 218)
    bars: list[Shape] = [Rect(x, 240, x + 6, 340, INK) for x in range(20, WIDTH, 40)]
    return t.sky, mix(t.sky, WHITE, 0.6), [
        Disc(520 - 300 * v, 80, 34, (255, 236, 170)),
        Grid(30, 150, 170, 330, far, (226, 232, 240), (20, 24), (10, 12)),
        Grid(200, 110, 330, 330, mix(far, t.soft, 0.3), (230, 234, 240), (20, 24), (10, 12)),
        Grid(470, 170, 620, 330, far, (226, 232, 240), (20, 24), (10, 12)),
        Rect(0, 350, WIDTH, HEIGHT, _dark(t.floor, 0.9)), Rect(0, 230, WIDTH, 240, INK),
        *bars, Rect(0, 336, WIDTH, 346, INK),
        Disc(90, 285, 42, LEAF), Disc(60, 305, 28, mix(LEAF, WHITE, 0.15)),
        Trapezoid(315, 352, (55, 125), (66, 114), (190, 110, 80)),
    ]  # fmt: skip


def _estate(t: Tone, v: int) -> Scene:
    """Blocks of flats over a lawn, with the sun and a path."""
    shapes: list[Shape] = [
        Disc(90 + 400 * v, 70, 30, (255, 238, 180)),
        Disc(300, 80, 26, WHITE), Disc(330, 70, 32, WHITE), Disc(362, 82, 24, WHITE),
    ]  # fmt: skip
    for i in range(4):
        x, top = 20 + 160 * i, 90 + 50 * ((i + v) % 3)
        body = mix(t.soft, t.wall, 0.3 * (i % 2))
        shapes += [
            Rect(x - 4, top - 10, x + 134, top, _dark(body, 0.8)),
            Grid(x, top, x + 130, 330, body, mix(t.sky, WHITE, 0.3), (26, 30), (14, 16)),
        ]  # fmt: skip
    shapes += [
        Rect(0, 330, WIDTH, HEIGHT, (132, 180, 110)),
        Trapezoid(330, HEIGHT, (300, 340), (230, 410), (214, 206, 190)),
        *[Disc(x, 330, 26, LEAF) for x in (60, 170, 470, 590)],
    ]  # fmt: skip
    return t.sky, mix(t.sky, WHITE, 0.7), shapes


def _tower(t: Tone, v: int) -> Scene:
    glass = mix(t.sky, WHITE, 0.35)
    return t.sky, mix(t.sky, WHITE, 0.7), [
        Grid(40, 160, 200, 360, (200, 200, 196), glass, (22, 26), (12, 14)),
        Grid(440, 130, 600, 360, (190, 194, 200), glass, (22, 26), (12, 14)),
        Trapezoid(10, 30, (300, 340), (230, 410), (80, 110, 140)),
        Grid(230, 30, 410, 360, (70, 100, 130), glass, (20, 14), (18, 10)),
        Rect(0, 360, WIDTH, HEIGHT, (170, 170, 166)), Rect(290, 320, 350, 360, INK),
    ]  # fmt: skip


def _factory(t: Tone, v: int) -> Scene:
    roof = _dark(t.accent, 0.9)
    sheds: list[Shape] = [Trapezoid(120, 180, (x, x), (x, x + 150), roof) for x in (40, 190, 340)]
    return t.sky, mix(t.sky, WHITE, 0.7), [
        *sheds, Grid(40, 180, 490, 320, (214, 214, 208), mix(t.sky, WHITE, 0.2), (45, 60),
                     (30, 24)),
        Rect(200, 250, 280, 320, INK), Rect(520, 60, 550, 320, (170, 160, 150)),
        Rect(0, 320, WIDTH, HEIGHT, (186, 184, 178)), Rect(0, 356, WIDTH, 362, WHITE),
    ]  # fmt: skip


def _plan(t: Tone, v: int) -> Scene:
    """A floor plan: rooms in pale colours, the walls in ink, gaps for the doors."""
    paper: RGB = (250, 249, 245)
    return paper, paper, [
        Rect(68, 48, 340, 230, mix(t.soft, WHITE, 0.5)),
        Rect(340, 48, 572, 200, mix(t.sky, WHITE, 0.6)),
        Rect(340, 200, 572, 352, mix(t.accent, WHITE, 0.7)),
        Rect(68, 230, 200, 352, mix(t.floor, WHITE, 0.6)),
        Rect(200, 230, 340, 352, mix(t.sky, WHITE, 0.4)),
        *frame(60, 40, 580, 360, INK, 8), Rect(336, 48, 344, 352, INK),
        Rect(340, 196, 572, 204, INK), Rect(68, 226, 340, 234, INK), Rect(196, 230, 204, 352, INK),
        Rect(336, 100, 344, 150, paper), Rect(336, 260, 344, 310, paper),
        Rect(110, 226, 160, 234, paper), Rect(240, 226, 290, 234, paper),
        Rect(160 + 200 * v, 352, 300 + 200 * v, 360, (160, 200, 230)),
    ]  # fmt: skip


def _corridor(t: Tone, v: int) -> Scene:
    """A corridor in perspective; ``v`` 1 is a lobby with its desk, 2 a store with shelves."""
    shapes: list[Shape] = [
        Trapezoid(0, 150, (0, WIDTH), (250, 390), mix(t.trim, t.wall, 0.5)),
        Trapezoid(250, HEIGHT, (250, 390), (0, WIDTH), _dark(t.floor, 0.9)),
        Rect(250, 150, 390, 250, mix(t.sky, WHITE, 0.3)),
        Disc(320, 22, 18, (255, 246, 220)), Disc(320, 78, 12, (255, 246, 220)),
        Disc(320, 116, 8, (255, 246, 220)),
    ]  # fmt: skip
    if v == 2:
        shelf = _dark(t.accent, 0.7)
        shapes += [
            Grid(10, 60, 200, 330, shelf, mix(t.soft, WHITE, 0.2), (38, 54), (30, 40)),
            Grid(440, 60, 630, 330, shelf, mix(t.soft, WHITE, 0.2), (38, 54), (30, 40)),
        ]  # fmt: skip
    else:
        for x, top, bottom in ((60, 120, 330), (170, 140, 280), (440, 140, 280), (530, 120, 330)):
            shapes.append(Rect(x, top, x + (50 if x in (60, 530) else 30), bottom, t.accent))
    if v == 1:
        shapes += [Rect(200, 262, 440, 340, t.accent), Rect(190, 252, 450, 264, t.trim)]
    return t.wall, _dark(t.wall, 0.85), shapes


def _office(t: Tone, v: int) -> Scene:
    """Open-plan desks by the windows; ``v`` 1 is the meeting room's table and screen."""
    shapes: list[Shape] = [
        Grid(0, 40, WIDTH, 220, (120, 124, 130), mix(t.sky, WHITE, 0.2), (80, 180), (72, 172)),
        Rect(0, 300, WIDTH, HEIGHT, _dark(t.floor, 0.75)),
    ]  # fmt: skip
    if v == 1:
        chairs = [Disc(x, y, 18, t.accent) for x in (200, 280, 360, 440) for y in (262, 352)]
        return t.wall, _dark(t.wall, 0.9), [
            *shapes, Rect(250, 70, 390, 150, INK), *chairs,
            Trapezoid(270, 340, (200, 440), (130, 510), _dark(t.floor, 0.6)),
        ]  # fmt: skip
    for left in (40, 340):
        shapes += [Rect(left, 250, left + 260, 268, t.trim)]
        shapes += [Rect(left + 10, 268, left + 18, 310, INK)]
        shapes += [Rect(left + dx, 205, left + dx + 60, 245, INK) for dx in (40, 150)]
        shapes += [Disc(left + dx + 30, 312, 22, t.accent) for dx in (40, 150)]
    return t.wall, _dark(t.wall, 0.9), shapes


def _rack(t: Tone, v: int) -> Scene:
    """Server cabinets: units stacked behind a bezel of green lights."""
    shapes: list[Shape] = [
        Grid(0, 340, WIDTH, HEIGHT, (60, 64, 70), (80, 84, 90), (64, 30), (60, 26))
    ]
    count = (4, 3, 2, 1)[v]
    width = 560 // count - 30
    for i in range(count):
        x = 40 + i * (width + 30)
        shapes += [
            Rect(x, 40, x + width, 340, (18, 20, 24)),
            Grid(x + 8, 52, x + width - 8, 330, (30, 33, 38), (58, 62, 70), (width, 20),
                 (width - 16, 16)),
            Grid(x + 12, 52, x + 36, 330, (44, 48, 54), (90, 220, 120), (12, 20), (4, 4)),
        ]  # fmt: skip
        if v == 2:  # the back: cables down each side
            shapes += [Rect(x + width - 30, 52, x + width - 20, 330, t.accent)]
    return (40, 44, 52), (24, 26, 30), shapes


def _switch(t: Tone, v: int) -> Scene:
    """A network switch's front panel: lights over two rows of ports, cables hanging."""
    cables: list[Shape] = [
        Rect(x, 240, x + 6, HEIGHT, (t.accent, t.soft, t.sky)[(x // 26 + v) % 3])
        for x in range(68 + 26 * v, 580, 26 * (v + 2))
    ]
    return (52, 56, 64), (36, 38, 44), [
        Rect(20, 120, 620, 280, (30, 32, 36)),
        Grid(60, 130, 580, 142, (30, 32, 36), (90, 220, 120), (26, 12), (6, 6)),
        Grid(60, 150, 580, 250, (30, 32, 36), (12, 12, 14), (26, 50), (20, 18)),
        *cables,
    ]  # fmt: skip


Draw = Callable[[Tone, int], Scene]
ALBUMS: dict[str, tuple[tuple[str, Draw, int], ...]] = {
    "flat": (
        ("客厅", _living, 0), ("主卧", _bedroom, 0), ("次卧", _bedroom, 1), ("厨房", _kitchen, 0),
        ("卫生间", _bathroom, 0), ("阳台", _balcony, 0), ("小区外景", _estate, 0),
        ("户型图", _plan, 0),
    ),
    "office": (
        ("办公区", _office, 0), ("会议室", _office, 1), ("大堂", _corridor, 1),
        ("走廊", _corridor, 0), ("茶水间", _kitchen, 1), ("窗外景观", _balcony, 1),
        ("大楼外景", _tower, 0), ("平面图", _plan, 1),
    ),
    "servers": (
        ("设备全景", _rack, 0), ("机柜正面", _rack, 1), ("机柜背面", _rack, 2),
        ("机柜内部", _rack, 3), ("网络交换机", _switch, 0), ("交换机端口", _switch, 1),
        ("配件与线缆", _switch, 2), ("存放库房", _corridor, 2),
    ),
    "factory": (("厂房外景", _factory, 0), ("车间内部", _corridor, 2), ("厂区道路", _estate, 1)),
}  # fmt: skip


@cache
def album(name: str, tone: int) -> tuple[tuple[str, bytes], ...]:
    """The captioned PNG photos of album ``name`` in tone ``tone`` (any integer), drawn
    once per process: the bytes never change, and tests seed the demo many times."""
    colours = TONES[tone % len(TONES)]
    return tuple(
        (caption, draw(*scene(colours, variant))) for caption, scene, variant in ALBUMS[name]
    )
