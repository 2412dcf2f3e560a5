"""The web app against hostile inputs (issue 15): bad files, strange hosts, bugs, FIFOs.

One bad file in the scenario folder never takes down a page that lists the others; a 500 the
server still returns carries the security headers; the ``Host`` header is parsed strictly.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from equipoise.testing import template_text
from equipoise.web.app import create_app

BASE = "http://127.0.0.1"
MILEX = "values = { USA = 774527000, CHN = 188597000, JPN = 49762000 }"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EQUIPOISE_RUNS", str(tmp_path / "store"))
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "good.toml").write_text(template_text("good"), encoding="utf-8")
    negative = template_text("negative").replace("USA = 774527000", "USA = -774527000", 1)
    assert negative != template_text("negative")
    (scenarios / "negative.toml").write_text(negative, encoding="utf-8")
    (scenarios / "huge.toml").write_text(
        template_text("huge").replace("USA = 774527000", "USA = 1e308", 1), encoding="utf-8"
    )
    (scenarios / "nan.toml").write_text(
        template_text("nan").replace("clout = 0.05", "clout = nan", 1), encoding="utf-8"
    )
    return scenarios


@pytest.fixture
def client(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(folder, folder.parent / "runs"), base_url=BASE) as c:
        yield c


def listing(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/scenarios")
    assert response.status_code == 200, response.text
    return {s["name"]: s for s in response.json()["scenarios"]}


def test_bad_files_are_listed_as_invalid_and_the_good_ones_still_answer(
    client: TestClient,
) -> None:
    found = listing(client)
    assert found["good"]["valid"] is True
    for name in ("negative", "huge", "nan"):
        assert found[name]["valid"] is False, found[name]
    home = client.get("/")
    assert home.status_code == 200
    for name in ("good", "negative", "huge", "nan"):
        assert name in home.text
    detail = client.get("/api/scenarios/negative").json()
    (problem,) = detail["problems"]
    assert problem["path"] == "indicators[0].values.USA"
    assert problem["line"] is not None and "must not be negative" in problem["message"]
    assert client.get("/scenarios/negative").status_code == 200


def test_a_bug_on_one_file_does_not_take_down_the_listing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import equipoise.web.catalog as catalog

    real = catalog.picture

    def picture(scenario: Any) -> Any:
        if scenario.scenario.name == "good":
            raise ZeroDivisionError("a bug")
        return real(scenario)

    monkeypatch.setattr(catalog, "picture", picture)
    found = listing(client)
    assert found["good"]["valid"] is False
    problems = client.get("/api/scenarios/good").json()["problems"]
    assert "internal error (ZeroDivisionError: a bug)" in problems[0]["message"]
    assert client.get("/").status_code == 200


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_symlink_loop_in_the_folder_is_not_read(client: TestClient, folder: Path) -> None:
    os.mkfifo(folder / "fifo.toml")
    (folder / "loop.toml").symlink_to(folder / "loop2.toml")
    (folder / "loop2.toml").symlink_to(folder / "loop.toml")
    found = listing(client)  # would hang reading the FIFO
    assert found["good"]["valid"] is True
    assert "fifo" not in found and "loop" not in found
    assert client.get("/").status_code == 200


def test_a_500_carries_the_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import equipoise.web.catalog as catalog

    def broken(self: Any) -> Any:
        raise RuntimeError("a bug in listing")

    monkeypatch.setattr(catalog.Catalog, "entries", broken)
    for url in ("/api/scenarios", "/"):
        response = client.get(url)
        assert response.status_code == 500
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "a bug in equipoise" in response.text
        assert "a bug in listing" not in response.text  # no internals shown


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8000.evil.example",
        "localhost:evil",
        "localhost:",
        "localhost:99999",
        "127.0.0.1:80:80",
        "localhost@evil.example",
        "[::1]x",
        "evil.example",
        "localhost.evil.example",
        "",
    ],
)
def test_host_header_is_parsed_strictly(client: TestClient, host: str) -> None:
    response = client.get("/api/scenarios", headers={"host": host})
    assert response.status_code == 400, host
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.1:8000", "localhost:1", "[::1]:8000", "LOCALHOST"]
)
def test_loopback_hosts_still_served(client: TestClient, host: str) -> None:
    assert client.get("/api/scenarios", headers={"host": host}).status_code == 200


def test_overwrite_never_replaces_the_file_being_edited(client: TestClient, folder: Path) -> None:
    from equipoise.web.forms import build_form

    loaded = client.app.state.catalog.load("good")  # type: ignore[attr-defined]
    values = {f.name: f.value for f in build_form(loaded.document).fields.values()}
    values["relations[0].weight"] = "0.5"
    before = (folder / "good.toml").read_bytes()
    page = client.post(
        "/scenarios/good/edit",
        data={**values, "action": "save", "save_name": "good", "overwrite": "on"},
        follow_redirects=False,
    )
    assert page.status_code == 200
    beside = page.text.split('id="err-save-name">', 1)[1].split("</span>", 1)[0]
    assert "is the scenario being edited" in beside
    assert (folder / "good.toml").read_bytes() == before


# --------------------------------------------------------------------------------------------
# slow connections (real sockets on loopback, a handful, bounded in time)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``sock`` (or answers and closes) within ``seconds``."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except OSError:
        return True
    return True


def test_slow_headers_and_bodies_are_timed_out(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from equipoise.web.app import WebConfig
    from equipoise.web.server import TimedH11Protocol, serve_in_thread

    monkeypatch.setattr(TimedH11Protocol, "header_timeout", 1.0)
    app = create_app(folder, folder.parent / "runs", config=WebConfig(body_timeout=1.0))
    with serve_in_thread(app) as url:
        host, port = url.removeprefix("http://").split(":")
        slow: list[socket.socket] = []
        try:
            for k in range(4):
                sock = socket.create_connection((host, int(port)), timeout=5)
                if k % 2 == 0:  # headers that never end
                    sock.sendall(b"GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                else:  # a body that never ends
                    sock.sendall(
                        b"POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/toml\r\nContent-Length: 500000\r\n\r\nx = 1\n"
                    )
                slow.append(sock)
            # one byte a while later does not restart the clock
            time.sleep(0.5)
            slow[0].sendall(b"a")
            for k, sock in enumerate(slow):
                assert _closed_within(sock, 10), f"connection {k} still open"
            # the server still answers
            fresh = socket.create_connection((host, int(port)), timeout=5)
            fresh.sendall(
                b"GET /api/kinds HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            )
            assert fresh.recv(100).startswith(b"HTTP/1.1 200")
            fresh.close()
        finally:
            for sock in slow:
                sock.close()


def test_slow_body_gets_408(folder: Path) -> None:
    from equipoise.web.app import WebConfig
    from equipoise.web.server import serve_in_thread

    app = create_app(folder, folder.parent / "runs", config=WebConfig(body_timeout=0.5))
    with serve_in_thread(app) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(
                b"POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/toml\r\nContent-Length: 100\r\n\r\nx = 1\n"
            )
            answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"nosniff" in answer


def test_sigterm_stops_the_server_promptly(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "EQUIPOISE_RUNS": str(tmp_path / "store")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "equipoise",
            "serve",
            "--port",
            str(port),
            "--scenario-dir",
            str(tmp_path / "s"),
            "--runs-dir",
            str(tmp_path / "r"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                idle = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        idle.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # an unfinished request
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        idle.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode is not None


# --------------------------------------------------------------------------------------------
# the OpenAPI schema says what the server accepts


def test_schema_lists_the_kinds_and_one_of_toml_or_scenario(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    kinds = client.get("/api/kinds").json()["kinds"]
    run_request = document["components"]["schemas"]["RunRequest"]
    assert sorted(run_request["properties"]["kind"]["enum"]) == sorted(k["name"] for k in kinds)
    body = document["paths"]["/api/scenarios/validate"]["post"]["requestBody"]["content"]
    shapes = body["application/json"]["schema"]["oneOf"]
    assert [s["required"] for s in shapes] == [["toml"], ["scenario"]]
    assert all(s["additionalProperties"] is False for s in shapes)


def test_server_refuses_what_the_schema_refuses(client: TestClient) -> None:
    url = "/api/scenarios/validate"
    text = template_text("x")
    assert client.post(url, json={}).status_code == 422
    assert client.post(url, json={"toml": text, "scenario": {}}).status_code == 422
    assert client.post(url, json={"toml": text, "scenario": None}).status_code == 200
    assert client.post(url, json={"toml": None, "scenario": {"a": 1}}).status_code == 200
    unknown = client.post("/api/runs", json={"scenario": "good", "kind": "nonsense"})
    assert unknown.status_code == 422
