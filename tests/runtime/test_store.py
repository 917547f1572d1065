"""The one result store: bounded per kind, least recently used out first, shared safely across threads."""

import threading

import pytest

from core.runtime.store import ResultStore


def test_keeps_each_kind_apart_and_drops_the_least_recently_used() -> None:
    store = ResultStore({"run": 2, "sweep": 1})
    store.put("run", "a", 1)
    store.put("run", "b", 2)
    store.put("sweep", "a", "map")
    assert store.get("run", "a") == 1  # a use: "b" is now the oldest
    store.put("run", "c", 3)
    assert store.get("run", "b") is None
    assert (store.get("run", "a"), store.get("run", "c"), store.get("sweep", "a")) == (1, 3, "map")
    assert len(store) == 3


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(KeyError):
        ResultStore().put("uploads", "x", 1)  # no kind for a session's own data


def test_many_threads_never_exceed_the_bound() -> None:
    store = ResultStore({"run": 8})

    def fill(offset: int) -> None:
        for i in range(500):
            store.put("run", offset + i, i)
            store.get("run", offset + i // 2)

    threads = [threading.Thread(target=fill, args=(k * 1000,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store) == 8
