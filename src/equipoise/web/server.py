"""Run the web app under uvicorn in a background thread (for tests, benchmarks and notebooks).

``equipoise serve`` runs uvicorn in the foreground; :func:`serve_in_thread` runs it beside the
caller on a free localhost port, handing the socket to uvicorn so that no other process can
take the port in between.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


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
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
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


__all__ = ["serve_in_thread"]
