"""A tiny, dependency-free builder of one-page PDF documents for the demo data.

The output is deterministic (no dates, no random ids), so re-running the demo loader yields
byte-identical files and the loader can tell that a stored document needs no re-upload.

Text uses the standard Helvetica fonts with WinAnsiEncoding (cp1252), which covers Spanish
(á, é, ñ, ¿, ¡, «, », –). Characters outside it are replaced with "?".
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
TITLE_SIZE, TITLE_LEADING, TITLE_WRAP = 16, 20, 55
BODY_SIZE, BODY_LEADING, BODY_WRAP = 11, 15, 88


def _pdf_string(text):
    """A PDF literal string in WinAnsiEncoding, with the three special characters escaped."""
    raw = text.encode("cp1252", errors="replace")
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + raw + b")"


def _info_string(text):
    """A PDF text string for the document information dictionary (UTF-16BE with BOM)."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _content_stream(title, lines):
    title_lines = textwrap.wrap(title, TITLE_WRAP) or [""]
    body_lines = []
    for line in lines:
        # An empty line is a paragraph break; long lines are wrapped.
        body_lines.extend(textwrap.wrap(line, BODY_WRAP) or [""])

    top = PAGE_HEIGHT - MARGIN
    ops = [b"BT", f"/F1 {TITLE_SIZE} Tf {TITLE_LEADING} TL {MARGIN} {top} Td".encode()]
    for line in title_lines:
        ops.append(_pdf_string(line) + b" Tj T*")
    ops.append(b"ET")

    body_top = top - TITLE_LEADING * len(title_lines) - BODY_LEADING
    max_lines = (body_top - MARGIN) // BODY_LEADING  # one page only: extra lines are dropped
    ops.append(b"BT")
    ops.append(f"/F2 {BODY_SIZE} Tf {BODY_LEADING} TL {MARGIN} {body_top} Td".encode())
    for line in body_lines[:max_lines]:
        ops.append(_pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def build_pdf(title, lines, *, author="Alcaldía de Palmira"):
    """Return the bytes of a valid one-page A4 PDF with ``title`` and the text ``lines``."""
    content = _content_stream(title, lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream",
        b"<< /Title "
        + _info_string(title)
        + b" /Author "
        + _info_string(author)
        + b" /Producer (Portal de Rendicion de Cuentas) >>",
    ]

    # The binary comment line tells transfer tools that the file is not plain text.
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"

    xref_offset = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"  # each entry is exactly 20 bytes, EOL included
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref_offset}\n%%EOF\n"
    ).encode()
    return bytes(out)
