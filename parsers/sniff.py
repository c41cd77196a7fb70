"""Whether decoded text is a web page, decided apart from reading one.

Plain-text reports are the common case, and the HTML reader (with its site
furniture patterns) costs milliseconds to import: the loader asks here
first and imports it only for a page.
"""

from __future__ import annotations

import re

_HTML_START = re.compile(
    r"\A(?:[\s\ufeff]|<!--.*?-->|<\?xml[^>]*>)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|p|div|table|span|br"
    r"|h[1-6]|article|section|center|font|ul|ol|a|b|strong)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html[\s>]|body[\s>])", re.IGNORECASE)
_SNIFF_CHARS = 2048


def looks_like_html(text: str) -> bool:
    """Whether decoded text is a web page, judged by how it starts rather than its file name."""
    head = text[:_SNIFF_CHARS]
    return _HTML_START.match(head) is not None or _HTML_ANYWHERE.search(head) is not None
