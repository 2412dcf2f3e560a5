"""The HTML report: figure builders (the data in each figure equals the run's data), the page
(self-contained, every claim and source in it, a table for every figure) and ``equipoise report``.

The report of the default scenario is built once per module with a small ensemble (12 members,
the sequential executor) and a results store in a temporary folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from markupsafe import escape
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.experiments import analysis
from equipoise.experiments.ensemble import BASELINE
from equipoise.experiments.executors import SequentialExecutor
from equipoise.experiments.outcomes import Outcome
from equipoise.experiments.plans.ensemble import summary_frame
from equipoise.outputs import start_forecasts
from equipoise.plotlyjs import BASIC, script_text, trace_types
from equipoise.report import build_report_data, load_report_data, render_report, write_report
from equipoise.report import figures as F
from equipoise.report.build import (
    QUANTILES,
    ReportData,
    differences_from_outcomes,
    is_run_id,
)
from equipoise.report.render import ReportFigures, json_script, plotly_js, report_figures
from equipoise.scenario import load_scenario, loads_scenario
from equipoise.store import RunStore
from equipoise.testing import template_text

MEMBERS = 12
runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> RunStore:
    return RunStore(tmp_path_factory.mktemp("report-store"))


@pytest.fixture(scope="module")
def data(store: RunStore) -> ReportData:
    scenario = load_scenario("indo-pacific-2021")
    with SequentialExecutor() as ex:
        return build_report_data(scenario, executor=ex, n_members=MEMBERS, store=store)


@pytest.fixture(scope="module")
def figs(data: ReportData) -> ReportFigures:
    return report_figures(data)


@pytest.fixture(scope="module")
def html(data: ReportData, figs: ReportFigures) -> str:
    return render_report(data, figures=figs, command="equipoise report")


def spec(figs: ReportFigures, key: str) -> F.FigureSpec:
    found = [f for f in figs.all() if f.key == key]
    assert len(found) == 1, f"no single figure {key!r}"
    return found[0]


def trace(fig: F.FigureSpec, name: str) -> dict[str, Any]:
    found = [t for t in fig.figure["data"] if t.get("name") == name]
    assert len(found) == 1, f"no single trace {name!r} in {fig.key}"
    return found[0]


def script_json(element: str) -> Any:
    m = re.fullmatch(r'<script type="application/json" id="[^"]*">(.*)</script>', element, re.S)
    assert m is not None
    return json.loads(m.group(1))


def assert_band(band: dict[str, Any], low: Any, high: Any) -> None:
    """A band is one polygon: the 95 % quantiles forward, then the 5 % quantiles back."""
    n = len(band["y"]) // 2
    assert band["fill"] == "toself" and len(band["y"]) == 2 * n
    assert close(band["y"][:n], high)
    assert close(band["y"][n:][::-1], low)


def close(a: Any, b: Any, rel: float = 1e-5) -> bool:
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    return x.shape == y.shape and bool(np.allclose(x, y, rtol=rel, atol=1e-9, equal_nan=True))


# --------------------------------------------------------------------------------------------
# figure builders: the data in each figure is the run's data


def test_power_bars_are_the_pictures_shares(data: ReportData, figs: ReportFigures) -> None:
    bar = spec(figs, "power-shares").figure["data"][0]
    shares = {a.code: a.power for a in data.picture.actors}
    assert sorted(bar["x"]) == sorted(shares)
    assert close(bar["y"], [shares[c] for c in bar["x"]])
    assert bar["y"] == sorted(bar["y"], reverse=True)  # largest first


def test_bands_are_the_summarise_quantiles_of_the_stored_ensemble(
    data: ReportData, figs: ReportFigures, store: RunStore
) -> None:
    band_run = data.runs[0].run_id
    assert band_run is not None
    outcomes = store.read_table(band_run, "outcomes")
    years = [float(y) for y in data.baseline.years]
    # polarity: one value per member and year, summarised by analysis.summarise
    values = np.column_stack(
        [
            outcomes[(outcomes["outcome"] == f"polarity@{y:g}") & (outcomes["arm"] == BASELINE)]
            .sort_values("member")["value"]
            .to_numpy()
            for y in years
        ]
    )
    assert values.shape == (MEMBERS, len(years))
    expected = analysis.summarise(values, quantiles=QUANTILES)
    fig = spec(figs, "polarity")
    assert close(trace(fig, "polarity")["y"], expected["q0.5"])
    assert_band(trace(fig, "polarity 5–95 %"), expected["q0.05"], expected["q0.95"])
    assert close(trace(fig, "polarity (baseline run)")["y"], data.baseline.polarity[0])
    # power of one actor, from the stored column of the outcome power(all actors)
    j = data.baseline.actors.index("RUS")
    codes = ",".join(data.baseline.actors)
    rus = np.column_stack(
        [
            outcomes[(outcomes["outcome"] == f"power({codes})@{y:g}") & (outcomes["index"] == j)]
            .sort_values("member")["value"]
            .to_numpy()
            for y in years
        ]
    )
    expected = analysis.summarise(rus, quantiles=QUANTILES)
    fig = spec(figs, "power-over-time")
    assert close(trace(fig, "RUS")["y"], expected["q0.5"])
    assert_band(trace(fig, "RUS 5–95 %"), expected["q0.05"], expected["q0.95"])
    assert close(trace(fig, "RUS (baseline run)")["y"], data.baseline.power[0, :, j])


def test_summary_frame_is_summarise() -> None:
    rng = np.random.default_rng(1)
    poles = rng.normal(2.0, 0.3, size=40)
    space = rng.uniform(0, 1, size=(40, 2))
    frame = summary_frame(
        {
            Outcome("polarity", (), None, 2021.0): poles,
            Outcome("strategic_space", ("RUS", "JPN"), None, 2021.0): space,
        }
    )
    q = analysis.summarise(poles[:, None], quantiles=QUANTILES).iloc[0]
    row = frame[frame["metric"] == "polarity"].iloc[0]
    assert (row["q05"], row["median"], row["q95"]) == (q["q0.05"], q["q0.5"], q["q0.95"])
    jpn = frame[(frame["metric"] == "strategic_space") & (frame["actor"] == "JPN")].iloc[0]
    assert jpn["median"] == pytest.approx(float(np.quantile(space[:, 1], 0.5)))


def test_bands_figure_builder_draws_what_it_is_given() -> None:
    years = (2021.0, 2022.0, 2023.0)
    s = F.Series(
        "X",
        years,
        median=(1.0, 2.0, 3.0),
        low=(0.5, 1.5, 2.5),
        high=(1.5, 2.5, 3.5),
        baseline=(1.0, 2.1, 2.9),
    )
    fig = F.bands_figure([s], key="k", title="t", y_title="y", what="x", n_members=10)
    assert trace(fig, "X")["y"] == [1.0, 2.0, 3.0]
    band = trace(fig, "X 5–95 %")
    assert band["fill"] == "toself" and band["x"] == [
        2021.0,
        2022.0,
        2023.0,
        2023.0,
        2022.0,
        2021.0,
    ]
    assert band["y"] == [1.5, 2.5, 3.5, 2.5, 1.5, 0.5]
    assert trace(fig, "X (baseline run)")["y"] == [1.0, 2.1, 2.9]
    assert "1.000 to 3.000" in fig.alt and "2.500–3.500" in fig.alt
    assert fig.table.columns == ("series", "statistic", "2021", "2022", "2023")
    assert fig.table.rows == (
        ("X", "median", 1.0, 2.0, 3.0),
        ("X", "5 %", 0.5, 1.5, 2.5),
        ("X", "95 %", 1.5, 2.5, 3.5),
        ("X", "baseline run", 1.0, 2.1, 2.9),
    )


def test_network_edges_are_the_relations_with_their_signs(
    data: ReportData, figs: ReportFigures
) -> None:
    tr = data.baseline
    codes = tr.actors
    for key, step in (("network-start", 0), ("network-end", tr.n_steps)):
        fig = spec(figs, key)
        R = tr.relations_at(step)[0]
        hover = trace(fig, "relations")
        drawn = {(a, b): w for a, b, w in hover["customdata"]}
        expected = {
            (codes[i], codes[j]): 0.5 * (R[i, j] + R[j, i])
            for i in range(len(codes))
            for j in range(i + 1, len(codes))
            if abs(0.5 * (R[i, j] + R[j, i])) >= F.EDGE_THRESHOLD
        }
        assert set(drawn) == set(expected)
        for pair, w in expected.items():
            assert drawn[pair] == pytest.approx(w, abs=1e-4)
        # green segments are the positive edges, red the negative, each drawn once
        n_green = sum(
            len([x for x in t["x"] if x is None])
            for t in fig.figure["data"]
            if t.get("line", {}).get("color") == F.COOPERATION_COLOR
        )
        n_red = sum(
            len([x for x in t["x"] if x is None])
            for t in fig.figure["data"]
            if t.get("line", {}).get("color") == F.HOSTILITY_COLOR
        )
        assert n_green == sum(1 for w in expected.values() if w > 0)
        assert n_red == sum(1 for w in expected.values() if w < 0)
        # blocs: node traces hold every actor once, grouped by the run's bloc labels
        nodes = [t for t in fig.figure["data"] if str(t.get("legendgroup", "")).startswith("bloc")]
        placed = {code: t["name"] for t in nodes for code in t["text"]}
        assert sorted(placed) == sorted(codes)
        for i, code in enumerate(codes):
            assert placed[code] == F.bloc_name(int(tr.blocs[0, step, i]))


def test_network_slider_has_a_frame_per_year(data: ReportData, figs: ReportFigures) -> None:
    fig = spec(figs, "network-over-time")
    frames = fig.figure["frames"]
    assert [f["name"] for f in frames] == [f"{y:g}" for y in data.baseline.years]
    assert len({len(f["data"]) for f in frames}) == 1  # the same traces in every frame
    steps = fig.figure["layout"]["sliders"][0]["steps"]
    assert [s["label"] for s in steps] == [f["name"] for f in frames]


def test_network_layout_is_deterministic(data: ReportData) -> None:
    R = data.baseline.relations_at(0)[0]
    codes = list(data.baseline.actors)
    a = F.network_layout(codes, R)
    b = F.network_layout(codes, R)
    assert a == b
    xy = np.array(list(a.values()))
    assert np.abs(xy).max() == pytest.approx(1.0)


def test_bargaining_figures_are_the_eu_rounds_and_the_forecasts(
    data: ReportData, figs: ReportFigures
) -> None:
    forecasts = start_forecasts(data.picture)
    for issue in data.scenario.issues:
        fig = spec(figs, f"bargaining-{issue.id}")
        actors, positions = data.eu_rounds[issue.id]
        declared = {p.actor: p.position for p in issue.positions}
        assert set(actors) == set(declared)
        for k, actor in enumerate(actors):
            assert close(trace(fig, actor)["y"], positions[:, k], rel=1e-3)
            assert positions[0, k] == declared[actor]  # round 0: the declared positions
        for model, value in forecasts[issue.id].items():
            line = [t for t in fig.figure["data"] if t.get("meta") == model]
            assert len(line) == 1 and close(line[0]["y"], [value, value])


def test_intervention_differences_are_the_paired_differences(
    data: ReportData, figs: ReportFigures, store: RunStore
) -> None:
    claims_run = data.runs[1].run_id
    assert claims_run is not None
    outcomes = store.read_table(claims_run, "outcomes")
    name = "us-russia-stabilisation"
    k = data.interventions.index(name)
    fig = spec(figs, f"intervention-{k + 1}")
    codes = ",".join(data.baseline.actors)
    j = data.baseline.actors.index("JPN")

    def values(arm: str) -> np.ndarray[Any, Any]:
        sel = outcomes[
            (outcomes["arm"] == arm)
            & (outcomes["outcome"] == f"strategic_space({codes})@2031")
            & (outcomes["index"] == j)
        ]
        return sel.sort_values("member")["value"].to_numpy()

    diff = analysis.paired_difference(values(BASELINE), values(name))
    panel = next(t for t in fig.figure["data"] if t["name"] == "strategic space")
    at = panel["y"].index("JPN 2031")
    assert panel["x"][at] == pytest.approx(float(diff.mean), rel=1e-5, abs=1e-9)
    assert panel["x"][at] - panel["error_x"]["arrayminus"][at] == pytest.approx(
        float(diff.low), abs=1e-6
    )
    assert panel["x"][at] + panel["error_x"]["array"][at] == pytest.approx(
        float(diff.high), abs=1e-6
    )
    # the claims that use the intervention are in its figure
    labels = [y for t in fig.figure["data"] for y in t["y"]]
    assert "JPN–RUS 2031" in labels  # relation(JPN,RUS), claim japan-russia-depends-on-us-russia


def test_claims_figure_is_the_verdicts(data: ReportData, figs: ReportFigures) -> None:
    fig = spec(figs, "claims-probabilities")
    points = {
        y: (x, v["name"]) for v in fig.figure["data"] for y, x in zip(v["y"], v["x"], strict=True)
    }
    assert set(points) == {c.id for c in data.claims} == {c.id for c in data.scenario.claims}
    for c in data.claims:
        assert points[c.id][0] == pytest.approx(c.probability, abs=1e-4)
        assert points[c.id][1] == c.verdict
        assert 0.0 <= c.low <= c.probability <= c.high <= 1.0


def test_built_in_claims_are_shown_apart_with_the_count(data: ReportData, html: str) -> None:
    """Issue 12: a claim that holds without the dynamics is never shown as a finding."""
    built = [c for c in data.claims if c.built_in]
    found = [c for c in data.claims if c.emergent is True]
    assert built and all(c.verdict == "built in" for c in built)
    assert all(c.model_verdict in ("supported", "contradicted") for c in built)
    assert f"{len(found)} findings, {len(built)} built in" in html
    findings, _, rest = html.partition('id="claims-built-in"')
    for c in built:
        assert f'id="claim-{c.id}"' in rest and f'id="claim-{c.id}"' not in findings
    for c in found:
        assert f'id="claim-{c.id}"' in findings


def test_every_figure_is_valid_plotly_with_alt_text_and_table(figs: ReportFigures) -> None:
    go = pytest.importorskip("plotly.graph_objects")
    keys = [f.key for f in figs.all()]
    assert len(keys) == len(set(keys))
    for f in figs.all():
        go.Figure(f.figure)  # raises on any property plotly does not know
        assert len(f.alt) > 40 and f.title
        assert f.table.rows and all(len(r) == len(f.table.columns) for r in f.table.rows)
        assert f.n_traces >= 1


def test_sensitivity_and_boxes_builders() -> None:
    sens = F.sensitivity_figure(
        "strategic_space(RUS)@2031",
        "sobol",
        [F.SensitivityBar("a", 0.2, 0.01, 0.1, 0.02), F.SensitivityBar("b", 0.6, 0.05, 0.5, 0.04)],
        key="s",
    )
    assert sens.figure["data"][0]["y"] == ["b", "a"] and sens.figure["data"][0]["x"] == [0.6, 0.2]
    box = F.boxes_figure(
        "x > 1",
        "chosen",
        [F.BoxLimit("u", 2.0, None, 0.0, 10.0)],
        coverage=0.8,
        density=0.9,
        key="b",
    )
    inner = box.figure["data"][1]
    assert inner["base"] == [0.2] and inner["x"] == [0.8]


# --------------------------------------------------------------------------------------------
# the page


def test_report_is_self_contained(html: str) -> None:
    assert html.count("<script") >= 3
    remote = re.findall(
        r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
        html,
        re.I,
    )
    assert remote == []
    assert not re.search(r"@import\s+url\(\s*[\"']?https?:", html)
    # one plotly.js copy, the basic partial bundle (the report draws scatter and bar traces)
    assert html.count("Copyright 2012-") == 1
    assert "plotly.js (basic - minified) v" in html


def test_report_inlines_the_smallest_bundle_that_draws_it(figs: ReportFigures) -> None:
    assert trace_types(f.figure for f in figs.all()) == {"scatter", "bar"}
    assert plotly_js(figs) == script_text(BASIC.path)

    # a figure with a trace outside the partial bundle makes the report inline the full one
    def with_trace(kind: str) -> ReportFigures:
        extra = F.FigureSpec(
            key=kind,
            title="t",
            alt="a",
            figure={"data": [{"type": kind}], "layout": {}},
            table=F.DataTable(("x",), ((1.0,),)),
        )
        return ReportFigures(power=[*figs.power, extra])

    full = plotly_js(with_trace("scatter3d"))
    assert "plotly.js v" in full[:400] and "minified)" not in full[:400]
    assert "(cartesian - minified)" in plotly_js(with_trace("heatmap"))[:400]


def test_report_holds_every_claim_quote_and_attribution(data: ReportData, html: str) -> None:
    for claim in data.scenario.claims:
        assert f'id="claim-{claim.id}"' in html
        assert str(escape(claim.quote)) in html
        assert str(escape(claim.source)) in html
        for holder in claim.holders:
            assert str(escape(holder)) in html


def test_report_holds_every_source(data: ReportData, html: str) -> None:
    s = data.scenario
    for ind in s.indicators:
        assert str(escape(ind.source)) in html
        for src in ind.sources.values():
            assert str(escape(src)) in html
    for rel in s.relations:
        assert str(escape(rel.source)) in html
    for tie in s.ties:
        assert str(escape(tie.source)) in html
    for trend in s.trends:
        assert str(escape(trend.source)) in html
    for event in s.events:
        assert str(escape(event.source)) in html
    for src in s.scenario.sources:
        assert str(escape(src)) in html


def test_every_figure_has_alt_text_table_and_its_data(figs: ReportFigures, html: str) -> None:
    for f in figs.all():
        assert f'data-figure="{f.key}"' in html
        assert f'aria-label="{escape(f.title)}: {escape(f.alt)}"' in html
        m = re.search(
            rf'<script type="application/json" id="{re.escape(f.key)}-data">(.*?)</script>',
            html,
            re.S,
        )
        assert m is not None
        assert json.loads(m.group(1)) == script_json(str(json_script(f.figure, "x")))
    assert html.count('<details class="table-version">') == len(figs.all())


def test_json_script_cannot_close_the_element() -> None:
    out = str(json_script({"text": "</script><script>alert(1)</script> & <b>"}, "k"))
    assert out.count("</script>") == 1 and "<b>" not in out
    assert script_json(out) == {"text": "</script><script>alert(1)</script> & <b>"}


def test_write_report_never_overwrites_silently(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    assert write_report("<p>one</p>", path) == len("<p>one</p>")
    from equipoise.errors import InputError

    with pytest.raises(InputError, match="--force"):
        write_report("<p>two</p>", path)
    assert path.read_text() == "<p>one</p>"
    write_report("<p>two</p>", path, force=True)
    assert path.read_text() == "<p>two</p>"
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


# --------------------------------------------------------------------------------------------
# stored runs


def test_rebuilt_from_the_stored_runs(data: ReportData, store: RunStore) -> None:
    ids = [r.run_id for r in data.runs if r.run_id]
    assert len(ids) == 2 and all(is_run_id(i) for i in ids)
    again = load_report_data(store, ids)
    assert again.notes == ()

    def row(c: Any) -> tuple[Any, ...]:
        return (c.id, c.verdict, c.probability, c.low, c.high, c.model_verdict, c.emergent)

    assert [row(c) for c in again.claims] == [row(c) for c in data.claims]
    assert [(c.carried_by, c.p_without_dynamics) for c in again.claims] == [
        (c.carried_by, c.p_without_dynamics) for c in data.claims
    ]
    assert again.summary is not None and data.summary is not None
    assert np.allclose(again.summary["median"], data.summary["median"], equal_nan=True)
    assert again.interventions == data.interventions
    assert data.differences is not None and again.differences is not None
    assert np.allclose(again.differences["low"], data.differences["low"], rtol=1e-5, equal_nan=True)
    assert np.allclose(
        again.differences["difference"], data.differences["difference"], equal_nan=True
    )


def test_differences_from_a_runs_outcomes(data: ReportData, store: RunStore) -> None:
    claims_run = data.runs[1].run_id
    assert claims_run is not None
    table = store.read_table(claims_run, "outcomes")
    frame = differences_from_outcomes(table, data.scenario)
    assert data.differences is not None
    merged = frame.merge(
        data.differences, on=["intervention", "metric", "entity", "year"], suffixes=("", "_built")
    )
    assert len(merged) == len(data.differences)
    assert np.allclose(merged["difference"], merged["difference_built"], equal_nan=True)


# --------------------------------------------------------------------------------------------
# the command


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    path.write_text(template_text("example"), encoding="utf-8")
    return path


def invoke(*args: str) -> Any:
    return runner.invoke(app, ["report", *args])


@pytest.fixture
def cli_paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "report.html", tmp_path / "runs"


@pytest.mark.slow
def test_cli_end_to_end_default_scenario(cli_paths: tuple[Path, Path]) -> None:
    out, runs = cli_paths
    result = invoke(
        "--members",
        "20",
        "--executor",
        "local",
        "--store",
        str(runs),
        "-o",
        str(out),
        "--json",
        "-q",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"path", "bytes", "figures", "seconds"}
    assert Path(doc["path"]) == out.resolve() and doc["bytes"] == out.stat().st_size > 1_000_000
    assert "power-shares" in doc["figures"] and "claims-probabilities" in doc["figures"]
    text = out.read_text(encoding="utf-8")
    assert "stabilisation-strategic-space" in text
    # the runs it recorded rebuild the report without running anything
    again = out.with_name("again.html")
    result = invoke(*doc["runs"], "--store", str(runs), "-o", str(again), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["figures"] == doc["figures"]


def test_cli_refuses_to_overwrite(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("keep me", encoding="utf-8")
    result = invoke(
        str(example),
        "--members",
        "4",
        "--executor",
        "local",
        "--store",
        str(tmp_path / "runs"),
        "-o",
        str(out),
    )
    assert result.exit_code == 1
    assert "exists" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "runs").exists()  # refused before running anything
    result = invoke(
        str(example),
        "--members",
        "4",
        "--executor",
        "local",
        "--store",
        str(tmp_path / "runs"),
        "-o",
        str(out),
        "--force",
        "-q",
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "wrote" in result.stdout


def test_cli_bad_arguments(example: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "r.html")
    result = invoke(str(example), "indo-pacific-2021", "-o", out)
    assert result.exit_code == 1 and "one scenario" in result.output
    result = invoke(str(example), "--executor", "threads", "-o", out)
    assert result.exit_code == 1 and "--executor" in result.output
    result = invoke("20260101-000000-abcd", "--store", str(tmp_path / "none"), "-o", out)
    assert result.exit_code == 2 and "20260101-000000-abcd" in result.output
    assert not Path(out).exists()


def test_cli_stored_sensitivity_and_discovery_runs(example: Path, tmp_path: Path) -> None:
    runs = str(tmp_path / "runs")
    common = ["--executor", "local", "--store", runs, "--json", "-q"]
    sens = runner.invoke(
        app,
        [
            "sensitivity",
            str(example),
            "--metric",
            "strategic_space(JPN)@2031",
            "--base-samples",
            "8",
            *common,
        ],
    )
    assert sens.exit_code == 0, sens.output
    disc = runner.invoke(
        app,
        [
            "discover",
            str(example),
            "--outcome",
            "strategic_space(JPN)@2031 > 0.7",
            "--members",
            "40",
            "--algorithm",
            "cart",
            *common,
        ],
    )
    assert disc.exit_code == 0, disc.output
    claims = runner.invoke(app, ["claims", str(example), "--members", "8", *common])
    assert claims.exit_code == 0, claims.output
    ids = [json.loads(r.stdout)["run_id"] for r in (sens, disc, claims)]
    out = tmp_path / "r.html"
    result = invoke(str(example), *ids, "--store", runs, "-o", str(out), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert "sensitivity-1" in figures
    assert any(f.startswith("discovery-1-") for f in figures)
    assert "claims-probabilities" in figures
    assert "intervention-1" in figures  # from the claims run's stored outcomes


def test_a_report_refuses_a_damaged_run(tmp_path: Path) -> None:
    from equipoise.experiments.plans import EnsemblePlan, run_plan
    from equipoise.store import DamagedRunError
    from equipoise.testing import mini_scenario_text

    store = RunStore(tmp_path / "runs")
    s = loads_scenario(mini_scenario_text())
    result = run_plan(EnsemblePlan(scenario=s, n_members=4), store=store)
    run_id = result.run.run_id
    assert run_id is not None
    batch = next((store.run_dir(run_id) / "system").glob("batch-*.parquet"))
    batch.write_bytes(batch.read_bytes()[:-20] + b"\0" * 20)  # same size, other bytes
    with pytest.raises(DamagedRunError, match="system"):
        load_report_data(store, [run_id], scenario=s)
