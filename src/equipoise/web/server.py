"""Run the web app under uvicorn, with limits on slow and numerous connections.

``equipoise serve`` runs uvicorn in the foreground; :func:`serve_in_thread` runs it beside the
caller on a free localhost port, handing the socket to uvicorn so that no other process can
take the port in between. Both use :func:`server_config`, whose limits (docs/web.md,
"Security") keep slow or idle connections from holding the server's memory:

* a request's headers must arrive within :data:`HEADER_TIMEOUT` seconds of the connection
  opening (or of the previous response), else the connection is closed — uvicorn has no such
  timeout of its own, so :class:`TimedH11Protocol` adds it;
* a request's body must arrive within :data:`BODY_TIMEOUT` seconds (408 otherwise; the guard,
  :mod:`equipoise.web.security`, enforces it while reading);
* an idle keep-alive connection is closed after :data:`KEEP_ALIVE` seconds;
* at most :data:`MAX_CONNECTIONS` connections at once (503 beyond), so the bodies held in
  memory are at most that many times the body limit;
* on SIGTERM or Ctrl-C, requests in flight get :data:`GRACEFUL_SHUTDOWN` seconds to finish.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from equipoise.web.security import BODY_TIMEOUT

#: Seconds for a request's headers to arrive (slow-loris connections are closed).
HEADER_TIMEOUT = 10.0
#: Seconds an idle keep-alive connection is kept.
KEEP_ALIVE = 5
#: Most connections served at once (503 beyond).
MAX_CONNECTIONS = 64
#: Seconds requests in flight get to finish when the server is told to stop.
GRACEFUL_SHUTDOWN = 5


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers do not arrive in time.

    A timer starts when the connection opens and again when a response is complete; it is
    cancelled once a request (its headers) has been received. When it fires, the connection
    is closed. uvicorn's own keep-alive timer is cancelled by any byte received, so a client
    sending one header byte every few seconds was never timed out.
    """

    header_timeout: float = HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the connection and its header timer."""
        super().connection_made(transport)
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer: asyncio.TimerHandle | None = self.loop.call_later(
            self.header_timeout, self._on_header_timeout
        )

    def _cancel_header_timer(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _on_header_timeout(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        """Feed the data; once a request has started, its headers are in: stop the timer."""
        super().data_received(data)
        if self.cycle is not None and not self.cycle.response_complete:
            self._cancel_header_timer()

    def on_response_complete(self) -> None:
        """Finish the response; the next request's headers get a fresh timer."""
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the timer with the connection."""
        self._cancel_header_timer()
        super().connection_lost(exc)


def server_config(app: Any, **kwargs: Any) -> Any:
    """Return the uvicorn ``Config`` for ``app`` with the limits above.

    Parameters
    ----------
    app : ASGI app
        The app to serve.
    **kwargs
        Further ``uvicorn.Config`` arguments (``host``, ``port``, ``log_level``...).

    Returns
    -------
    uvicorn.Config
    """
    import uvicorn

    options: dict[str, Any] = {
        "http": TimedH11Protocol,
        "timeout_keep_alive": KEEP_ALIVE,
        "limit_concurrency": MAX_CONNECTIONS,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN,
        "lifespan": "on",
        "server_header": False,
        "log_level": "warning",
    }
    options.update(kwargs)
    return uvicorn.Config(app, **options)


@contextmanager
def serve_in_thread(app: Any, *, host: str = "127.0.0.1", timeout: float = 20.0) -> Iterator[str]:
    """Serve ``app`` on a free port of ``host`` while the block runs; yield its base URL.

    Parameters
    ----------
    app : ASGI app
        E.g. from :func:`equipoise.web.app.create_app`.
    host : str
        Address to bind (default: loopback only).
    timeout : float
        Seconds to wait for the server to start, and to stop.

    Raises
    ------
    RuntimeError
        If the server does not start in time.

    Examples
    --------
    >>> from pathlib import Path; import tempfile, urllib.request
    >>> from equipoise.web.app import create_app
    >>> folder = Path(tempfile.mkdtemp())
    >>> with serve_in_thread(create_app(folder / "s", folder / "r")) as url:
    ...     urllib.request.urlopen(url + "/api/kinds").status
    200
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(app))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="equipoise-web", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.01)
        shown = f"[{host}]" if ":" in host else host
        yield f"http://{shown}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=timeout)
        sock.close()


__all__ = [
    "BODY_TIMEOUT",
    "GRACEFUL_SHUTDOWN",
    "HEADER_TIMEOUT",
    "KEEP_ALIVE",
    "MAX_CONNECTIONS",
    "TimedH11Protocol",
    "serve_in_thread",
    "server_config",
]
