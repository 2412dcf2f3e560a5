"""The app's outer guard (an ASGI middleware): hosts, origins, body size, security headers.

* **Host check.** Requests must name an allowed host (by default the loopback names), which
  stops DNS-rebinding pages from reaching a server bound to localhost (400).
* **Same-origin writes.** A ``POST`` (or other unsafe method) that carries an ``Origin``
  header must come from the app's own origin, so another site open in the same browser
  cannot make the app save files or launch runs (403). Clients without ``Origin`` (curl,
  scripts) are not browsers' cross-site requests and pass.
* **Body time.** A request body must arrive within ``body_timeout`` seconds (408 otherwise).
* **Body size.** Request bodies larger than ``max_body_bytes`` are refused with 413, from
  ``Content-Length`` before reading, or while reading a chunked body; the body is read
  here, once, before the app sees it.
* **Headers.** A strict Content-Security-Policy (scripts only from the app itself: htmx and
  plotly.js are served locally; no inline scripts), ``nosniff``, no framing, no referrer to
  other sites.

Errors under ``/api`` are JSON (``{"detail": ..., "problems": []}``); others are plain text.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # plotly.js sets inline styles on the elements it draws
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: Seconds for a request body to arrive (408 after).
BODY_TIMEOUT = 30.0
_log = logging.getLogger("equipoise.web")
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


#: A ``Host`` header (RFC 9110 section 7.2, RFC 3986 section 3.2.2): a bracketed IPv6 address
#: or a name/IPv4 address, then optionally ``:`` and a port of digits only. Anything else
#: (``127.0.0.1:8000.evil.example``, ``localhost:evil``) is not a host header this app serves.
_HOST = re.compile(
    r"(?:\[(?P<ip6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?"
)


def _hostname(host: str) -> str | None:
    """Return the host name of a ``Host`` header value (without the port), or None if malformed."""
    m = _HOST.fullmatch(host)
    if m is None:
        return None
    port = m.group("port")
    if port is not None and not 0 < int(port) <= 65535:
        return None
    return (m.group("ip6") or m.group("name")).lower()


class Guard:
    """ASGI middleware applying the checks above.

    Parameters
    ----------
    app : ASGI app
        The app to guard.
    max_body_bytes : int
        Largest request body accepted.
    allowed_hosts : iterable of str
        Host names accepted in the ``Host`` header; ``"*"`` accepts any.
    body_timeout : float
        Seconds for a request body to arrive (408 after), so that slowly sent bodies do not
        hold memory for ever.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        allowed_hosts: Iterable[str],
        body_timeout: float = BODY_TIMEOUT,
    ) -> None:
        self.app = app
        self.body_timeout = body_timeout
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = {h.lower().strip("[]") for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check one request, then pass it on with the security headers added."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = str(scope.get("path", "")).startswith("/api")
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        name = _hostname(host)
        if name is None:
            await _reject(send, 400, f"malformed Host header {host!r}", api=api)
            return
        if "*" not in self.allowed_hosts and name not in self.allowed_hosts:
            await _reject(send, 400, f"host {host!r} is not served here", api=api)
            return
        method = str(scope.get("method", "GET")).upper()
        if method in _UNSAFE:
            origin = headers.get("origin")
            if origin is not None and (origin == "null" or urlsplit(origin).netloc != host):
                await _reject(
                    send, 403, "cross-origin request refused (the Origin is not this app)", api=api
                )
                return
            length = headers.get("content-length")
            if length is not None:
                if not length.isdigit():
                    await _reject(send, 400, "invalid Content-Length", api=api)
                    return
                if int(length) > self.max_body_bytes:
                    await _reject(send, 413, self._too_large(), api=api)
                    return
            body = bytearray()
            try:
                async with asyncio.timeout(self.body_timeout):
                    while True:
                        message = await receive()
                        if message["type"] == "http.disconnect":
                            return
                        body.extend(message.get("body", b""))
                        if len(body) > self.max_body_bytes:
                            await _reject(send, 413, self._too_large(), api=api)
                            return
                        if not message.get("more_body", False):
                            break
            except TimeoutError:
                await _reject(
                    send,
                    408,
                    f"the request body did not arrive within {self.body_timeout:g} s",
                    api=api,
                )
                return
            receive = _replay(bytes(body), receive)

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in SECURITY_HEADERS if k not in present),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # a bug: answer 500 here, with the security headers (Starlette's own 500 comes
            # from outside this middleware, without them), and log the traceback
            if started:
                raise
            _log.exception("internal error while answering %s %s", method, scope.get("path"))
            await _reject(
                send,
                500,
                "internal error (a bug in equipoise; the server log has the details)",
                api=api,
            )

    def _too_large(self) -> str:
        limit = self.max_body_bytes
        size = f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit} bytes"
        return f"request body larger than {size}"


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _reject(send: Send, status: int, detail: str, *, api: bool) -> None:
    if api:
        body = json.dumps({"detail": detail, "problems": []}).encode()
        content_type = b"application/json"
    else:
        body = f"{status}: {detail}\n".encode()
        content_type = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = ["BODY_TIMEOUT", "CSP", "LOOPBACK_HOSTS", "SECURITY_HEADERS", "Guard"]
