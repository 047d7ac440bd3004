"""Whole-page HTML for pages that depend only on the content, kept per content generation.

A service or guide page is the same for every reader of one language until the next
publish, so it is rendered once per (page, language, generation, day) and then served
from memory. Pages with forms or per-reader parts must not use it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from functools import wraps

from flask import current_app, request

from .i18n import current_language

MAX_PAGES = 2048


class PageCache:
    """A small LRU of rendered pages; entries from older generations simply age out."""

    def __init__(self, max_pages: int = MAX_PAGES):
        self.max_pages = max_pages
        self._pages: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: tuple, render: Callable[[], str]) -> str:
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
                return html
        html = render()
        with self._lock:
            self._pages[key] = html
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        return html


def cached_page(view: Callable[..., str]) -> Callable[..., str]:
    """Serve the view's HTML from the page cache, keyed by address, language, generation and day.

    The query string is part of the key because the language switcher links keep it.
    """

    @wraps(view)
    def wrapper(**kwargs):
        catalogue = current_app.extensions["local_offer.catalogue"].get()
        key = (
            request.endpoint,
            tuple(sorted(kwargs.items())),
            tuple(sorted((k, v) for k, v in request.args.items(multi=True) if k != "lang")),
            current_language(),
            catalogue.generation,
            date.today(),
        )
        return current_app.extensions["local_offer.pages"].get_or_render(key, lambda: view(**kwargs))

    return wrapper
