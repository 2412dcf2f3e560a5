"""Tests of the store's integrity checks, verify, catalog rebuild and the first-write race.

Issue 15: "The store never checks its files" (a deleted, swapped or bit-flipped batch file is
detected), "The catalog is a single point of loss" (rebuilt from the run folders with the
same ``runs list``), the threaded first-write race, and ``--store`` pointing at a file.
"""

from __future__ import annotations

import json
import shutil
import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.store import (
    CatalogCorruptError,
    DamagedRunError,
    RunStore,
    StoreNote,
    StoreRootError,
    VerifyReport,
)

runner = CliRunner(env={"COLUMNS": "200"})

N_BATCHES = 5
ROWS = 40


def batch_tables(batch: int) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(batch)
    members = np.repeat(np.arange(4) + 4 * batch, ROWS // 4)
    return {
        "system": pd.DataFrame(
            {"member": members, "step": np.tile(np.arange(ROWS // 4), 4), "value": rng.random(ROWS)}
        ),
        "actors": pd.DataFrame(
            {"member": members, "actor": "RUS", "value": rng.random(ROWS) + batch}
        ),
    }


def complete_run(store: RunStore, *, seed: int = 7, kind: str = "ensemble") -> str:
    run_id = store.create_run(
        kind=kind,
        scenario_name="indo-pacific-2021",
        scenario_hash="sha256:feed",
        parameters={"members": 4 * N_BATCHES},
        seed=seed,
        n_members=4 * N_BATCHES,
        n_batches=N_BATCHES,
        code_version="test",
    )
    for b in range(N_BATCHES):
        store.write_batch(run_id, b, batch_tables(b))
    store.write_result(run_id, "claims", pd.DataFrame({"claim": ["c1"], "p": [0.9]}))
    store.write_result(run_id, "summary", {"members": 4 * N_BATCHES})
    store.finish(run_id, "complete", summary={"ok": True})
    return run_id


@pytest.fixture
def store(tmp_path: Path) -> RunStore:
    return RunStore(tmp_path / "store")


# --------------------------------------------------------------------------------------------
# records


def test_every_file_is_recorded_in_the_catalog_and_the_folder(store: RunStore) -> None:
    run_id = complete_run(store)
    folder = store.run_dir(run_id)
    rows = store.sql(
        f"SELECT table_name, batch, rows, bytes, sha256 FROM batch_tables WHERE run_id = '{run_id}'"
    )
    assert len(rows) == 2 * N_BATCHES and rows["sha256"].str.len().eq(64).all()
    for b in range(N_BATCHES):
        manifest = json.loads((folder / "_batches" / f"batch-{b:06d}.json").read_text())
        assert manifest["batch"] == b and set(manifest["files"]) == {"system", "actors"}
        for table, spec in manifest["files"].items():
            path = folder / spec["file"]
            assert spec["bytes"] == path.stat().st_size and spec["rows"] == ROWS
            row = rows[(rows["table_name"] == table) & (rows["batch"] == b)].iloc[0]
            assert row["sha256"] == spec["sha256"]
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["format_version"] == 2 and meta["integrity"]["algorithm"] == "sha256"
    assert meta["results"]["summary"]["bytes"] == (folder / "results/summary.json").stat().st_size
    report = store.verify(run_id)
    assert isinstance(report, VerifyReport)
    assert report.ok and report.state == "ok" and report.hashes and report.bytes > 0
    assert store.get_run(run_id)["integrity"]["state"] == "ok"
    assert store.list_runs()["integrity"].tolist() == ["ok"]


# --------------------------------------------------------------------------------------------
# damage


def test_deleted_batch_file_is_damage_everywhere(store: RunStore) -> None:
    run_id = complete_run(store)
    healthy = complete_run(store, seed=8)
    victim = store.run_dir(run_id) / "system" / "batch-000002.parquet"
    victim.unlink()

    info = store.get_run(run_id)
    assert info["status"] == "damaged" and info["recorded_status"] == "complete"
    assert info["integrity"]["damaged_files"] == ["system/batch-000002.parquet"]
    runs = store.list_runs().set_index("run_id")
    assert runs.loc[run_id, "status"] == "damaged" and runs.loc[healthy, "status"] == "complete"
    with pytest.raises(DamagedRunError, match=r"system/batch-000002\.parquet: missing"):
        store.read_table(run_id, "system")
    assert len(store.read_table(run_id, "actors")) == N_BATCHES * ROWS  # intact table
    with pytest.raises(DamagedRunError, match="results_system"):
        store.sql("SELECT count(*) FROM results_system")
    assert store.sql(f"SELECT status FROM runs WHERE run_id = '{run_id}'").iloc[0, 0] == "damaged"
    report = store.verify(run_id, hashes=False)
    assert not report.ok and [(p.path, p.kind) for p in report.problems] == [
        ("system/batch-000002.parquet", "missing")
    ]
    assert store.verify(healthy).ok


def test_deleted_batch_file_through_the_cli(store: RunStore) -> None:
    run_id = complete_run(store)
    (store.run_dir(run_id) / "actors" / "batch-000004.parquet").unlink()
    root = str(store.root)
    show = runner.invoke(app, ["runs", "show", run_id, "--store", root])
    assert show.exit_code == 0 and "damaged" in show.output and "4 of 5" not in show.output
    assert "actors/batch-000004.parquet: missing" in show.output
    listed = runner.invoke(app, ["runs", "list", "--store", root, "--json"])
    assert json.loads(listed.stdout)["runs"][0]["status"] == "damaged"
    query = runner.invoke(
        app, ["runs", "sql", "SELECT count(*) AS n FROM results_actors", "--store", root]
    )
    assert query.exit_code != 0 and "damaged" in query.output
    assert str(N_BATCHES * ROWS - ROWS) not in query.stdout  # never the short count
    verify = runner.invoke(app, ["runs", "verify", run_id, "--store", root, "--json"])
    assert verify.exit_code == 4
    doc = json.loads(verify.stdout)
    assert doc["ok"] is False and doc["runs"][0]["problems"][0]["kind"] == "missing"


def test_batch_file_copied_over_another_is_caught(store: RunStore) -> None:
    run_id = complete_run(store)
    folder = store.run_dir(run_id)
    shutil.copyfile(folder / "system/batch-000001.parquet", folder / "system/batch-000003.parquet")
    report = store.verify(run_id)
    kinds = {p.kind for p in report.problems}
    assert report.damaged_files == ("system/batch-000003.parquet",)
    assert "hash" in kinds and "batch" in kinds  # caught by the hash and by the tag
    # also without hashing, by the footer's tag (same sizes here: same row count and schema)
    assert "batch" in {p.kind for p in store.verify(run_id, hashes=False).problems}
    with pytest.raises(DamagedRunError, match="holds batch 1 of table system"):
        store.read_table(run_id, "system")
    result = runner.invoke(app, ["runs", "verify", "--store", str(store.root)])
    assert result.exit_code == 4 and "damaged" in result.output


def _flip(path: Path, bit: int) -> None:
    data = bytearray(path.read_bytes())
    data[bit // 8] ^= 1 << (bit % 8)
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    store = RunStore(tmp_path_factory.mktemp("flip") / "store")
    run_id = complete_run(store)
    size = (store.run_dir(run_id) / "system/batch-000000.parquet").stat().st_size
    return store.root, run_id, size


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fraction=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
@example(fraction=0.0)  # the first byte of the magic number
@example(fraction=0.5)  # inside a data page: values change, the file still reads
@example(fraction=0.3)
@example(fraction=0.999)  # the trailing magic number
def test_any_single_bit_flip_is_detected(
    pristine: tuple[Path, str, int], tmp_path_factory: pytest.TempPathFactory, fraction: float
) -> None:
    root, run_id, size = pristine
    copy = tmp_path_factory.mktemp("flipped") / "store"
    shutil.copytree(root, copy)
    store = RunStore(copy)
    bit = int(fraction * size * 8)
    _flip(store.run_dir(run_id) / "system/batch-000000.parquet", bit)
    report = store.verify(run_id)
    assert report.damaged_files == ("system/batch-000000.parquet",), bit
    assert report.state == "damaged"


# --------------------------------------------------------------------------------------------
# the catalog rebuilt


def _listing(store: RunStore) -> pd.DataFrame:
    return store.list_runs().reset_index(drop=True)


def test_deleted_catalog_is_rebuilt_with_the_same_runs_list(store: RunStore) -> None:
    complete_run(store)
    partial = store.create_run(
        kind="claims",
        scenario_name="s",
        scenario_hash="h",
        parameters={"n": 6},
        seed=9,
        n_members=6,
        n_batches=3,
        code_version="test",
    )
    store.write_batch(partial, 0, batch_tables(0))
    store.finish(partial, "incomplete")
    complete_run(store, seed=11, kind="compare")
    before = _listing(store)
    cli_before = runner.invoke(app, ["runs", "list", "--store", str(store.root), "--json"])
    tables_before = store.sql("SELECT * FROM batch_tables ORDER BY ALL")

    store.catalog_path.unlink()
    with pytest.warns(StoreNote, match="was missing; rebuilt it from the run folders"):
        after = _listing(store)
    pd.testing.assert_frame_equal(after, before)
    pd.testing.assert_frame_equal(
        store.sql("SELECT * FROM batch_tables ORDER BY ALL"), tables_before
    )
    cli_after = runner.invoke(app, ["runs", "list", "--store", str(store.root), "--json"])
    assert cli_after.exit_code == 0 and json.loads(cli_after.stdout) == json.loads(
        cli_before.stdout
    )
    assert all(store.verify(r).ok for r in after["run_id"])
    store.write_batch(partial, 1, batch_tables(1))  # the rebuilt catalog takes writes
    assert store.completed_batches(partial) == {0, 1}


def test_missing_catalog_note_on_stderr(store: RunStore) -> None:
    complete_run(store)
    store.catalog_path.unlink()
    result = runner.invoke(app, ["runs", "list", "--store", str(store.root)])
    assert result.exit_code == 0, result.output
    assert "note: the catalog" in result.stderr and "nothing lost" in result.stderr
    assert "complete" in result.stdout


def test_truncated_catalog_is_refused_clearly_then_repaired(store: RunStore) -> None:
    run_id = complete_run(store)
    before = _listing(store)
    data = store.catalog_path.read_bytes()
    store.catalog_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CatalogCorruptError, match="runs repair"):
        store.list_runs()
    listed = runner.invoke(app, ["runs", "list", "--store", str(store.root)])
    assert listed.exit_code not in (0, 3) and "runs repair" in listed.output
    assert "bug" not in listed.output

    result = runner.invoke(app, ["runs", "repair", "--store", str(store.root)])
    assert result.exit_code == 0, result.output
    assert "rebuilt the catalog" in result.output and "nothing lost" in result.output
    aside = list(store.root.glob("catalog.duckdb.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == data[: len(data) // 3]  # kept
    pd.testing.assert_frame_equal(_listing(store), before)
    assert store.verify(run_id).ok
    again = runner.invoke(app, ["runs", "repair", "--store", str(store.root)])
    assert again.exit_code == 0 and "sound" in again.output


def test_rebuild_says_what_was_lost(store: RunStore) -> None:
    kept = complete_run(store)
    broken = complete_run(store, seed=8)
    (store.run_dir(broken) / "metadata.json").write_text("{not json")
    (store.run_dir(kept) / "_batches" / "batch-000004.json").unlink()
    (store.run_dir(kept) / "results" / "stray.json").write_text("{}")
    report = store.repair_catalog(rebuild=True)
    assert report is not None and report.installed and report.moved_aside
    lost = "\n".join(report.lost)
    assert f"run {broken} not listed" in lost and "metadata.json is unreadable" in lost
    assert "batch-000004.parquet: no record of a complete batch" in lost
    assert "stray.json: not in metadata.json" in lost
    assert store.list_runs()["run_id"].tolist() == [kept]
    assert store.completed_batches(kept) == set(range(N_BATCHES - 1))


def test_format_1_runs_are_read_as_before_and_unverified(store: RunStore) -> None:
    """A run written before checksums (format 1, catalog 1) reads as before: ``unverified``."""
    import duckdb

    run_id = complete_run(store)
    folder = store.run_dir(run_id)
    # turn the store back into what equipoise 0.1 wrote
    con = duckdb.connect(str(store.catalog_path))
    for table, columns in {
        "runs": ("metadata_bytes", "metadata_sha256"),
        "batch_tables": ("bytes", "sha256"),
        "run_results": ("bytes", "sha256"),
    }.items():
        for column in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE store_info SET value = '1' WHERE key = 'catalog_version'")
    con.execute("UPDATE runs SET format_version = 1")
    con.close()
    meta = json.loads((folder / "metadata.json").read_text())
    meta["format_version"] = 1
    del meta["integrity"]
    meta["results"] = {
        n: {"format": s["format"], "file": s["file"]} for n, s in meta["results"].items()
    }
    (folder / "metadata.json").write_text(json.dumps(meta))
    shutil.rmtree(folder / "_batches")

    assert len(store.read_table(run_id, "system")) == N_BATCHES * ROWS
    info = store.get_run(run_id)
    assert info["status"] == "complete" and info["integrity"]["state"] == "unverified"
    report = store.verify(run_id)
    assert (
        report.ok and report.state == "unverified" and len(report.unverified) == 2 * N_BATCHES + 2
    )
    before = _listing(store)
    store.catalog_path.unlink()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        report_after = store.list_runs()
    assert report_after["run_id"].tolist() == before["run_id"].tolist()
    assert store.completed_batches(run_id) == set(range(N_BATCHES))
    (folder / "system" / "batch-000001.parquet").unlink()  # still caught: the row counts
    assert store.get_run(run_id)["status"] == "damaged"


# --------------------------------------------------------------------------------------------
# the first-write race, and --store at a file


@pytest.mark.slow
def test_forty_threads_first_write_into_a_fresh_store(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    errors: list[BaseException] = []
    ids: list[str] = []
    start = threading.Barrier(40)

    def first_write(i: int) -> None:
        store = RunStore(root, lock_timeout=120)
        try:
            start.wait()
            run_id = store.create_run(
                kind="run",
                scenario_name="s",
                scenario_hash="h",
                parameters={"i": i},
                seed=i,
                n_members=1,
                n_batches=1,
                code_version="test",
            )
            store.write_batch(run_id, 0, {"system": pd.DataFrame({"member": [0], "v": [i]})})
            store.finish(run_id)
            ids.append(run_id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first_write, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [], errors[:3]
    store = RunStore(root)
    runs = store.list_runs()
    assert len(runs) == 40 and set(runs["run_id"]) == set(ids)
    assert (runs["status"] == "complete").all()


def test_store_at_a_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-folder"
    path.write_text("hello")
    store = RunStore(path)
    with pytest.raises(StoreRootError, match="is a file, not a folder"):
        store.list_runs()
    with pytest.raises(StoreRootError):
        store.create_run(
            kind="run",
            scenario_name="s",
            scenario_hash="h",
            parameters={},
            seed=1,
            n_members=1,
            n_batches=1,
            code_version="t",
        )
    for command in (["runs", "list"], ["runs", "sql", "SELECT 1"], ["runs", "verify"]):
        result = runner.invoke(app, [*command, "--store", str(path), "--json"])
        assert result.exit_code == 1, result.output
        problem = json.loads(result.stdout)["problems"][0]
        assert problem["path"] == "--store" and "is a file, not a folder" in problem["message"]
    plain = runner.invoke(app, ["runs", "list", "--store", str(path / "below")])
    assert (
        plain.exit_code == 1 and "--store" in plain.stderr and "internal error" not in plain.output
    )
    assert path.read_text() == "hello"  # untouched
