"""End-to-end tests of ``equipoise runs list|show|sql`` (Typer's CliRunner)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.store import RunStore

runner = CliRunner(env={"COLUMNS": "200"})  # wide enough that no table cell is folded


def tables(batch: int) -> dict[str, pd.DataFrame]:
    members = np.repeat(np.arange(2) + 2 * batch, 3)
    return {
        "actors": pd.DataFrame(
            {
                "member": members,
                "step": np.tile(np.arange(3), 2),
                "year": 2021.0 + np.tile(np.arange(3), 2),
                "actor": "RUS",
                "variable": "power",
                "value": np.linspace(0.1, 0.6, 6) + batch,
            }
        )
    }


@pytest.fixture
def store(tmp_path: Path) -> tuple[RunStore, str, str]:
    """A store with a complete ensemble (with results) and an interrupted one."""
    s = RunStore(tmp_path / "runs")
    common = {
        "scenario_name": "indo-pacific-2021",
        "scenario_hash": "sha256:feed",
        "code_version": "v0.1-test",
    }
    done = s.create_run(
        kind="ensemble", parameters={"members": 4}, seed=7, n_members=4, n_batches=2, **common
    )
    for b in range(2):
        s.write_batch(done, b, tables(b))
    s.write_result(done, "claims", pd.DataFrame({"claim": ["c1"], "probability": [0.9]}))
    s.write_result(done, "summary", {"members": 4})
    s.finish(done, "complete", summary={"ok": True})
    partial = s.create_run(
        kind="claims", parameters={"members": 6}, seed=8, n_members=6, n_batches=3, **common
    )
    s.write_batch(partial, 0, tables(0))
    s.finish(partial, "incomplete")
    return s, done, partial


def test_list_table(store: tuple[RunStore, str, str]) -> None:
    s, done, _ = store
    result = runner.invoke(app, ["runs", "list", "--store", str(s.root)])
    assert result.exit_code == 0, result.output
    text = result.output
    for fragment in ("ensemble", "claims", "complete", "incomplete", "2/2", "1/3", "v0.1-test"):
        assert fragment in text
    assert done[:8] in text


def test_list_json(store: tuple[RunStore, str, str]) -> None:
    s, done, partial = store
    result = runner.invoke(app, ["runs", "list", "--store", str(s.root), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["store"] == str(s.root)
    runs = {r["run_id"]: r for r in payload["runs"]}
    assert set(runs) == {done, partial}
    assert runs[done]["status"] == "complete" and runs[done]["n_batches_done"] == 2
    assert runs[done]["parameters"] == {"members": 4} and runs[done]["summary"] == {"ok": True}
    assert runs[partial]["status"] == "incomplete" and runs[partial]["summary"] is None
    assert runs[done]["created_at"].endswith("Z")


def test_list_uses_the_environment_and_says_when_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EQUIPOISE_RUNS", str(tmp_path / "empty"))
    result = runner.invoke(app, ["runs", "list"])
    assert result.exit_code == 0, result.output
    assert "no runs in" in result.output and "empty" in result.output
    result = runner.invoke(app, ["runs", "list", "--json"])
    assert json.loads(result.stdout)["runs"] == []
    assert not (tmp_path / "empty").exists()  # reading never creates a store


def test_show_table(store: tuple[RunStore, str, str]) -> None:
    s, done, _ = store
    result = runner.invoke(app, ["runs", "show", done, "--store", str(s.root)])
    assert result.exit_code == 0, result.output
    for fragment in (
        f"Run {done}",
        "complete",
        "2 of 2",
        "indo-pacific-2021",
        "actors",
        "12",  # rows of the actors table
        "claims",
        "parquet",
        "summary",
        '"members": 4',
    ):
        assert fragment in result.output, fragment


def test_show_json(store: tuple[RunStore, str, str]) -> None:
    s, _, partial = store
    result = runner.invoke(app, ["runs", "show", partial, "--store", str(s.root), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["run_id"] == partial and info["status"] == "incomplete"
    assert info["n_batches_done"] == 1 and info["n_batches"] == 3
    assert info["tables"]["actors"] == {
        "batches": 1,
        "rows": 6,
        "columns": {
            "member": "int64",
            "step": "int64",
            "year": "float64",
            "actor": "str",
            "variable": "str",
            "value": "float64",
        },
    }
    assert info["results"] == {}


def test_show_unknown_id_is_exit_1_without_traceback(store: tuple[RunStore, str, str]) -> None:
    s, done, _ = store
    result = runner.invoke(app, ["runs", "show", "20990101-000000-dead", "--store", str(s.root)])
    assert result.exit_code == 1
    assert "no run '20990101-000000-dead'" in result.output
    assert done in result.output  # the hint lists recent runs
    assert "Traceback" not in result.output

    result = runner.invoke(
        app, ["runs", "show", "../../etc/passwd", "--store", str(s.root), "--json"]
    )
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and "no run" in payload["problems"][0]["message"]


def test_sql_table(store: tuple[RunStore, str, str]) -> None:
    s, _, _ = store
    result = runner.invoke(
        app,
        [
            "runs",
            "sql",
            "SELECT run_id, kind, status FROM runs ORDER BY kind",
            "--store",
            str(s.root),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "claims" in result.output and "incomplete" in result.output
    assert "2 rows" in result.output


def test_sql_json_over_a_runs_table(store: tuple[RunStore, str, str]) -> None:
    s, done, _ = store
    query = (
        "SELECT member, round(avg(value), 6) AS mean FROM results_actors "
        f"WHERE run_id = '{done}' GROUP BY member ORDER BY member"
    )
    result = runner.invoke(app, ["runs", "sql", query, "--store", str(s.root), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["columns"] == ["member", "mean"]
    assert [r["member"] for r in payload["rows"]] == [0, 1, 2, 3]
    assert payload["rows"][0]["mean"] == pytest.approx(0.2)


def test_sql_csv(store: tuple[RunStore, str, str]) -> None:
    s, _, _ = store
    result = runner.invoke(
        app,
        [
            "runs",
            "sql",
            "SELECT run_id, batch, rows FROM batches ORDER BY run_id, batch",
            "--store",
            str(s.root),
            "--csv",
        ],
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == ["run_id", "batch", "rows"]
    assert len(frame) == 3 and set(frame["rows"]) == {6}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELEC 1", "syntax error"),
        ("SELECT * FROM nope", "nope"),
        ("DELETE FROM runs", "only read-only queries"),
        ("DROP TABLE runs; SELECT 1", "one statement at a time"),
    ],
)
def test_sql_errors_are_exit_1_with_the_message(
    store: tuple[RunStore, str, str], query: str, message: str
) -> None:
    s, _, _ = store
    result = runner.invoke(app, ["runs", "sql", query, "--store", str(s.root)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["runs", "sql", query, "--store", str(s.root), "--json"])
    assert result.exit_code == 1
    assert message in json.loads(result.stdout)["problems"][0]["message"]
    assert len(s.list_runs()) == 2  # nothing was changed


def test_sql_json_and_csv_together_is_refused(store: tuple[RunStore, str, str]) -> None:
    s, _, _ = store
    result = runner.invoke(
        app, ["runs", "sql", "SELECT 1", "--store", str(s.root), "--json", "--csv"]
    )
    assert result.exit_code == 1
    assert "--json and --csv" in result.output


def test_ctrl_c_inside_a_duckdb_query_is_an_interrupt_not_a_bug() -> None:
    """DuckDB takes the signal and raises its own InterruptException: exit 130, as for Ctrl-C."""
    import duckdb
    import typer

    from equipoise.cli._common import guarded

    def query() -> None:
        with guarded():
            raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")

    with pytest.raises(typer.Exit) as info:
        query()
    assert info.value.exit_code == 130
