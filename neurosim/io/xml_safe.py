"""XML parsed safely, the one way every XML format (GraphML, JFLAP) is read.

- **decoding**: bytes are UTF-8 (a BOM dropped), by :func:`neurosim.io.source.decode_bytes`; an XML declaration
  that names another encoding (``utf-16``, ``latin-1``, an unknown ``utf-0``) is refused with its position,
  since the text was not read in that encoding;
- **no DTD, no entities**: the parser itself (defusedxml's, on top of expat) refuses a ``<!DOCTYPE``, an entity
  declaration and any external reference when it meets one, so a comment that mentions ``<!DOCTYPE`` is fine
  and nothing is ever expanded or fetched;
- **located errors**: everything else that is not well-formed XML is a :class:`ParseError` at its line and column.

Notes
-----
defusedxml (Heimes, https://pypi.org/project/defusedxml/) is the Python Security Team's recommendation for
untrusted XML; it adds handlers to expat rather than a regular expression over the bytes, which could neither
tell a comment from a declaration nor see through UTF-16.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import ParseError
from .source import check_text, decode_bytes, line_col

__all__ = ["parse_xml", "xml_text"]

_DECLARATION = re.compile(r"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1""")
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


def xml_text(data: str | bytes, source: str) -> str:
    """The text of an XML document: decoded as UTF-8 and checked against its declaration.

    Raises
    ------
    ParseError
        Undecodable bytes, a NUL byte, or a declaration naming an encoding other than UTF-8 (or ASCII).
    """
    text = decode_bytes(data, source) if isinstance(data, bytes) else check_text(data.removeprefix("\ufeff"), source)
    m = _DECLARATION.match(text)
    if m and m.group(2).strip().lower() not in _UTF8:
        line, col = line_col(text, m.start(2))
        raise ParseError(f"expected an XML document in UTF-8, found encoding={m.group(2)[:40]!r} in its "
                         "declaration (neurosim reads XML as UTF-8: convert the file first)", source, line, col)
    return text


def parse_xml(data: str | bytes, source: str, what: str = "XML") -> ET.Element:
    """Parse an XML document safely (see the module notes) and return its root element.

    Parameters
    ----------
    data : str or bytes
    source : str
        The name cited in errors.
    what : str
        What the document should be (``"GraphML"``), for the messages.

    Raises
    ------
    ParseError
        Not well-formed, a DTD, an entity declaration or an external reference, or a wrong encoding; with the
        line and column of the culprit.
    """
    text = xml_text(data, source)
    parser = DefusedXMLParser(target=ET.TreeBuilder(), forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    try:
        parser.feed(text)
        return parser.close()
    except DefusedXmlException as exc:
        line, col = parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1
        kind = type(exc).__name__.removesuffix("Forbidden")
        declared = {"DTD": "a <!DOCTYPE> declaration (a DTD)", "Entities": "an entity declaration",
                    "ExternalReference": "an external reference"}.get(kind, kind)
        start = text.rfind("<!", 0, _offset(text, line, col) + 1)
        if start >= 0:
            line, col = line_col(text, start)
        raise ParseError(f"expected {what} without DTDs or entities, found {declared} (refused for safety)",
                         source, line, col) from None
    except ET.ParseError as exc:
        line, col = exc.position
        raise ParseError(f"not well-formed XML: {str(exc).split(':')[0]}", source, line, col + 1) from None


def _offset(text: str, line: int, col: int) -> int:
    """Character offset of a 1-based (line, column) in ``text``."""
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return min(pos + col - 1, len(text))
