"""Hold the cycle collector off while a parse builds its many small objects.

A 20 MB report becomes hundreds of thousands of spans, figures, tuples and
decimals, none of which form reference cycles, so reference counting frees
everything that dies. Left on, the cycle collector still walks the growing
heap again and again as the objects pile up, which costs a tenth of the parse.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cycle collector for the block, and enable it again only if it was on.

    A caller that turned it off itself (or a parse running in another thread
    that paused it first) keeps it off: only the pauser that found it on turns
    it back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
