"""A minimal OpenDocument text (.odt) writer for the impact assessment: headings and paragraphs.

Only the standard library: a zip with the mimetype stored first, a manifest and content.xml.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>
"""
_TAIL = "</office:text></office:body></office:document-content>\n"


def _paragraphs(text: str) -> str:
    out = []
    for line in text.splitlines() or [""]:
        out.append(f"<text:p>{escape(line)}</text:p>")
    return "".join(out)


def build_odt(title: str, blocks: list[tuple[str, str]]) -> bytes:
    """`blocks`: (heading, text) pairs; the text's lines become paragraphs."""
    body = [f'<text:h text:outline-level="1">{escape(title)}</text:h>']
    for heading, text in blocks:
        body.append(f'<text:h text:outline-level="2">{escape(heading)}</text:h>')
        body.append(_paragraphs(text))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", _HEAD + "".join(body) + _TAIL, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
