"""Real Streamlit sessions without a browser: the load for row (f), so 8 Chromium tabs do not share the server's cores.

A session here is what a browser tab is to the server: a websocket to /_stcore/stream, one `rerun_script` request
with the page and its query string (a share link with run=1 trains on opening), then every delta the script sends
until `script_finished`. Only the drawing is missing, which in real use happens on the visitors' own machines.

`python -m bench.headless URL COUNT` opens COUNT Lab share links that train on opening (seeds 100, 101, …), and
`python -m bench.headless URL COUNT QUERY` COUNT visitors of the one link QUERY; it prints one JSON line per
session: the benchmark runs it as its own low-priority process, because the load stands for visitors on other
machines and must not steal this machine's CPU (or the GIL of the process that measures).
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from dataclasses import asdict, dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


@dataclass
class Session:
    seconds: float
    found: bool  # the expected text arrived in some delta
    deltas: int
    first: float = 0.0  # seconds until the first delta: when a browser would start to show the page


async def open_page(
    url: str, page: str, query: str, expect: str, timeout: float = 900.0, source: str | None = None
) -> Session:
    """Open one page like a tab does and wait until its script finishes (`page` "" is the home page); `source`: the
    loopback address to connect from (127.0.0.2, …), so a proxy sees visitors from different addresses."""
    stream = HTTPRequest(url.replace("http", "ws", 1) + "/_stcore/stream", network_interface=source)
    ws = await websocket_connect(stream, subprotocols=["streamlit"])
    start = time.perf_counter()
    await ws.write_message(BackMsg(rerun_script=ClientState(query_string=query, page_name=page)).SerializeToString(),
                           binary=True)  # fmt: skip
    found, deltas, first = False, 0, 0.0
    try:
        while True:
            raw = await asyncio.wait_for(ws.read_message(), timeout)
            if raw is None:
                raise ConnectionError("the server closed the session")
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            deltas += kind == "delta"
            first = first or (time.perf_counter() - start if kind == "delta" else 0.0)
            found = found or expect.encode() in raw
            if kind == "script_finished":
                return Session(time.perf_counter() - start, found, deltas, first)
    finally:
        ws.close()


def open_pages(url: str, pages: list[tuple[str, str, str]], *, apart: bool = False) -> list[Session]:
    """Open several pages at once (page, query, expected text); returns each one's session. apart: each from its own
    loopback address (127.0.0.10, 127.0.0.11, …), as visitors on different machines reach a proxy.

    Runs its own event loop on its own thread, so it also works beside Playwright's sync API (which owns one)."""

    async def all_of() -> list[Session]:
        sources = [f"127.0.0.{10 + i}" if apart else None for i in range(len(pages))]
        return list(await asyncio.gather(*(open_page(url, *p, source=a) for p, a in zip(pages, sources, strict=True))))

    out: list[Session] = []
    worker = threading.Thread(target=lambda: out.extend(asyncio.run(all_of())))
    worker.start()
    worker.join()
    return out


def lab_load(count: int) -> list[tuple[str, str, str]]:
    """COUNT Lab share links that each train on opening, with their own seeds (so no two share a cached run)."""
    return [("Lab", f"lang=en&run=1&seed={100 + i}", "Error at every signal scale") for i in range(count)]


def one_link(count: int, query: str) -> list[tuple[str, str, str]]:
    """COUNT visitors of one Lab share link (query), all opening it at once."""
    return [("Lab", query, "Error at every signal scale")] * count


if __name__ == "__main__":
    count = int(sys.argv[2])
    pages = one_link(count, sys.argv[3]) if len(sys.argv) > 3 else lab_load(count)
    for session in open_pages(sys.argv[1], pages):
        print(json.dumps(asdict(session)), flush=True)
