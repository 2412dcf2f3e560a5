"""The web app through FastAPI's TestClient: every API endpoint, the pages, the job queue.

Covers validation errors with paths and lines (the same as ``equipoise validate``), path
traversal attempts, the body size limit, the bounded job queue (429), saving that never
overwrites, the figure builders (their data equals the run's data), and the one run record:
every job is a run of the results store, and every run of the store (the command line's too)
is a run of the web.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from equipoise.errors import InputError, Problem
from equipoise.experiments.plans import EnsemblePlan, Plan, PlanResult, RunPlan, run_plan
from equipoise.outputs import run_dict
from equipoise.picture import picture
from equipoise.plotlyjs import CARTESIAN, trace_types
from equipoise.report import baseline_report_data, report_figures
from equipoise.scenario import DEFAULT_SCENARIO, bundled_names, load_scenario
from equipoise.scenario.schema import Scenario
from equipoise.store import RunStore
from equipoise.testing import template_text
from equipoise.web.app import WebConfig, create_app
from equipoise.web.figures import (
    heat_class,
    issues_figure,
    json_script,
    picture_figures,
    relation_matrix,
    relations_figure,
)
from equipoise.web.forms import apply_post, assign_problems, build_form, parse_number
from equipoise.web.jobs import JobQueue, JobStatus, Progress, QueueFull
from equipoise.web.kinds import JobKind, JobRegistry, default_registry

BASE = "http://127.0.0.1"
BAD_WEIGHT = "weight = 1.7"


# --------------------------------------------------------------------------------------------
# fixtures and helpers


def make_client(tmp_path: Path, **kw: Any) -> TestClient:
    app = create_app(tmp_path / "scenarios", tmp_path / "store", **kw)
    return TestClient(app, base_url=BASE)


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("EQUIPOISE_RUNS", str(tmp_path / "store"))
    with make_client(tmp_path) as c:
        (tmp_path / "scenarios" / "example.toml").write_text(
            template_text("example"), encoding="utf-8"
        )
        yield c


@pytest.fixture
def scenario_name(client: TestClient) -> str:
    """The default scenario if it is bundled yet, else the template saved as 'example'."""
    return DEFAULT_SCENARIO if DEFAULT_SCENARIO in bundled_names() else "example"


def bad_template(name: str = "bad") -> str:
    return template_text(name).replace("weight = 0.9", BAD_WEIGHT, 1)


def wait_for(client: TestClient, run_id: str, timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/api/runs/{run_id}").json()
        if run["status"] not in ("queued", "running"):
            return run
        time.sleep(0.02)
    raise AssertionError(f"run {run_id} did not finish in {timeout} s")


class Gate:
    """Holds the jobs of a ``gate`` kind once their run is in the store, until the test opens it."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.started = threading.Event()


def two_members(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
    return EnsemblePlan(scenario=scenario, scenario_ref=ref, n_members=2)


@dataclass(frozen=True)
class GateKind(JobKind):
    """An ensemble of two members that waits at its first stored batch (or fails there)."""

    gate: Gate | None = None
    fail: bool = False

    def run(
        self, scenario: Scenario, params: Mapping[str, Any], *, progress: Progress, **kw: Any
    ) -> PlanResult:
        def gated(fraction: float, message: str = "") -> None:
            progress(fraction, message)
            if "member-runs" not in message:
                return
            # a batch is stored: the run is in the store, recorded as running
            if self.fail:
                raise RuntimeError("the model broke")
            if self.gate is not None:
                self.gate.started.set()
                while not self.gate.open.wait(0.01):
                    progress(fraction, message)

        return super().run(scenario, params, progress=gated, **kw)


def gated_registry(gate: Gate) -> JobRegistry:
    registry = default_registry()
    registry.register(GateKind("gate", two_members, "waits for the test", gate=gate))
    return registry


# --------------------------------------------------------------------------------------------
# pages


def test_pages_render(client: TestClient, scenario_name: str) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert f'href="/scenarios/{scenario_name}"' in home.text
    assert 'href="/scenarios/example"' in home.text
    view = client.get(f"/scenarios/{scenario_name}")
    assert view.status_code == 200
    for marker in (
        'id="power-table"',
        'id="relations-table"',
        'id="fig-relations"',
        "/vendor/plotly",
    ):
        assert marker in view.text
    # the same figures as the report draws from the baseline run, each with its table
    keys = [f.key for f in report_figures(baseline_report_data(load_scenario(scenario_name))).all()]
    for key in keys:
        assert f'data-figure="fig-{key}"' in view.text and f'id="table-{key}"' in view.text
    assert {"power-shares", "network-start", "network-end", "polarity", "strategic-space"} <= set(
        keys
    )
    assert client.get(f"/scenarios/{scenario_name}/edit").status_code == 200
    toml = client.get("/scenarios/example/toml")
    assert toml.status_code == 200 and 'name = "example"' in toml.text
    assert client.get("/runs").status_code == 200
    assert client.get("/scenarios/absent").status_code == 404
    assert "text/html" in client.get("/scenarios/absent").headers["content-type"]


def test_static_assets_are_local(client: TestClient) -> None:
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200
    assert "htmx 2." in htmx.text[:200] and "0BSD" in htmx.text[:200]
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and "plotly.js (cartesian - minified)" in plotly.text[:200]
    assert client.get("/static/equipoise.css").status_code == 200
    page = client.get("/").text
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


# --------------------------------------------------------------------------------------------
# scenarios API


def test_list_scenarios(client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "scenarios" / "bad.toml").write_text(bad_template(), encoding="utf-8")
    (tmp_path / "scenarios" / "Not A Name.toml").write_text("x", encoding="utf-8")
    data = client.get("/api/scenarios").json()["scenarios"]
    by_name = {s["name"]: s for s in data}
    assert set(bundled_names()) <= set(by_name)
    assert all(by_name[n]["source"] == "bundled" for n in bundled_names())
    assert by_name["example"]["valid"] is True
    assert by_name["example"]["counts"]["actors"] == 3
    assert by_name["bad"] == {**by_name["bad"], "valid": False, "n_problems": 1, "counts": None}
    assert "Not A Name" not in by_name


def test_get_scenario_equals_cli_picture(client: TestClient, tmp_path: Path) -> None:
    data = client.get("/api/scenarios/example").json()
    assert data["valid"] is True and data["problems"] == []
    expected = picture(load_scenario(tmp_path / "scenarios" / "example.toml")).to_dict()
    assert data["picture"] == json.loads(json.dumps(expected))
    assert data["scenario"]["scenario"]["name"] == "example"
    assert len(data["sha256"]) == 64


def test_get_invalid_scenario_gives_located_problems(client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "scenarios" / "bad.toml"
    path.write_text(bad_template(), encoding="utf-8")
    data = client.get("/api/scenarios/bad").json()
    assert data["valid"] is False and data["scenario"] is None and data["picture"] is None
    [problem] = data["problems"]
    with pytest.raises(InputError) as cli:
        load_scenario(path)
    [expected] = cli.value.problems
    assert problem == {**expected.to_dict(), "file": "bad.toml"}
    assert problem["path"] == "relations[0].weight"
    assert problem["message"] == "must be between -1 and 1, got 1.7"
    assert (
        problem["line"]
        == template_text("bad").splitlines().index(BAD_WEIGHT.replace("1.7", "0.9")) + 1
    )


def test_changed_files_are_read_again(client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "scenarios" / "example.toml"
    assert client.get("/api/scenarios/example").json()["valid"] is True
    path.write_text(bad_template("example"), encoding="utf-8")
    assert client.get("/api/scenarios/example").json()["valid"] is False
    (tmp_path / "scenarios" / "child.toml").write_text(
        'extends = "example.toml"\n[scenario]\nname = "child"\n', encoding="utf-8"
    )
    assert client.get("/api/scenarios/child").json()["valid"] is False
    path.write_text(template_text("example") + "\n# fixed\n", encoding="utf-8")
    assert client.get("/api/scenarios/child").json()["valid"] is True  # the parent changed
    path.unlink()
    assert client.get("/api/scenarios/example").status_code == 404


def test_get_scenario_errors(client: TestClient) -> None:
    missing = client.get("/api/scenarios/absent")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no scenario called 'absent'", "problems": []}
    bad = client.get("/api/scenarios/Bad_Name")
    assert bad.status_code == 422 and bad.json()["problems"][0]["path"] == "path.name"


def test_validate_toml_body(client: TestClient) -> None:
    response = client.post(
        "/api/scenarios/validate?name=mine",
        content=bad_template("mine").encode(),
        headers={"content-type": "application/toml"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is False
    [problem] = data["problems"]
    assert problem["path"] == "relations[0].weight" and problem["file"] == "mine.toml"
    assert problem["line"] > 1
    good = client.post(
        "/api/scenarios/validate",
        content=template_text("ok").encode(),
        headers={"content-type": "text/plain; charset=utf-8"},
    ).json()
    assert good["ok"] is True and good["problems"] == [] and good["name"] == "ok"
    assert good["counts"]["relations"] == 2


def test_validate_json_bodies(client: TestClient) -> None:
    as_text = client.post("/api/scenarios/validate", json={"toml": bad_template()}).json()
    assert [p["path"] for p in as_text["problems"]] == ["relations[0].weight"]
    document = (
        load_scenario(DEFAULT_SCENARIO).to_dict() if DEFAULT_SCENARIO in bundled_names() else None
    )
    if document is None:
        import tomllib

        document = tomllib.loads(template_text("doc"))
    document["relations"][1]["weight"] = 1.7
    document["relations"][2 % len(document["relations"])]["kind"] = "rival"
    as_doc = client.post("/api/scenarios/validate", json={"scenario": document}).json()
    paths = [p["path"] for p in as_doc["problems"]]
    assert (
        "relations[1].weight" in paths
        and f"relations[{2 % len(document['relations'])}].kind" in paths
    )
    assert all(p["line"] and p["line"] > 1 for p in as_doc["problems"])
    nulls = client.post(
        "/api/scenarios/validate", json={"scenario": {"scenario": {"name": None}}}
    ).json()
    assert nulls["problems"][0]["path"] == "scenario.name"
    assert "null" in nulls["problems"][0]["message"]


def test_validate_rejects_bad_requests(client: TestClient) -> None:
    both = client.post("/api/scenarios/validate", json={"toml": "", "scenario": {}})
    assert both.status_code == 422 and "exactly one" in both.json()["problems"][0]["message"]
    assert client.post("/api/scenarios/validate", json={}).status_code == 422
    unknown = client.post("/api/scenarios/validate", json={"toml": "", "extra": 1})
    assert unknown.status_code == 422 and unknown.json()["problems"][0]["path"] == "body.extra"
    broken = client.post(
        "/api/scenarios/validate",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 400 and broken.json()["detail"].startswith(
        "the body is not valid JSON"
    )
    form = client.post("/api/scenarios/validate", data={"toml": "x"})
    assert form.status_code == 415
    latin1 = client.post(
        "/api/scenarios/validate",
        content='[scenario]\nname = "caf\u00e9"\n'.encode("latin-1"),
        headers={"content-type": "application/toml"},
    )
    assert latin1.status_code == 422
    [problem] = latin1.json()["problems"]
    assert (problem["line"], problem["column"]) == (2, 12) and "not UTF-8" in problem["message"]
    deep = client.post(
        "/api/scenarios/validate",
        content=b'{"scenario": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001,
        headers={"content-type": "application/json"},
    )
    assert deep.status_code == 400


def test_validate_broken_toml_is_located(client: TestClient) -> None:
    data = client.post("/api/scenarios/validate", json={"toml": "[scenario\nname = 1\n"}).json()
    [problem] = data["problems"]
    assert data["ok"] is False and problem["line"] == 1 and problem["column"] is not None


def test_save_never_overwrites(client: TestClient, tmp_path: Path) -> None:
    text = template_text("mine") + "\n# my own comment\n"
    created = client.post("/api/scenarios", json={"toml": text})
    assert created.status_code == 201
    assert created.headers["location"] == "/api/scenarios/mine"
    assert created.json()["name"] == "mine" and created.json()["source"] == "user"
    path = tmp_path / "scenarios" / "mine.toml"
    assert path.read_text(encoding="utf-8") == text  # saved as sent, comments kept
    again = client.post("/api/scenarios", json={"toml": template_text("mine")})
    assert again.status_code == 409 and "already exists" in again.json()["detail"]
    assert path.read_text(encoding="utf-8") == text
    replaced = client.post(
        "/api/scenarios", json={"toml": template_text("mine"), "overwrite": True}
    )
    assert replaced.status_code == 201
    assert path.read_text(encoding="utf-8") == template_text("mine")
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_save_refuses_invalid_bundled_and_mismatched(client: TestClient, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    invalid = client.post("/api/scenarios", json={"toml": bad_template("worse")})
    assert invalid.status_code == 422
    assert invalid.json()["problems"][0]["path"] == "relations[0].weight"
    assert not (folder / "worse.toml").exists()
    for bundled in bundled_names():
        response = client.post(
            "/api/scenarios", json={"toml": template_text(bundled), "name": bundled}
        )
        assert response.status_code == 409 and "bundled" in response.json()["detail"]
        assert not (folder / f"{bundled}.toml").exists()
    mismatch = client.post("/api/scenarios", json={"toml": template_text("one"), "name": "two"})
    assert mismatch.status_code == 422
    assert mismatch.json()["problems"][0]["path"] == "scenario.name"
    as_toml = client.post(
        "/api/scenarios?name=three",
        content=template_text("three").encode(),
        headers={"content-type": "application/toml"},
    )
    assert as_toml.status_code == 201 and (folder / "three.toml").is_file()


def test_save_document_round_trips(client: TestClient, tmp_path: Path) -> None:
    import tomllib

    document = tomllib.loads(template_text("from-json"))
    document["relations"][0]["weight"] = 0.5
    response = client.post("/api/scenarios", json={"scenario": document})
    assert response.status_code == 201
    saved = load_scenario(tmp_path / "scenarios" / "from-json.toml")
    assert saved.relations[0].weight == 0.5
    assert client.get("/api/scenarios/from-json").json()["valid"] is True


# --------------------------------------------------------------------------------------------
# path confinement


@pytest.mark.parametrize(
    "url",
    [
        "/api/scenarios/..",
        "/api/scenarios/..%2F..%2Fetc%2Fpasswd",
        "/api/scenarios/%2Fetc%2Fpasswd",
        "/api/scenarios/a..b",
        "/api/scenarios/.hidden",
        "/api/scenarios/x%00y",
        "/api/runs/..%2F..%2Fetc",
        "/api/runs/20260101T000000-0000000g",
        "/api/runs/20260101T000000-00000000/result",
        "/scenarios/..%2Fsecret/edit",
        "/runs/..%2Fsecret",
    ],
)
def test_traversal_attempts_are_4xx(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)


def test_symlinks_and_extends_stay_inside_the_folder(client: TestClient, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    secret = tmp_path / "secret.toml"
    secret.write_text(template_text("secret"), encoding="utf-8")
    os.symlink(secret, folder / "leak.toml")
    names = [s["name"] for s in client.get("/api/scenarios").json()["scenarios"]]
    assert "leak" not in names
    assert client.get("/api/scenarios/leak").status_code == 404
    assert client.get("/scenarios/leak").status_code == 404
    # an extends that climbs out of the folder is refused, located at 'extends'
    (folder / "climb.toml").write_text('extends = "../secret.toml"\n', encoding="utf-8")
    data = client.get("/api/scenarios/climb").json()
    assert data["valid"] is False
    [problem] = data["problems"]
    assert problem["path"] == "extends" and problem["line"] == 1 and "outside" in problem["message"]
    for ref in ("../secret.toml", str(secret), "~/secret.toml"):
        checked = client.post("/api/scenarios/validate", json={"toml": f'extends = "{ref}"\n'})
        [problem] = checked.json()["problems"]
        assert problem["path"] == "extends" and "scenario folder" in problem["message"], ref
    # saving never follows a symlink
    response = client.post(
        "/api/scenarios", json={"toml": template_text("leak"), "overwrite": True}
    )
    assert response.status_code == 409
    assert secret.read_text(encoding="utf-8") == template_text("secret")
    # an extends inside the folder works
    (folder / "child.toml").write_text(
        'extends = "example.toml"\n[scenario]\nname = "child"\n', encoding="utf-8"
    )
    assert client.get("/api/scenarios/child").json()["valid"] is True


@pytest.mark.parametrize("name", ["../x", "/abs", "a/b", "a..b", "", "UPPER", "x" * 65])
def test_save_rejects_bad_names(client: TestClient, tmp_path: Path, name: str) -> None:
    response = client.post("/api/scenarios", json={"toml": template_text("x"), "name": name})
    assert response.status_code == 422
    assert [p.name for p in (tmp_path / "scenarios").glob("*.toml")] == ["example.toml"]


# --------------------------------------------------------------------------------------------
# request limits and origins


def test_body_size_limit(client: TestClient) -> None:
    big = b"#" * (2**20 + 1)
    response = client.post(
        "/api/scenarios/validate", content=big, headers={"content-type": "application/toml"}
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "request body larger than 1 MiB", "problems": []}

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"#" * 65536

    chunked = client.post(
        "/api/scenarios/validate", content=chunks(), headers={"content-type": "application/toml"}
    )
    assert chunked.status_code == 413
    page = client.post("/scenarios/example/edit", content=big)
    assert page.status_code == 413 and "text/plain" in page.headers["content-type"]
    just_under = b"#" * (2**20 - 1)
    fine = client.post(
        "/api/scenarios/validate", content=just_under, headers={"content-type": "application/toml"}
    )
    assert fine.status_code == 200


def test_cross_origin_writes_and_foreign_hosts_refused(client: TestClient) -> None:
    evil = client.post(
        "/api/runs", json={"scenario": "example"}, headers={"origin": "http://evil.example"}
    )
    assert evil.status_code == 403
    same = client.post("/api/scenarios/validate", json={"toml": ""}, headers={"origin": BASE})
    assert same.status_code == 200
    rebinding = client.get("/api/scenarios", headers={"host": "evil.example"})
    assert rebinding.status_code == 400


# --------------------------------------------------------------------------------------------
# runs API


def test_run_lifecycle(client: TestClient, scenario_name: str, tmp_path: Path) -> None:
    kinds = client.get("/api/kinds").json()["kinds"]
    assert [k["name"] for k in kinds] == ["claims", "compare", "ensemble", "run"]
    launched = client.post("/api/runs", json={"scenario": scenario_name, "kind": "run"})
    assert launched.status_code == 202
    run_id = launched.json()["id"]
    assert launched.headers["location"] == f"/api/runs/{run_id}"
    run = wait_for(client, run_id)
    assert run["status"] == "complete" and run["progress"] == 1.0 and run["stored"]
    assert run["result_url"] == f"/api/runs/{run_id}/result"
    # the job's id is the store's run id
    stored = RunStore(tmp_path / "store").get_run(run_id)
    assert stored["kind"] == "run" and stored["status"] == "complete"
    result = client.get(f"/api/runs/{run_id}/result").json()
    # the run as `equipoise run --json` prints it, its picture and the report's figures
    scenario = client.app.state.catalog.load(scenario_name).scenario
    data = baseline_report_data(scenario)
    assert set(result["result"]) == {"picture", "run", "figures", "notes"}
    assert result["result"]["notes"] == []
    assert result["result"]["picture"] == json.loads(json.dumps(picture(scenario).to_dict()))
    assert result["result"]["run"] == json.loads(json.dumps(run_dict(data.baseline, data.picture)))
    expected_figures = [f.to_dict() for f in report_figures(data).all()]
    assert result["result"]["figures"] == json.loads(json.dumps(expected_figures))
    assert result["kind"] == "run" and result["scenario"] == scenario_name
    listed = client.get("/api/runs").json()["runs"]
    assert [r["id"] for r in listed] == [run_id]
    assert client.get("/api/runs?status=failed").json()["runs"] == []
    assert client.get("/api/runs?limit=0").status_code == 422


def test_run_errors(client: TestClient, tmp_path: Path) -> None:
    assert client.post("/api/runs", json={"scenario": "absent"}).status_code == 404
    unknown = client.post("/api/runs", json={"scenario": "example", "kind": "nope"})
    # the kinds are an enum of the request (and of its schema): refused before any lookup
    assert unknown.status_code == 422 and unknown.json()["problems"][0]["path"] == "body.kind"
    assert "'run'" in unknown.json()["problems"][0]["message"]
    params = client.post("/api/runs", json={"scenario": "example", "params": {"x": 1}})
    assert params.status_code == 422 and params.json()["problems"][0]["path"] == "params.x"
    (tmp_path / "scenarios" / "bad.toml").write_text(bad_template(), encoding="utf-8")
    invalid = client.post("/api/runs", json={"scenario": "bad"})
    assert invalid.status_code == 422
    assert invalid.json()["problems"][0]["path"] == "relations[0].weight"
    for absent in ("20260101-000000-0000", "20260101-000000-0123456789abcdef"):
        assert client.get(f"/api/runs/{absent}").status_code == 404
        assert client.get(f"/api/runs/{absent}/result").status_code == 404
        assert client.post(f"/api/runs/{absent}/cancel").status_code == 404
        assert client.get(f"/runs/{absent}").status_code == 404
    # the old web id format is not a run id any more
    assert client.get("/api/runs/20260101T000000-00000000").status_code == 422


def test_queue_full_is_429_and_results_wait(tmp_path: Path) -> None:
    gate = Gate()
    config = WebConfig(workers=1, capacity=2)
    with make_client(tmp_path, config=config, registry=gated_registry(gate)) as c:
        (tmp_path / "scenarios" / "example.toml").write_text(template_text("example"), "utf-8")
        first = c.post("/api/runs", json={"scenario": "example", "kind": "gate"}).json()
        second = c.post("/api/runs", json={"scenario": "example", "kind": "gate"}).json()
        assert gate.started.wait(20)
        full = c.post("/api/runs", json={"scenario": "example", "kind": "gate"})
        assert full.status_code == 429
        assert full.headers["retry-after"] == "2"
        assert "queue is full" in full.json()["detail"]
        assert c.get(f"/api/runs/{first['id']}").json()["status"] == "running"
        assert c.get(f"/api/runs/{second['id']}").json()["status"] == "queued"
        # the running job's run is in the store already; the queued one's is not
        assert first["id"] in set(RunStore(tmp_path / "store").list_runs()["run_id"])
        assert not c.get(f"/api/runs/{second['id']}").json()["stored"]
        not_ready = c.get(f"/api/runs/{first['id']}/result")
        assert not_ready.status_code == 409 and "running" in not_ready.json()["detail"]
        page = c.post("/runs", data={"scenario": "example", "kind": "gate"})
        assert page.status_code == 429 and "queue is full" in page.text
        gate.open.set()
        for run in (first, second):
            assert wait_for(c, run["id"], timeout=60)["status"] == "complete"
        assert c.get(f"/api/runs/{second['id']}/result").json()["result"]["members"] == 2
        assert c.post("/api/runs", json={"scenario": "example", "kind": "gate"}).status_code == 202


def test_cancel_queued_and_running(tmp_path: Path) -> None:
    gate = Gate()
    config = WebConfig(workers=1, capacity=4)
    with make_client(tmp_path, config=config, registry=gated_registry(gate)) as c:
        (tmp_path / "scenarios" / "example.toml").write_text(template_text("example"), "utf-8")
        running = c.post("/api/runs", json={"scenario": "example", "kind": "gate"}).json()
        queued = c.post("/api/runs", json={"scenario": "example", "kind": "gate"}).json()
        assert gate.started.wait(20)
        cancelled = c.post(f"/api/runs/{queued['id']}/cancel").json()
        assert cancelled["status"] == "cancelled" and not cancelled["stored"]
        assert c.get(f"/api/runs/{running['id']}").json()["cancellable"] is True
        asked = c.post(f"/api/runs/{running['id']}/cancel").json()
        assert asked["cancel_requested"] is True
        # a cancelled run is left incomplete in the store, its stored batches kept: resumable
        stopped = wait_for(c, running["id"])
        assert stopped["status"] == "incomplete" and stopped["message"] == "cancelled"
        info = RunStore(tmp_path / "store").get_run(running["id"])
        # it stops at the next step of the time loop: within its second batch at the latest
        assert info["status"] == "incomplete" and info["n_batches_done"] <= 1
        page = c.get(f"/runs/{running['id']}").text
        assert f"equipoise ensemble --resume {running['id']}" in page
        result = c.get(f"/api/runs/{running['id']}/result")
        assert result.status_code == 409
        again = c.post(f"/api/runs/{running['id']}/cancel")
        assert again.status_code == 200 and again.json()["status"] == "incomplete"
    assert queued["id"] not in set(RunStore(tmp_path / "store").list_runs()["run_id"])


def test_failing_jobs_never_kill_a_worker(tmp_path: Path) -> None:
    def boom(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
        raise RuntimeError("the plan broke")

    def bad_input(scenario: Scenario, params: Mapping[str, Any], ref: str | None) -> Plan:
        raise InputError(Problem("must be positive", path="params.n"))

    registry = default_registry()
    for name, fn in (("boom", boom), ("bad-input", bad_input)):
        registry.register_job_kind(name, fn)
    registry.register(GateKind("late", two_members, fail=True))
    with make_client(tmp_path, config=WebConfig(workers=1), registry=registry) as c:
        (tmp_path / "scenarios" / "example.toml").write_text(template_text("example"), "utf-8")
        runs = {
            kind: c.post("/api/runs", json={"scenario": "example", "kind": kind}).json()["id"]
            for kind in ("boom", "bad-input", "late", "run")
        }
        done = {kind: wait_for(c, run_id, timeout=60) for kind, run_id in runs.items()}
        # failures before the run was created: only the web knows of them
        assert done["boom"]["status"] == "failed" and not done["boom"]["stored"]
        assert done["boom"]["error"] == "RuntimeError: the plan broke"
        assert done["bad-input"]["problems"][0]["path"] == "params.n"
        # a failure after: the store records the run as failed
        assert done["late"]["status"] == "failed" and done["late"]["stored"]
        assert RunStore(tmp_path / "store").get_run(runs["late"])["status"] == "failed"
        assert done["run"]["status"] == "complete"
        page = c.get(f"/runs/{runs['boom']}")
        assert "RuntimeError: the plan broke" in page.text


def test_restarting_the_app_keeps_the_runs(tmp_path: Path) -> None:
    """Nothing is kept but the store: a new app on it shows the same runs and results."""
    gate = Gate()
    with make_client(tmp_path) as c:
        (tmp_path / "scenarios" / "example.toml").write_text(template_text("example"), "utf-8")
        run_id = c.post("/api/runs", json={"scenario": "example"}).json()["id"]
        wait_for(c, run_id, timeout=60)
        before = c.get(f"/api/runs/{run_id}/result").json()
    # a server stopped while a job runs: its run is left incomplete, not lost
    with make_client(tmp_path, registry=gated_registry(gate)) as c:
        held = c.post("/api/runs", json={"scenario": "example", "kind": "gate"}).json()["id"]
        assert gate.started.wait(20)
        threading.Timer(0.2, gate.open.set).start()  # the queue cancels it first
    with make_client(tmp_path) as c:
        runs = {r["id"]: r for r in c.get("/api/runs").json()["runs"]}
        assert runs[run_id]["status"] == "complete" and runs[run_id]["scenario"] == "example"
        assert runs[held]["status"] == "incomplete" and runs[held]["kind"] == "ensemble"
        after = c.get(f"/api/runs/{run_id}/result")
        assert after.status_code == 200 and after.json() == before
        assert c.get(f"/runs/{run_id}/result").status_code == 200
    assert not list(tmp_path.rglob("job.json")) and not list(tmp_path.rglob("result.json"))


def test_runs_of_the_command_line_and_the_api_show_on_the_web(
    client: TestClient, tmp_path: Path
) -> None:
    """One run record: the store's runs, whoever made them, are the web's, and back."""
    from equipoise.cli import app

    store = RunStore(tmp_path / "store")
    path = tmp_path / "scenarios" / "example.toml"
    scenario = load_scenario(path)
    by_api = run_plan(
        EnsemblePlan(scenario=scenario, scenario_ref=str(path), n_members=4), store=store
    ).run.run_id
    by_cli = CliRunner().invoke(
        app, ["claims", str(path), "-n", "4", "--store", str(tmp_path / "store"), "--json", "-q"]
    )
    assert by_cli.exit_code == 0, by_cli.output
    claims_id = json.loads(by_cli.output)["run_id"]
    elsewhere = run_plan(
        RunPlan(scenario=load_scenario(_write(tmp_path / "x.toml", template_text("x")))),
        store=store,
    ).run.run_id

    listed = {r["id"]: r for r in client.get("/api/runs").json()["runs"]}
    assert set(listed) == {by_api, claims_id, elsewhere}
    assert listed[by_api]["kind"] == "ensemble" and listed[by_api]["scenario"] == "example"
    assert listed[claims_id]["status"] == "complete" and listed[claims_id]["members"] == 4
    assert not any(r["cancellable"] for r in listed.values())  # none is this server's
    page = client.get("/runs").text
    assert by_api in page and claims_id in page and "No runs yet" not in page
    assert by_api in client.get("/").text

    bands = client.get(f"/api/runs/{by_api}/result").json()["result"]
    assert {f["key"] for f in bands["figures"]} >= {"polarity"}
    assert client.get(f"/runs/{by_api}/result").status_code == 200
    claims = client.get(f"/api/runs/{claims_id}/result").json()["result"]
    assert [c["id"] for c in claims["claims"]] == [c.id for c in scenario.claims]
    page = client.get(f"/runs/{claims_id}/result")
    assert page.status_code == 200 and 'id="claims-table"' in page.text
    # a scenario the app does not know: the run shows, with a note instead of figures
    other = client.get(f"/api/runs/{elsewhere}/result").json()["result"]
    assert other["figures"] == [] and "not one the web app can open" in other["notes"][0]
    assert client.get(f"/runs/{elsewhere}/result").status_code == 200
    assert client.get(f"/runs/{elsewhere}").status_code == 200

    # and the web's own run is one of the store's, listed by the command line
    web_id = client.post("/api/runs", json={"scenario": "example"}).json()["id"]
    assert wait_for(client, web_id, timeout=60)["status"] == "complete"
    assert web_id in set(store.list_runs()["run_id"])
    assert store.get_run(web_id)["parameters"]["scenario_ref"] == str(path.resolve())
    listing = CliRunner().invoke(app, ["runs", "list", "--store", str(tmp_path / "store")])
    assert listing.exit_code == 0 and web_id in listing.output


def test_job_queue_directly(tmp_path: Path) -> None:
    gate = threading.Event()

    def work(run_id: str, progress: Progress) -> None:
        while not gate.wait(0.01):
            progress(0.5, "waiting")

    with JobQueue(RunStore(tmp_path / "store"), workers=1, capacity=1) as q:
        job = q.submit(work, kind="gate", scenario_name="x")
        with pytest.raises(QueueFull):
            q.submit(work, kind="gate", scenario_name="x")
        gate.set()
        deadline = time.monotonic() + 5
        while not q.get(job.id).status.finished and time.monotonic() < deadline:
            time.sleep(0.01)
        assert q.get(job.id).status is JobStatus.complete and not q.get(job.id).stored
    with pytest.raises(ValueError, match="already registered"):
        default_registry().register_job_kind("run", two_members)
    with pytest.raises(ValueError, match="lowercase"):
        JobRegistry().register_job_kind("Bad Name", two_members)


def test_closing_the_queue_stops_running_jobs(tmp_path: Path) -> None:
    started = threading.Event()

    def work(run_id: str, progress: Progress) -> None:
        started.set()
        while True:
            progress(0.5, "waiting")
            time.sleep(0.01)

    q = JobQueue(RunStore(tmp_path / "store"), workers=1, capacity=3)
    running = q.submit(work, kind="gate", scenario_name="x")
    waiting = q.submit(work, kind="gate", scenario_name="x")
    assert started.wait(5)
    q.close()
    # stopped while running; it never created its store run, so there is nothing to resume
    assert q.get(running.id).status is JobStatus.cancelled
    assert q.get(running.id).message == "the server stopped the job"
    assert q.get(waiting.id).status is JobStatus.cancelled
    with pytest.raises(QueueFull):
        q.submit(work, kind="gate", scenario_name="x")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# the edit form (pages)


def _form_of(client: TestClient, name: str) -> dict[str, str]:
    """The values the edit page shows, as a browser would post them."""
    loaded = client.app.state.catalog.load(name)
    form = build_form(loaded.document)
    return {f.name: f.value for f in form.fields.values()}


def test_edit_shows_errors_beside_fields_and_saves_a_new_file(
    client: TestClient, tmp_path: Path
) -> None:
    values = _form_of(client, "example")
    values["relations[0].weight"] = "1.7"
    values["issues[0].positions[1].salience"] = "lots"
    checked = client.post("/scenarios/example/edit", data={**values, "action": "check"})
    assert checked.status_code == 200
    page = checked.text
    beside = page.split('id="err-relations-0-weight">', 1)[1].split("</span>", 1)[0]
    assert "must be between -1 and 1, got 1.7" in beside and "example-edited.toml:" in beside
    beside = page.split('id="err-issues-0-positions-1-salience">', 1)[1].split("</span>", 1)[0]
    assert "must be a number, got &#39;lots&#39;" in beside
    assert "example-edited.toml:" in page and "relations[0].weight: must be between" in page

    # saving with problems writes nothing
    refused = client.post(
        "/scenarios/example/edit", data={**values, "action": "save", "save_name": "fixed"}
    )
    assert refused.status_code == 200 and "Not saved" in refused.text
    assert not (tmp_path / "scenarios" / "fixed.toml").exists()

    # fixed: saved as a new file, the original untouched, redirected to its page
    values["relations[0].weight"] = "0.8"
    values["issues[0].positions[1].salience"] = "0.5"
    values["scenario.title"] = "Edited in a form"
    saved = client.post(
        "/scenarios/example/edit",
        data={**values, "action": "save", "save_name": "fixed"},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/scenarios/fixed"
    result = load_scenario(tmp_path / "scenarios" / "fixed.toml")
    assert result.scenario.name == "fixed" and result.scenario.title == "Edited in a form"
    assert result.relations[0].weight == 0.8 and result.issues[0].positions[1].salience == 0.5
    assert load_scenario(tmp_path / "scenarios" / "example.toml").relations[0].weight == 0.9

    # the same name again: refused beside the name field, file unchanged
    before = (tmp_path / "scenarios" / "fixed.toml").read_text(encoding="utf-8")
    values["relations[0].weight"] = "0.7"
    again = client.post(
        "/scenarios/example/edit", data={**values, "action": "save", "save_name": "fixed"}
    )
    assert again.status_code == 200
    beside = again.text.split('id="err-save-name">', 1)[1].split("</span>", 1)[0]
    assert "already exists" in beside
    assert (tmp_path / "scenarios" / "fixed.toml").read_text(encoding="utf-8") == before
    overwritten = client.post(
        "/scenarios/example/edit",
        data={**values, "action": "save", "save_name": "fixed", "overwrite": "on"},
        headers={"hx-request": "true"},
    )
    assert overwritten.headers["hx-redirect"] == "/scenarios/fixed"
    assert load_scenario(tmp_path / "scenarios" / "fixed.toml").relations[0].weight == 0.7


def test_checks_on_change_send_only_the_problems(client: TestClient) -> None:
    values = _form_of(client, "example")
    htmx = {"hx-request": "true"}
    bad = client.post(
        "/scenarios/example/edit",
        data={**values, "relations[0].weight": "1.7", "check_only": "1"},
        headers=htmx,
    ).text
    assert 'id="err-relations-0-weight" hx-swap-oob="true">must be between -1 and 1' in bad
    assert 'id="edit-summary"' in bad and "<form" not in bad and 'name="relations' not in bad
    assert 'name="shown_errors" value="err-relations-0-weight"' in bad
    assert bad.count("hx-swap-oob") == 3  # the summary, the field, the list of what shows
    # fixed: the element that showed the problem is cleared, and only it
    fixed = client.post(
        "/scenarios/example/edit",
        data={**values, "check_only": "1", "shown_errors": "err-relations-0-weight err-bogus"},
        headers=htmx,
    ).text
    assert 'id="err-relations-0-weight" hx-swap-oob="true"></span>' in fixed
    assert "err-bogus" not in fixed and "No problems found" in fixed


def test_edit_refuses_bad_save_names_and_unknown_fields(client: TestClient, tmp_path: Path) -> None:
    values = _form_of(client, "example")
    for name, message in (("../up", "lowercase"), ("Bad", "lowercase"), ("", "give a name")):
        page = client.post(
            "/scenarios/example/edit", data={**values, "action": "save", "save_name": name}
        ).text
        beside = page.split('id="err-save-name">', 1)[1].split("</span>", 1)[0]
        assert message in beside, name
    if bundled_names():
        page = client.post(
            "/scenarios/example/edit",
            data={**values, "action": "save", "save_name": bundled_names()[0]},
        ).text
        assert "bundled" in page.split('id="err-save-name">', 1)[1].split("</span>", 1)[0]
    # inputs the form does not offer are ignored (the name comes from save_name only)
    client.post(
        "/scenarios/example/edit",
        data={
            **values,
            "scenario.name": "hacked",
            "format": "9",
            "action": "save",
            "save_name": "ok-name",
        },
    )
    saved = load_scenario(tmp_path / "scenarios" / "ok-name.toml")
    assert saved.scenario.name == "ok-name" and saved.format == 1
    assert sorted(p.name for p in (tmp_path / "scenarios").glob("*.toml")) == [
        "example.toml",
        "ok-name.toml",
    ]


def test_edit_form_maps_problems_to_fields_rows_and_top() -> None:
    import tomllib

    document = tomllib.loads(template_text("x"))
    form = build_form(document)
    assert "relations[0].weight" in form.fields and "issues[0].positions[2].clout" in form.fields
    assert "indicators[0].values.USA" in {f.name for f in form.other["indicators"]}
    assert "parameters.balance_rate" in form.fields
    edited = apply_post(
        document,
        form,
        {"relations[0].weight": " 0.25 ", "issues[0].positions[2].clout": "", "scenario.seed": "7"},
    )
    assert edited["relations"][0]["weight"] == 0.25 and edited["scenario"]["seed"] == 7
    assert "clout" not in edited["issues"][0]["positions"][2]
    assert document["issues"][0]["positions"][2]["clout"] == 0.05  # the input is not changed
    problems = [
        Problem("range", path="relations[0].weight"),
        Problem("sign", path="relations[1]"),
        Problem("actor", path="relations[1].pair[0]"),
        Problem("ref", path="claims[0].actors[0]"),
        Problem("file"),
    ]
    assigned = assign_problems(problems, form)
    assert [p.message for p in assigned.fields["relations[0].weight"]] == ["range"]
    assert [p.message for p in assigned.rows["relations[1]"]] == ["sign", "actor"]
    assert [p.message for p in assigned.general] == ["ref", "file"]
    assert assigned.count == 5 and assigned.sections() == {"relations"}
    assert parse_number("12") == 12 and parse_number("1e-3") == 0.001
    assert parse_number("__import__('os')") == "__import__('os')"


def test_new_scenario_from_template_page(client: TestClient, tmp_path: Path) -> None:
    made = client.post("/scenarios", data={"name": "fresh"}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/scenarios/fresh/edit"
    assert load_scenario(tmp_path / "scenarios" / "fresh.toml").scenario.name == "fresh"
    assert client.post("/scenarios", data={"name": "fresh"}).status_code == 409
    assert client.post("/scenarios", data={"name": "../x"}).status_code == 422


def test_pages_launch_watch_and_open_a_run(client: TestClient, scenario_name: str) -> None:
    launched = client.post(
        "/runs", data={"scenario": scenario_name, "kind": "run"}, follow_redirects=False
    )
    assert launched.status_code == 303
    run_url = launched.headers["location"]
    run_id = run_url.rsplit("/", 1)[1]
    wait_for(client, run_id)
    status = client.get(f"{run_url}/status").text
    assert 'data-status="complete"' in status and "hx-trigger" not in status
    assert f'href="/runs/{run_id}/result"' in status
    result = client.get(f"{run_url}/result")
    assert result.status_code == 200 and 'id="power-table"' in result.text
    assert run_id in client.get("/runs").text
    assert run_id in client.get("/runs/table").text
    assert client.post("/runs", data={"scenario": "../x"}).status_code == 422


# --------------------------------------------------------------------------------------------
# figures: the data in each figure is the run's data


def test_figures_hold_the_pictures_numbers(client: TestClient, scenario_name: str) -> None:
    run_id = client.post("/api/runs", json={"scenario": scenario_name}).json()["id"]
    wait_for(client, run_id)
    result = client.get(f"/api/runs/{run_id}/result").json()["result"]
    pic = result["picture"]
    figures = {f["key"]: f for f in result["figures"]}
    power = figures["power-shares"]["figure"]["data"][0]
    shares = {a["code"]: a["power"] for a in pic["actors"]}
    assert dict(zip(power["x"], power["y"], strict=True)) == pytest.approx(shares, rel=1e-5)
    assert power["x"][0] == min(pic["actors"], key=lambda a: a["rank"])["code"]
    # the networks are the run's first and last years; the polarity line is the run's
    run = result["run"]
    assert figures["network-start"]["title"].startswith(f"Relations in {run['years'][0]:g}")
    assert figures["network-end"]["title"].startswith(f"Relations in {run['years'][-1]:g}")
    polarity = figures["polarity"]["figure"]["data"]
    drawn = [t for t in polarity if t.get("name") == "polarity"]
    assert len(drawn) == 1
    assert drawn[0]["y"] == pytest.approx([st["polarity"] for st in run["steps"]], rel=1e-5)
    heat = relations_figure(pic)["data"][0]
    codes = heat["x"]
    for rel in pic["relations"]:
        a, b = rel["pair"]
        assert heat["z"][codes.index(a)][codes.index(b)] == rel["weight"]
        if not rel["directed"]:
            assert heat["z"][codes.index(b)][codes.index(a)] == rel["weight"]
    assert all(heat["z"][i][i] is None for i in range(len(codes)))
    _, matrix, declared = relation_matrix(pic)
    assert sum(map(sum, declared)) == sum(1 if r["directed"] else 2 for r in pic["relations"])
    assert matrix == heat["z"]
    issues = issues_figure(pic)["data"]
    for trace, issue in zip(issues, pic["issues"], strict=True):
        assert dict(zip(trace["text"], trace["x"], strict=True)) == {
            a: p["position"] for a, p in issue["positions"].items()
        }
        assert trace["customdata"] == [p["salience"] for p in issue["positions"].values()]
    assert set(picture_figures(pic)) == {"relations"} | ({"issues"} if pic["issues"] else set())
    # the pages load the cartesian partial bundle: every trace must be one of its types
    assert trace_types(picture_figures(pic).values()) <= CARTESIAN.traces
    assert trace_types(f["figure"] for f in result["figures"]) <= CARTESIAN.traces
    assert heat_class(0.9) == "hp4" and heat_class(-0.3) == "hn1" and heat_class(0) == "h0"


def test_json_script_cannot_be_closed_by_scenario_text() -> None:
    html = str(json_script({"name": "</script><script>alert(1)</script>&"}, "x"))
    assert html.count("</script>") == 1 and "\\u003c/script\\u003e" in html
    assert json.loads(html.split(">", 1)[1].rsplit("<", 1)[0]) == {
        "name": "</script><script>alert(1)</script>&"
    }


# --------------------------------------------------------------------------------------------
# the schema and the command


def test_openapi_schema_has_typed_models(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    components = set(schema["components"]["schemas"])
    assert {
        "ScenarioOut",
        "PictureOut",
        "RunOut",
        "RunResult",
        "ErrorOut",
        "ValidationOut",
    } <= components
    paths = schema["paths"]
    for path in (
        "/api/scenarios",
        "/api/scenarios/{name}",
        "/api/scenarios/validate",
        "/api/runs",
        "/api/runs/{run_id}",
        "/api/runs/{run_id}/result",
    ):
        assert path in paths, path
    assert not [p for p in paths if not p.startswith("/api")]
    body = paths["/api/scenarios/validate"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "application/toml"}
    ok = paths["/api/scenarios/{name}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"]["$ref"].endswith("/ScenarioOut")


def test_serve_command_binds_localhost_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from equipoise.cli import app
    from equipoise.web.server import MAX_CONNECTIONS, TimedH11Protocol

    calls: list[dict[str, Any]] = []
    monkeypatch.delenv("EQUIPOISE_RUNS", raising=False)

    def run(self: uvicorn.Server) -> None:
        config = self.config
        calls.append(
            {"host": config.host, "port": config.port, "config": config, "app": config.app}
        )

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123
    # served with the limits on slow and numerous connections
    assert calls[0]["config"].http is TimedH11Protocol
    assert calls[0]["config"].limit_concurrency == MAX_CONNECTIONS
    assert (tmp_path / "scenarios").is_dir()
    # the results store of every command
    assert calls[0]["app"].state.runs.store.root == Path("equipoise-runs")
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "mine")])
    assert result.exit_code == 0 and calls[1]["app"].state.runs.store.root == tmp_path / "mine"
    result = CliRunner().invoke(app, ["serve", "--runs-dir", str(tmp_path / "old")])
    assert result.exit_code == 0 and "deprecated" in result.output
    assert calls[2]["app"].state.runs.store.root == tmp_path / "old"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for option in ("--scenario-dir", "--store"):
        result = CliRunner().invoke(app, ["serve", option, str(tmp_path / "file")])
        assert result.exit_code != 0
    assert len(calls) == 3


def test_experiment_jobs_record_their_runs_in_the_store(client: TestClient, tmp_path: Path) -> None:
    """Claims, ensemble and compare jobs give the CLI's results and are kept in the store."""
    from equipoise.store import RunStore

    launched = client.post(
        "/api/runs", json={"scenario": "example", "kind": "claims", "params": {"members": 8}}
    )
    assert launched.status_code == 202, launched.text
    run = wait_for(client, launched.json()["id"], timeout=120)
    assert run["status"] == "complete", run
    result = client.get(f"/api/runs/{run['id']}/result").json()["result"]
    [row] = result["claims"]
    assert {"id", "quote", "verdict", "probability", "interval", "drivers"} <= set(row)
    # issue 12: the ablation's fields on every claim, and the count of findings and built in
    assert {"model_verdict", "p_without_dynamics", "emergent", "carried_by", "robustness"} <= set(
        row
    )
    assert row["p_without_dynamics"] is not None and row["robustness"] is None
    assert set(result["counts"]) == {"findings", "built_in", "undecided"}
    [figure] = result["figures"]  # the report's claims figure, drawn from the rows
    assert figure["key"] == "claims-probabilities"
    drawn = {
        y: x
        for t in figure["figure"]["data"]
        if "error_x" in t
        for y, x in zip(t["y"], t["x"], strict=True)
    }
    assert drawn == {row["id"]: pytest.approx(row["probability"], abs=1e-4)}
    page = client.get(f"/runs/{run['id']}/result").text
    assert 'id="claims-table"' in page and 'data-figure="fig-claims-probabilities"' in page
    stored = RunStore(tmp_path / "store").get_run(result["run_id"])
    assert stored["status"] == "complete"
    assert stored["kind"] == "claims"

    launched = client.post(
        "/api/runs",
        json={
            "scenario": "example",
            "kind": "compare",
            "params": {"members": 6, "intervention": "example-what-if"},
        },
    )
    run = wait_for(client, launched.json()["id"], timeout=120)
    assert run["status"] == "complete", run
    diffs = client.get(f"/api/runs/{run['id']}/result").json()["result"]["differences"]
    rel = next(d for d in diffs if d["metric"] == "relation" and d["entity"] == "USA,CHN")
    assert rel["difference"] > 0  # the what-if adds 0.3 to US-China
    # the report's differences figure of the comparison, on the result page with its table
    [figure] = client.get(f"/api/runs/{run['id']}/result").json()["result"]["figures"]
    polarity = next(d for d in diffs if d["metric"] == "polarity")
    assert figure["key"] == "intervention-1" and "example-what-if" in figure["title"]
    columns = figure["table"]["columns"]
    [row] = [r for r in figure["table"]["rows"] if r[0] == "polarity"]
    assert row[columns.index("difference")] == pytest.approx(polarity["difference"], abs=1e-6)
    page = client.get(f"/runs/{run['id']}/result").text
    assert 'data-figure="fig-intervention-1"' in page and 'id="table-intervention-1"' in page

    # an ensemble: the report's band figures, whose medians are the summary's
    launched = client.post(
        "/api/runs", json={"scenario": "example", "kind": "ensemble", "params": {"members": 6}}
    )
    run = wait_for(client, launched.json()["id"], timeout=120)
    assert run["status"] == "complete", run
    result = client.get(f"/api/runs/{run['id']}/result").json()["result"]
    figures = {f["key"]: f for f in result["figures"]}
    assert set(figures) == {"power-over-time", "polarity", "bipolarity", "strategic-space"}
    medians = [r["median"] for r in result["summary"] if r["metric"] == "polarity"]
    drawn = [t for t in figures["polarity"]["figure"]["data"] if t.get("name") == "polarity"]
    assert drawn[0]["y"] == pytest.approx(medians, rel=1e-5)  # figures keep 6 digits
    page = client.get(f"/runs/{run['id']}/result").text
    assert 'data-figure="fig-polarity"' in page and "/vendor/plotly.min.js" in page

    bad = client.post(
        "/api/runs", json={"scenario": "example", "kind": "ensemble", "params": {"members": 0}}
    )
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["path"] == "params.members"


def test_a_scenario_nobody_can_bargain_over_is_invalid_on_its_page(
    client: TestClient, tmp_path: Path
) -> None:
    """No capability anywhere: the problem is located, as ``equipoise validate`` reports it."""
    from equipoise.testing import mini_scenario_text

    values = "values = { AAA = 100, BBB = 80, CCC = 30, DDD = 20 }"
    text = mini_scenario_text()
    assert values in text
    zero = text.replace('name = "mini"', 'name = "zero"').replace(
        values, "values = { AAA = 0, BBB = 0, CCC = 0, DDD = 0 }"
    )
    (tmp_path / "scenarios" / "zero.toml").write_text(zero, encoding="utf-8")
    page = client.get("/scenarios/zero")
    assert page.status_code == 200
    assert 'id="problems"' in page.text and "positive capability" in page.text
    assert "zero.toml:" in page.text and "issues[0].positions" in page.text
    launched = client.post("/api/runs", json={"scenario": "zero"})
    assert launched.status_code == 422, launched.text


def test_a_baseline_run_that_fails_leaves_the_rest_of_the_page(
    client: TestClient, scenario_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from equipoise.web import pages

    calls: list[str] = []

    def fail(scenario: Any) -> Any:
        calls.append(scenario.scenario.name)
        raise ValueError("simulated failure of the run")

    monkeypatch.setattr(pages, "baseline_report_data", fail)
    for _ in range(2):  # the failure is cached with the file, like the figures
        page = client.get(f"/scenarios/{scenario_name}")
        assert page.status_code == 200
        assert 'id="baseline-error"' in page.text and 'id="power-table"' in page.text
        assert "simulated failure of the run" in page.text
    assert len(calls) == 1
