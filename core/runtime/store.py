"""The one store of finished results, shared by every session of a server: Lab runs, Theory answers, sweeps.

Keys are the settings that made a result (a frozen Config or SweepSpec, which include the seed, or a Theory
study's (name, seed)), so a share link replays the same numbers. Each kind of result has its own bound, least
recently used first out: a run or an answer is a few kB, a sweep a few tens. A result made from a session's own
data (an uploaded matrix) must never be put here: the callers check that, the store cannot tell.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

# Entries per kind: well under a megabyte in all.
LIMITS = {"run": 64, "theory": 40, "sweep": 16}  # theory: 8 seeds × the 5 studies


class ResultStore:
    """Bounded LRU maps, one per kind of result, safe to use from many sessions' threads."""

    def __init__(self, limits: dict[str, int] | None = None) -> None:
        self.limits = dict(LIMITS if limits is None else limits)
        self._lock = threading.Lock()
        self._items: dict[str, OrderedDict[Hashable, Any]] = {kind: OrderedDict() for kind in self.limits}

    def get(self, kind: str, key: Hashable) -> Any | None:
        """The result stored for key, or None; a hit counts as a use."""
        with self._lock:
            items = self._items[kind]
            if key not in items:
                return None
            items.move_to_end(key)
            return items[key]

    def put(self, kind: str, key: Hashable, value: Any) -> None:
        """Store value for key, dropping the least recently used results of this kind beyond its limit."""
        with self._lock:
            items = self._items[kind]
            items[key] = value
            items.move_to_end(key)
            while len(items) > self.limits[kind]:
                items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return sum(len(items) for items in self._items.values())
