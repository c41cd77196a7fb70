"""Keep report text from talking to the terminal.

A report is data from the web: an ESC, a C1 CSI or a bidi override inside it
would let the file recolour the screen, write the clipboard (OSC 52), plant
links (OSC 8) or reorder what the reader sees. The loader maps every such code
point to U+FFFD once, so everything downstream (tree, figures, reader,
``outline``) works on text that is safe to print. The mapping keeps the length,
so offsets into the neutralized text are offsets into the decoded text too.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# C0 controls except \t \n \r, DEL, the C1 block (U+0080-U+009F, which holds
# the 8-bit CSI U+009B and OSC U+009D), and the bidi embedding, override,
# isolate and mark characters. ESC is in the C0 range: replacing only the
# introducer leaves the rest of a CSI/OSC sequence as harmless literal text.
_DANGEROUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = re.compile("[\t\n\r]+")
# pdftotext opens every page with a form feed: in a report it is a line break.
_PAGE_BREAKS = str.maketrans("\x0b\x0c", "\n\n")


def neutralize(text: str) -> str:
    """Replace every code point that could drive the terminal with U+FFFD, keeping offsets.

    Form feeds and vertical tabs become line breaks instead, one for one.
    """
    if _DANGEROUS.search(text) is None:
        return text
    return _DANGEROUS.sub(REPLACEMENT, text.translate(_PAGE_BREAKS))


def strip_controls(text: str) -> str:
    """Make untrusted text safe for a single line (a file name in a message, a notification).

    Unlike :func:`neutralize` this may change the length: dangerous code
    points are dropped and line breaks become one space, because a one-line
    message must not be split or recoloured by the name it quotes.
    """
    return _LINE_BREAKS.sub(" ", _DANGEROUS.sub("", text))
