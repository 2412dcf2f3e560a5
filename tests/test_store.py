"""Tests of the results store (equipoise.store): round trips, consistency, SQL, versions."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equipoise.store import (
    FORMAT_VERSION,
    AlreadyStoredError,
    FormatVersionError,
    QueryError,
    RunNotFoundError,
    RunStore,
    StoreError,
    StoreLockedError,
    default_root,
    list_backends,
    open_store,
    read_metadata,
)
from equipoise.store.catalog import CATALOG_VERSION
from equipoise.store.metadata import load_metadata

TESTS = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# helpers

ACTORS = np.array(["USA", "CHN", "RUS", "JPN", "KOR", "IND"])
ISSUES = np.array(["missiles", "kurils", "sanctions"])
MEMBERS_PER_BATCH = 3
STEPS = 4


def make_batch(batch: int) -> dict[str, pd.DataFrame]:
    """Deterministic tidy tables of one batch (the shapes of equipoise.outputs.tidy_tables)."""
    rng = np.random.default_rng(1000 + batch)
    members = batch * MEMBERS_PER_BATCH + np.arange(MEMBERS_PER_BATCH)

    def grid(*sizes: int) -> list[np.ndarray]:
        return [
            g.ravel() for g in np.meshgrid(members, *[np.arange(s) for s in sizes], indexing="ij")
        ]

    m, t = grid(STEPS)
    system = pd.concat(
        [
            pd.DataFrame(
                {
                    "member": m,
                    "step": t,
                    "year": 2021.0 + t,
                    "variable": v,
                    "value": rng.random(m.size),
                }
            )
            for v in ("polarity", "bipolarity")
        ],
        ignore_index=True,
    )
    m, t, a = grid(STEPS, len(ACTORS))
    actors = pd.concat(
        [
            pd.DataFrame(
                {
                    "member": m,
                    "step": t,
                    "year": 2021.0 + t,
                    "actor": ACTORS[a],
                    "variable": v,
                    "value": np.where(rng.random(m.size) < 0.1, np.nan, rng.random(m.size)),
                }
            )
            for v in ("power", "strategic_space", "alignment", "bloc")
        ],
        ignore_index=True,
    )
    m, t, a, b = grid(STEPS, len(ACTORS), len(ACTORS))
    off = a != b
    dyads = pd.DataFrame(
        {
            "member": m[off],
            "step": t[off],
            "year": 2021.0 + t[off],
            "actor": ACTORS[a[off]],
            "other": ACTORS[b[off]],
            "variable": "relation",
            "value": rng.uniform(-1, 1, off.sum()),
        }
    )
    m, t, q = grid(STEPS, len(ISSUES))
    issues = pd.DataFrame(
        {
            "member": m,
            "step": t,
            "year": 2021.0 + t,
            "issue": ISSUES[q],
            "actor": "",
            "variable": "forecast",
            "value": rng.uniform(0, 100, m.size),
        }
    )
    return {"system": system, "actors": actors, "dyads": dyads, "issues": issues}


def new_run(store: RunStore, *, n_batches: int = 10, kind: Any = "ensemble", seed: int = 42) -> str:
    return store.create_run(
        kind=kind,
        scenario_name="indo-pacific-2021",
        scenario_hash="sha256:abc",
        parameters={
            "members": n_batches * MEMBERS_PER_BATCH,
            "horizon": 10,
            "rate": np.float64(0.5),
        },
        seed=seed,
        n_members=n_batches * MEMBERS_PER_BATCH,
        n_batches=n_batches,
        code_version="test",
    )


def set_writer(store: RunStore, run_id: str, *, pid: int, host: str | None = None) -> None:
    """Fake another writer in the catalog (as if another process had created the run)."""
    con = duckdb.connect(str(store.catalog_path))
    try:
        con.execute("UPDATE runs SET pid = ? WHERE run_id = ?", [pid, run_id])
        if host is not None:
            con.execute("UPDATE runs SET host = ? WHERE run_id = ?", [host, run_id])
    finally:
        con.close()


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True)


@pytest.fixture
def store(tmp_path: Path) -> RunStore:
    return RunStore(tmp_path / "store")


# --------------------------------------------------------------------------------------------
# creating runs


def test_constructor_touches_nothing_and_empty_store_reads(tmp_path: Path) -> None:
    root = tmp_path / "nothing-here"
    s = RunStore(root)
    assert not root.exists()
    runs = s.list_runs()
    assert runs.empty and {"run_id", "status", "n_batches_done"} <= set(runs.columns)
    assert s.sql("SELECT * FROM runs").empty
    with pytest.raises(RunNotFoundError, match="the store has no runs"):
        s.get_run("20260101-000000-abcd")
    assert not root.exists()


def test_create_run_records_metadata_and_catalog(store: RunStore) -> None:
    run_id = new_run(store, n_batches=4)
    assert len(run_id) == len("20260101-120000-abcd") and run_id[8] == "-"
    meta = read_metadata(store.run_dir(run_id) / "metadata.json")
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["kind"] == "ensemble" and meta["seed"] == 42 and meta["n_batches"] == 4
    assert meta["parameters"] == {"members": 12, "horizon": 10, "rate": 0.5}
    assert meta["tables"] == {} and meta["status"] == "running"
    assert meta["equipoise_version"] and meta["code_version"] == "test"

    info = store.get_run(run_id)
    assert info["status"] == info["recorded_status"] == "running"
    assert info["pid"] == os.getpid()
    assert info["n_batches_done"] == 0 and info["scenario_hash"] == "sha256:abc"
    assert info["parameters"]["rate"] == 0.5
    runs = store.list_runs()
    assert runs["run_id"].tolist() == [run_id]
    assert runs.loc[0, "status"] == "running"
    assert str(runs["created_at"].dt.tz) == "UTC"


def test_run_ids_are_new_and_time_sortable(store: RunStore) -> None:
    ids = [new_run(store, n_batches=1) for _ in range(6)]
    assert len(set(ids)) == len(ids)
    stamps = [i[:15] for i in ids]
    assert stamps == sorted(stamps)
    assert store.list_runs()["run_id"].tolist() == ids  # oldest first


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"kind": "bogus"}, "kind must be one of"),
        ({"seed": -1}, "seed must be in"),
        ({"seed": 2**64}, "seed must be in"),
    ],
)
def test_create_run_validates(store: RunStore, kwargs: dict[str, Any], match: str) -> None:
    base: dict[str, Any] = {
        "kind": "run",
        "scenario_name": "s",
        "scenario_hash": "h",
        "parameters": {},
        "seed": 1,
        "n_members": 1,
        "n_batches": 1,
        "code_version": "test",
    }
    with pytest.raises(ValueError, match=match):
        store.create_run(**{**base, **kwargs})


def test_parameters_must_be_json(store: RunStore) -> None:
    with pytest.raises(TypeError, match="no JSON form"):
        store.create_run(
            kind="run",
            scenario_name="s",
            scenario_hash="h",
            parameters={"f": object()},
            seed=1,
            n_members=1,
            n_batches=1,
            code_version="test",
        )
    assert store.list_runs().empty
    assert not store.root.exists()  # checked before anything is written


# --------------------------------------------------------------------------------------------
# batches


def test_write_and_read_back_all_tables(store: RunStore) -> None:
    run_id = new_run(store, n_batches=3)
    batches = [make_batch(b) for b in range(3)]
    for b, tables in enumerate(batches):
        store.write_batch(run_id, b, tables)
    for name in ("system", "actors", "dyads", "issues"):
        got = store.read_table(run_id, name)
        pd.testing.assert_frame_equal(got, concat([t[name] for t in batches]), check_exact=True)
    info = store.get_run(run_id)
    assert info["n_batches_done"] == 3
    assert info["tables"]["actors"]["rows"] == sum(len(t["actors"]) for t in batches)
    assert info["tables"]["actors"]["columns"]["actor"] == "str"
    # no temporary file is left anywhere
    assert not list(store.root.rglob("*.tmp"))


def test_batches_are_read_in_batch_order_whatever_the_write_order(store: RunStore) -> None:
    run_id = new_run(store, n_batches=4)
    batches = [make_batch(b) for b in range(4)]
    for b in (2, 0, 3, 1):
        store.write_batch(run_id, b, batches[b])
    got = store.read_table(run_id, "system")
    pd.testing.assert_frame_equal(got, concat([t["system"] for t in batches]), check_exact=True)


def test_batch_is_never_overwritten(store: RunStore) -> None:
    run_id = new_run(store, n_batches=2)
    first = make_batch(0)
    store.write_batch(run_id, 0, first)
    path = store.run_dir(run_id) / "actors" / "batch-000000.parquet"
    before = path.read_bytes()
    with pytest.raises(AlreadyStoredError, match="batch 0 is already complete"):
        store.write_batch(run_id, 0, make_batch(1))
    assert path.read_bytes() == before
    pd.testing.assert_frame_equal(store.read_table(run_id, "actors"), first["actors"])
    assert not list(store.root.rglob("*.tmp"))


def test_completed_batches(store: RunStore) -> None:
    run_id = new_run(store, n_batches=6)
    assert store.completed_batches(run_id) == set()
    for b in (0, 3, 5):
        store.write_batch(run_id, b, make_batch(b))
    assert store.completed_batches(run_id) == {0, 3, 5}
    assert RunStore(store.root).completed_batches(run_id) == {0, 3, 5}


def test_batch_index_and_table_checks(store: RunStore) -> None:
    run_id = new_run(store, n_batches=2)
    tables = make_batch(0)
    with pytest.raises(ValueError, match=r"batch must be in \[0, 2\)"):
        store.write_batch(run_id, 2, tables)
    with pytest.raises(ValueError, match="at least one table"):
        store.write_batch(run_id, 0, {})
    with pytest.raises(ValueError, match="lower-case identifier"):
        store.write_batch(run_id, 0, {"Bad Name": tables["system"]})
    with pytest.raises(ValueError, match="reserved"):
        store.write_batch(run_id, 0, {"runs": tables["system"]})
    with pytest.raises(ValueError, match="reserved"):
        store.write_batch(run_id, 0, {"t": tables["system"].assign(run_id="x")})
    with pytest.raises(ValueError, match="named index"):
        store.write_batch(run_id, 0, {"t": tables["system"].set_index("member")})
    with pytest.raises(TypeError, match="DataFrame"):
        store.write_batch(run_id, 0, {"t": [1, 2]})  # type: ignore[dict-item]
    store.write_batch(run_id, 0, {"t": tables["system"]})
    with pytest.raises(StoreError, match="earlier batches have"):
        store.write_batch(run_id, 1, {"t": tables["system"].assign(value=1)})
    assert store.completed_batches(run_id) == {0}


def test_empty_batch_keeps_dtypes(store: RunStore) -> None:
    run_id = new_run(store, n_batches=2)
    full = make_batch(0)["actors"]
    store.write_batch(run_id, 0, {"actors": full})
    store.write_batch(run_id, 1, {"actors": pd.DataFrame({c: [] for c in full.columns})})
    got = store.read_table(run_id, "actors")
    pd.testing.assert_frame_equal(got, full, check_exact=True)


def test_assorted_dtypes_round_trip(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    times = pd.DatetimeIndex([pd.Timestamp("2021-01-01"), pd.Timestamp("2022-06-01 12:00"), pd.NaT])
    frame = pd.DataFrame(
        {
            "s": ["a\x00b", "Россия", None],
            "i8": np.array([1, -2, 3], dtype=np.int8),
            "u64": np.array([0, 1, 2**64 - 1], dtype=np.uint64),
            "f32": np.array([1.5, np.nan, -np.inf], dtype=np.float32),
            "b": [True, False, True],
            "nullable_int": pd.array([2**62 + 1, None, 3], dtype="Int64"),
            "nullable_bool": pd.array([True, None, False], dtype="boolean"),
            "string": pd.array(["x", None, "z"], dtype="string"),
            "obj": pd.Series(["x", "y", "z"], dtype=object),
            "when": times,
            "when_utc": times.tz_localize("UTC"),
        }
    )
    store.write_batch(run_id, 0, {"misc": frame})
    pd.testing.assert_frame_equal(store.read_table(run_id, "misc"), frame, check_exact=True)


def test_read_table_columns_and_filters(store: RunStore) -> None:
    run_id = new_run(store, n_batches=3)
    batches = [make_batch(b) for b in range(3)]
    for b, tables in enumerate(batches):
        store.write_batch(run_id, b, tables)
    full = concat([t["actors"] for t in batches])

    got = store.read_table(run_id, "actors", columns=["value", "actor"])
    assert list(got.columns) == ["value", "actor"]
    pd.testing.assert_frame_equal(got, full[["value", "actor"]], check_exact=True)

    got = store.read_table(
        run_id,
        "actors",
        filters=[("actor", "in", ["RUS", "JPN"]), ("variable", "==", "power"), ("step", ">=", 2)],
    )
    want = full[
        full["actor"].isin(["RUS", "JPN"]) & (full["variable"] == "power") & (full["step"] >= 2)
    ].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_exact=True)

    got = store.read_table(run_id, "actors", filters=[("actor", "not in", ["USA"])])
    assert "USA" not in set(got["actor"]) and len(got) == (full["actor"] != "USA").sum()
    assert store.read_table(run_id, "actors", filters=[("actor", "in", [])]).empty

    with pytest.raises(ValueError, match="unknown column"):
        store.read_table(run_id, "actors", filters=[("nope", "==", 1)])
    with pytest.raises(ValueError, match="operator"):
        store.read_table(run_id, "actors", filters=[("step", "~", 1)])
    with pytest.raises(ValueError, match="no columns"):
        store.read_table(run_id, "actors", columns=["nope"])
    with pytest.raises(StoreError, match="has no table 'nope'"):
        store.read_table(run_id, "nope")


def test_unknown_and_malformed_run_ids(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    for bad in ("20990101-000000-ffff", "../../etc", "x"):
        with pytest.raises(RunNotFoundError, match="most recent: " + run_id):
            store.get_run(bad)
        with pytest.raises(RunNotFoundError):
            store.completed_batches(bad)
        with pytest.raises(RunNotFoundError):
            store.write_batch(bad, 0, make_batch(0))


# --------------------------------------------------------------------------------------------
# property: tidy tables round-trip exactly

_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=6)
_FLOATS = st.floats(allow_nan=True, allow_infinity=True)
_LABELS = {
    "system": ("variable",),
    "actors": ("actor", "variable"),
    "dyads": ("actor", "other", "variable"),
    "issues": ("issue", "actor", "variable"),
}


@st.composite
def tidy_frame(draw: st.DrawFn, name: str) -> pd.DataFrame:
    n = draw(st.integers(0, 8))

    def ints(lo: int, hi: int) -> np.ndarray:
        return np.array(draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n)), dtype=np.int64)

    columns: dict[str, Any] = {
        "member": ints(-(2**63), 2**63 - 1),
        "step": ints(0, 1000),
        "year": np.array(draw(st.lists(_FLOATS, min_size=n, max_size=n)), dtype=np.float64),
    }
    for label in _LABELS[name]:
        values = draw(st.lists(st.one_of(st.none(), _TEXT), min_size=n, max_size=n))
        columns[label] = pd.array(values, dtype="str")
    columns["value"] = np.array(draw(st.lists(_FLOATS, min_size=n, max_size=n)), dtype=np.float64)
    return pd.DataFrame(columns)


@st.composite
def tidy_batches(draw: st.DrawFn) -> list[dict[str, pd.DataFrame]]:
    names = draw(st.lists(st.sampled_from(sorted(_LABELS)), min_size=1, max_size=4, unique=True))
    n_batches = draw(st.integers(1, 3))
    return [{name: draw(tidy_frame(name)) for name in names} for _ in range(n_batches)]


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> RunStore:
    return RunStore(tmp_path_factory.mktemp("prop") / "store")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(batches=tidy_batches())
def test_tidy_tables_round_trip_exactly(
    shared_store: RunStore, batches: list[dict[str, pd.DataFrame]]
) -> None:
    run_id = new_run(shared_store, n_batches=len(batches))
    for b, tables in enumerate(batches):
        shared_store.write_batch(run_id, b, tables)
    for name in batches[0]:
        got = shared_store.read_table(run_id, name)
        want = concat([t[name] for t in batches])
        assert dict(got.dtypes) == dict(want.dtypes)
        pd.testing.assert_frame_equal(got, want, check_exact=True)


# --------------------------------------------------------------------------------------------
# finishing, status, dead processes, resume


def test_finish_and_the_sealed_complete_run(store: RunStore) -> None:
    run_id = new_run(store, n_batches=2)
    store.write_batch(run_id, 0, make_batch(0))
    with pytest.raises(StoreError, match="has 1 of 2 batches"):
        store.finish(run_id, "complete")
    store.write_batch(run_id, 1, make_batch(1))
    store.finish(run_id, "complete", summary={"members": 6, "nan": float("nan")})
    info = store.get_run(run_id)
    assert info["status"] == "complete" and info["finished_at"] is not None
    assert info["summary"] == {"members": 6, "nan": None}
    meta = read_metadata(store.run_dir(run_id) / "metadata.json")
    assert meta["status"] == "complete" and meta["summary"] == {"members": 6, "nan": None}
    with pytest.raises(StoreError, match="already complete"):
        store.finish(run_id, "failed")
    with pytest.raises(StoreError, match="complete"):
        store.resume(run_id)
    with pytest.raises(StoreError, match="is complete"):
        store.write_batch(run_id, 0, make_batch(0))
    with pytest.raises(ValueError, match="status must be one of"):
        store.finish(run_id, "done")  # type: ignore[arg-type]


def test_incomplete_run_is_taken_up_by_writing_or_resume(store: RunStore) -> None:
    run_id = new_run(store, n_batches=4)
    store.write_batch(run_id, 0, make_batch(0))
    store.finish(run_id, "incomplete")
    assert store.get_run(run_id)["status"] == "incomplete"
    # the protocol of the brief: ask what is done, write the rest
    assert store.completed_batches(run_id) == {0}
    store.write_batch(run_id, 1, make_batch(1))
    info = store.get_run(run_id)
    assert info["status"] == "running" and info["finished_at"] is None
    store.finish(run_id, "failed")
    # or explicitly
    assert store.resume(run_id) == {0, 1}
    assert store.get_run(run_id)["status"] == "running"
    store.write_batch(run_id, 2, make_batch(2))
    store.write_batch(run_id, 3, make_batch(3))
    store.finish(run_id)
    assert store.get_run(run_id)["status"] == "complete"
    assert read_metadata(store.run_dir(run_id) / "metadata.json")["status"] == "complete"


def test_dead_writer_is_reported_incomplete_and_repaired(store: RunStore) -> None:
    run_id = new_run(store, n_batches=3)
    store.write_batch(run_id, 0, make_batch(0))
    set_writer(store, run_id, pid=dead_pid())

    info = store.get_run(run_id)
    assert info["status"] == "incomplete" and info["recorded_status"] == "running"
    assert store.list_runs().loc[0, "status"] == "incomplete"
    assert store.sql("SELECT status FROM runs").iloc[0, 0] == "incomplete"

    assert store.repair() == [run_id]
    assert store.get_run(run_id)["recorded_status"] == "incomplete"
    assert store.repair() == []
    store.write_batch(run_id, 1, make_batch(1))  # taken up by this process
    info = store.get_run(run_id)
    assert info["status"] == "running" and info["pid"] == os.getpid()
    assert store.completed_batches(run_id) == {0, 1}


def test_dead_writer_is_taken_up_by_writing(store: RunStore) -> None:
    run_id = new_run(store, n_batches=2)
    set_writer(store, run_id, pid=dead_pid())
    store.write_batch(run_id, 0, make_batch(0))
    assert store.get_run(run_id)["pid"] == os.getpid()


def test_live_foreign_writer_is_respected(store: RunStore) -> None:
    run_id = new_run(store, n_batches=2)
    set_writer(store, run_id, pid=os.getppid())  # alive: the process that runs pytest's parent
    assert store.get_run(run_id)["status"] == "running"
    with pytest.raises(StoreError, match="being written by process"):
        store.write_batch(run_id, 0, make_batch(0))
    with pytest.raises(StoreError, match="being written by process"):
        store.finish(run_id, "incomplete")
    with pytest.raises(StoreError, match="being written by process"):
        store.resume(run_id)
    with pytest.raises(StoreError, match="being written by process"):
        store.write_result(run_id, "x", {"a": 1})
    assert store.repair() == []
    assert store.resume(run_id, force=True) == set()
    store.write_batch(run_id, 0, make_batch(0))


def test_run_on_another_host_is_not_judged(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    set_writer(store, run_id, pid=dead_pid(), host="some-other-host")
    assert store.get_run(run_id)["status"] == "running"  # cannot check another host's processes
    with pytest.raises(StoreError, match="force=True"):
        store.resume(run_id)
    with pytest.raises(StoreError, match="force=True"):
        store.write_batch(run_id, 0, make_batch(0))
    assert store.resume(run_id, force=True) == set()


def _write_run(store: RunStore, batches: range) -> str:
    run_id = new_run(store, n_batches=10)
    for b in batches:
        store.write_batch(run_id, b, make_batch(b))
    return run_id


def _assert_same_tables(store: RunStore, a: str, b: str) -> None:
    for name in ("system", "actors", "dyads", "issues"):
        pd.testing.assert_frame_equal(
            store.read_table(a, name), store.read_table(b, name), check_exact=True
        )


def _session_interrupted_at(store: RunStore, run_id: str, stop: int) -> None:
    """A caller's loop that is interrupted (Ctrl-C) before batch ``stop``."""

    def batches() -> Iterator[int]:
        for b in range(10):
            if b == stop:
                raise KeyboardInterrupt
            yield b

    try:
        for b in batches():
            store.write_batch(run_id, b, make_batch(b))
    except KeyboardInterrupt:
        store.finish(run_id, "incomplete")
        raise


def test_interrupted_then_resumed_equals_uninterrupted(store: RunStore) -> None:
    run_id = new_run(store, n_batches=10)
    with pytest.raises(KeyboardInterrupt):
        _session_interrupted_at(store, run_id, 5)
    assert store.get_run(run_id)["status"] == "incomplete"

    reopened = RunStore(store.root)  # a new session
    done = reopened.completed_batches(run_id)
    assert done == {0, 1, 2, 3, 4}
    for b in sorted(set(range(10)) - done):
        reopened.write_batch(run_id, b, make_batch(b))
    reopened.finish(run_id, "complete")

    straight = _write_run(reopened, range(10))
    reopened.finish(straight, "complete")
    _assert_same_tables(reopened, run_id, straight)


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from equipoise.store import RunStore, tables
    from test_store import make_batch, new_run

    store = RunStore({root!r})
    run_id = new_run(store, n_batches=10)
    print(run_id, flush=True)
    for b in range(5):
        store.write_batch(run_id, b, make_batch(b))

    # Die in the worst place: batch 5's first file is in place, the catalog does not know.
    publish = tables.publish
    def publish_then_die(tmp, final):
        publish(tmp, final)
        os.kill(os.getpid(), signal.SIGKILL)
    tables.publish = publish_then_die
    store.write_batch(run_id, 5, make_batch(5))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_run_is_consistent_and_resumes_to_the_same_tables(store: RunStore) -> None:
    script = KILLED_WRITER.format(tests=str(TESTS), root=str(store.root))
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    run_id = proc.stdout.strip()

    info = store.get_run(run_id)
    assert info["status"] == "incomplete" and info["recorded_status"] == "running"
    assert store.completed_batches(run_id) == {0, 1, 2, 3, 4}
    orphans = list(store.run_dir(run_id).glob("*/batch-000005.parquet"))
    assert len(orphans) == 1  # on disk, but never recorded: readers ignore it
    pd.testing.assert_frame_equal(
        store.read_table(run_id, "system"), concat([make_batch(b)["system"] for b in range(5)])
    )
    assert (
        store.sql(f"SELECT max(batch) FROM results_system WHERE run_id = '{run_id}'").iloc[0, 0]
        == 4
    )

    done = store.resume(run_id)
    for b in sorted(set(range(10)) - done):
        store.write_batch(run_id, b, make_batch(b))
    store.finish(run_id, "complete")
    straight = _write_run(store, range(10))
    _assert_same_tables(store, run_id, straight)
    assert not list(store.root.rglob("*.tmp"))


# --------------------------------------------------------------------------------------------
# results


def test_results_round_trip_and_are_never_overwritten(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    claims = pd.DataFrame(
        {"verdict": ["supported", "undecided"], "probability": [0.91, 0.5]},
        index=pd.Index(["c1", "c2"], name="claim"),
    )
    indices = {"S1": np.array([0.2, 0.3]), "names": ("a", "b"), "n": np.int64(1024), "x": np.nan}
    store.write_result(run_id, "claims", claims)
    store.write_result(run_id, "sobol", indices)
    pd.testing.assert_frame_equal(store.read_result(run_id, "claims"), claims)  # type: ignore[arg-type]
    assert store.read_result(run_id, "sobol") == {
        "S1": [0.2, 0.3],
        "names": ["a", "b"],
        "n": 1024,
        "x": None,
    }
    with pytest.raises(AlreadyStoredError, match="never overwritten"):
        store.write_result(run_id, "claims", claims.iloc[:1])
    pd.testing.assert_frame_equal(store.read_result(run_id, "claims"), claims)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="has no result 'nope'"):
        store.read_result(run_id, "nope")
    info = store.get_run(run_id)
    assert info["results"]["claims"]["rows"] == 2 and info["results"]["sobol"]["format"] == "json"
    meta = read_metadata(store.run_dir(run_id) / "metadata.json")
    assert meta["results"]["claims"]["format"] == "parquet"
    assert meta["results"]["claims"]["file"] == "results/claims.parquet"
    assert meta["results"]["claims"]["rows"] == 2 and len(meta["results"]["claims"]["sha256"]) == 64
    store.finish(run_id, "incomplete")
    store.write_result(run_id, "late", {"ok": True})  # adding a result never overwrites anything


# --------------------------------------------------------------------------------------------
# SQL


def test_sql_over_catalog_and_tables(store: RunStore) -> None:
    a = _write_run(store, range(10))
    store.finish(a, "complete")
    b = _write_run(store, range(3))
    runs = store.sql("SELECT run_id, kind, status FROM runs ORDER BY created_at")
    assert runs.values.tolist() == [[a, "ensemble", "complete"], [b, "ensemble", "running"]]

    counts = store.sql("SELECT run_id, count(*) AS n FROM batches GROUP BY run_id ORDER BY n")
    assert counts.values.tolist() == [[b, 3], [a, 10]]

    mean = store.sql(
        f"SELECT actor, avg(value) AS power FROM results_actors "
        f"WHERE run_id = '{a}' AND variable = 'power' GROUP BY actor ORDER BY actor"
    )
    full = store.read_table(a, "actors")
    want = full[full["variable"] == "power"].groupby("actor")["value"].mean().sort_index()
    assert mean["actor"].tolist() == want.index.tolist()
    np.testing.assert_allclose(mean["power"], want.to_numpy())

    per_run = store.sql(
        "SELECT run_id, max(batch) AS last, count(DISTINCT member) AS members "
        "FROM results_system GROUP BY run_id ORDER BY last"
    )
    assert per_run.values.tolist() == [[b, 2, 9], [a, 9, 30]]
    tables = store.sql(
        "SELECT table_name, rows FROM run_tables WHERE run_id = ? ORDER BY 1".replace("?", f"'{a}'")
    )
    assert tables["table_name"].tolist() == ["actors", "dyads", "issues", "system"]
    assert "results_dyads" in set(store.sql("SHOW TABLES")["name"])
    assert not store.sql("PRAGMA table_info('runs')").empty
    assert not store.sql("DESCRIBE results_actors").empty
    assert not store.sql("EXPLAIN SELECT * FROM results_issues").empty


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM runs",
        "UPDATE runs SET status = 'complete'",
        "INSERT INTO runs SELECT * FROM runs",
        "DROP TABLE runs",
        "CREATE TABLE x AS SELECT 1",
        "COPY runs TO 'out.csv'",
        "EXPLAIN ANALYZE COPY runs TO 'out.csv'",
        "ATTACH 'other.duckdb'",
        "SET threads = 1",
        "INSTALL httpfs",
        "PRAGMA enable_profiling",
        "SELECT 1; DELETE FROM runs",
    ],
)
def test_sql_rejects_anything_but_reads(store: RunStore, query: str) -> None:
    run_id = _write_run(store, range(1))
    with pytest.raises(QueryError):
        store.sql(query)
    assert store.get_run(run_id)["n_batches_done"] == 1
    assert not (Path.cwd() / "out.csv").exists()


def test_sql_errors_carry_duckdbs_message(store: RunStore) -> None:
    with pytest.raises(QueryError, match="syntax error"):
        store.sql("SELEC 1")
    with pytest.raises(QueryError, match="nope"):
        store.sql("SELECT * FROM nope")
    with pytest.raises(QueryError, match="empty"):
        store.sql("  ")
    with pytest.raises(QueryError, match=r"Permission|disabled"):
        store.sql("SELECT * FROM read_csv('/etc/hostname')")


# --------------------------------------------------------------------------------------------
# versions, locking, back-ends


def test_metadata_version_check(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    path = store.run_dir(run_id) / "metadata.json"
    doc = json.loads(path.read_text())
    assert load_metadata(doc, path)["run_id"] == run_id

    newer = {**doc, "format_version": FORMAT_VERSION + 1, "equipoise_version": "9.0"}
    path.write_text(json.dumps(newer))
    with pytest.raises(FormatVersionError, match=r"written by equipoise 9\.0 .* Upgrade"):
        store.get_run(run_id)
    with pytest.raises(FormatVersionError):
        store.write_batch(run_id, 0, make_batch(0))
    with pytest.raises(FormatVersionError, match="no format_version"):
        load_metadata({"run_id": run_id}, path)
    with pytest.raises(FormatVersionError, match="must be an integer"):
        load_metadata({**doc, "format_version": "1"}, path)
    with pytest.raises(StoreError, match="missing kind"):
        load_metadata({k: v for k, v in doc.items() if k != "kind"}, path)


def test_catalog_version_check(store: RunStore) -> None:
    new_run(store, n_batches=1)
    con = duckdb.connect(str(store.catalog_path))
    con.execute(
        "UPDATE store_info SET value = ? WHERE key = 'catalog_version'", [str(CATALOG_VERSION + 1)]
    )
    con.close()
    with pytest.raises(FormatVersionError, match="newer equipoise"):
        store.list_runs()


HOLD_CATALOG = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect({path!r})
    print("holding", flush=True)
    sys.stdin.readline()
    """
)


def test_locked_catalog_gives_a_clear_error(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_CATALOG.format(path=str(store.catalog_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        impatient = RunStore(store.root, lock_timeout=0.2)
        with pytest.raises(StoreLockedError, match="locked by another process"):
            impatient.get_run(run_id)
        with pytest.raises(StoreLockedError):
            impatient.write_batch(run_id, 0, make_batch(0))
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=30)
    # released: everything works, and the refused batch was not half-written
    assert store.completed_batches(run_id) == set()
    assert not list(store.root.rglob("*.tmp"))
    store.write_batch(run_id, 0, make_batch(0))


def test_default_root_and_open_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EQUIPOISE_RUNS", raising=False)
    assert default_root() == Path("equipoise-runs")
    monkeypatch.setenv("EQUIPOISE_RUNS", str(tmp_path / "elsewhere"))
    assert default_root() == tmp_path / "elsewhere"
    opened = open_store()
    assert isinstance(opened, RunStore) and opened.root == tmp_path / "elsewhere"
    assert "duckdb" in list_backends()
    with pytest.raises(StoreError, match="unknown store back-end"):
        open_store(tmp_path, backend="nope")


def test_real_trajectory_round_trips(store: RunStore) -> None:
    from equipoise.outputs import tidy_tables
    from equipoise.picture import picture
    from equipoise.scenario import load_scenario
    from equipoise.simulate import simulate

    tr = simulate(picture(load_scenario("indo-pacific-2021")).compiled, rng=3)
    tables = tidy_tables(tr)
    run_id = new_run(store, n_batches=1, kind="run", seed=3)
    store.write_batch(run_id, 0, tables)
    store.finish(run_id)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(store.read_table(run_id, name), frame, check_exact=True)
    # a skipped table is not built; the others are the same frames
    from equipoise.outputs import TABLES

    assert list(tables) == list(TABLES)
    fewer = tidy_tables(tr, skip=("dyads", "system"))
    assert list(fewer) == ["actors", "issues"]
    for name, frame in fewer.items():
        pd.testing.assert_frame_equal(frame, tables[name], check_exact=True)
    with pytest.raises(ValueError, match="unknown tables"):
        tidy_tables(tr, skip=("dyad",))


def test_run_folder_removed_by_hand_is_reported(store: RunStore) -> None:
    run_id = new_run(store, n_batches=1)
    folder = store.run_dir(run_id)
    folder.rename(folder.with_name("moved"))
    with pytest.raises(StoreError, match="is in the catalog, but its folder"):
        store.get_run(run_id)
    with pytest.raises(StoreError, match="is in the catalog, but its folder"):
        store.read_table(run_id, "actors")
    assert store.list_runs()["run_id"].tolist() == [run_id]


def test_deferred_interrupt_holds_ctrl_c_until_the_block_is_done() -> None:
    """A Ctrl-C inside a catalog write is raised after it, as a KeyboardInterrupt."""
    import threading

    from equipoise.store._files import deferred_interrupt

    before = signal.getsignal(signal.SIGINT)
    finished: list[bool] = []

    def interrupted_write() -> None:
        with deferred_interrupt():
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # the handler runs between bytecodes: let it
                pass
            finished.append(True)

    with pytest.raises(KeyboardInterrupt):
        interrupted_write()
    assert finished == [True] and signal.getsignal(signal.SIGINT) is before
    with deferred_interrupt():  # nothing received: nothing raised
        pass
    errors: list[BaseException] = []

    def in_thread() -> None:
        try:
            with deferred_interrupt():  # signals only reach the main thread: a no-op
                pass
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert errors == [] and signal.getsignal(signal.SIGINT) is before
