"""The web review page: paste a text, see the highlighted spans, download the kept items."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from equipoise.scenario import loads_scenario
from equipoise.web.app import create_app

BASE = "http://127.0.0.1"
TEXT = (
    "Beijing imposed sanctions against Seoul in March 2017. "
    "If Japan and Russia sign a peace treaty, relations will improve, Russian experts believe."
)


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("EQUIPOISE_RUNS", str(tmp_path / "store"))
    app = create_app(tmp_path / "scenarios", tmp_path / "runs")
    with TestClient(app, base_url=BASE) as c:
        yield c


def test_review_form_and_highlighted_text(client: TestClient) -> None:
    assert client.get("/review").status_code == 200
    r = client.post("/review", data={"text": TEXT, "date": "2021-01-01"})
    assert r.status_code == 200
    assert '<span class="actor' in r.text
    assert 'name="keep" value="r-0"' in r.text
    assert "Russian experts" in r.text


def test_review_rejects_bad_input(client: TestClient) -> None:
    r = client.post("/review", data={"text": " ", "date": "2021-99-01"})
    assert r.status_code == 400
    assert "paste a text" in r.text and "date" in r.text


def test_review_draft_has_only_the_kept_items(client: TestClient) -> None:
    r = client.post(
        "/review/draft",
        data={"text": TEXT, "date": "2021-01-01", "keep": ["r-0", "c-0"]},
    )
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment")
    data = tomllib.loads(r.text)
    assert [rel["pair"] for rel in data["relations"]] == [["CHN", "KOR"]]
    assert len(data["claims"]) == 1
    assert "events" not in data
    merged = loads_scenario(r.text, file="draft.toml")  # extends the bundled scenario: valid
    assert any(c.draft for c in merged.claims)
