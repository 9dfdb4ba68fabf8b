"""WCAG 2.1 contrast (1.4.3): the text colour, and if need be a darker background, for text
set on a colour such as an SDG's official one."""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
NEUTRAL_COLOUR = "#5f6b66"
BLACK = "#000000"
WHITE = "#ffffff"
MIN_TEXT_CONTRAST = 4.5  # WCAG 1.4.3 AA, normal-size text


def safe_colour(value):
    """The colour if it is a #RRGGBB value, else a neutral grey: never raw text in a style."""
    value = (value or "").strip()
    return value if HEX_COLOUR.match(value) else NEUTRAL_COLOUR


def relative_luminance(hex_colour):
    """WCAG 2.1 relative luminance of a #RRGGBB colour."""
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first, second):
    lighter, darker = sorted(
        (relative_luminance(safe_colour(first)), relative_luminance(safe_colour(second))),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background):
    """Black or white, whichever contrasts more with ``background``. Pure black, not a
    near-black: #111 on SDG 1's red is 4.17:1, black is 4.64:1."""
    background = safe_colour(background)
    if contrast_ratio(WHITE, background) >= contrast_ratio(BLACK, background):
        return WHITE
    return BLACK


def text_background(colour):
    """``colour`` if black or white text on it reaches 4.5:1, else ``colour`` darkened step
    by step until white text does. With pure black and white one always reaches 4.58:1 (the
    tie is at a luminance of 0.18), so this is a safeguard should the threshold rise."""
    colour = safe_colour(colour)
    if contrast_ratio(colour, text_colour_on(colour)) >= MIN_TEXT_CONTRAST:
        return colour
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(1, 101):
        factor = 1 - step / 100
        darker = f"#{round(r * factor):02x}{round(g * factor):02x}{round(b * factor):02x}"
        if contrast_ratio(darker, WHITE) >= MIN_TEXT_CONTRAST:
            return darker
    return BLACK  # unreachable: white on black is 21:1
