"""Scenario commands: validate, schema, scenarios, new, show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, guarded, out
from equipoise.errors import InputError, Problem

if (
    TYPE_CHECKING
):  # the scenario package (pydantic) and rich's tables load when a command needs them
    from rich.table import Table

    from equipoise.scenario.schema import Change, Scenario

T_ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        help="Bundled scenario name or path to a .toml file (default: indo-pacific-2021).",
        show_default=False,
    ),
]
T_Json = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def scenario_ref(ref: str | None) -> str | Path:
    """Turn a CLI argument into a scenario reference (bundled name, else a path)."""
    from equipoise.scenario import DEFAULT_SCENARIO

    if ref is None:
        return DEFAULT_SCENARIO
    if Path(ref).suffix == ".toml" or "/" in ref or Path(ref).is_file():
        return Path(ref)
    return ref


def recorded_ref(ref: str | None) -> str:
    """Return how to find a scenario argument again: a bundled name, or a file's absolute path.

    Runs record it, so that ``--resume`` and the web app load the same file from any folder.
    """
    target = scenario_ref(ref)
    return str(target.resolve()) if isinstance(target, Path) else target


def load_checked(ref: str | Path | None) -> Scenario:
    """Load a scenario (a CLI argument) with every problem located, those of its power too.

    Besides the schema and the references, what only the computed power shows (a power index
    without its indicators, an issue nobody can weigh: :func:`equipoise.compile.compile_problems`)
    is located in the file, for every command.
    """
    from equipoise.compile import compile_problems
    from equipoise.scenario import load_scenario

    target = ref if isinstance(ref, Path) else scenario_ref(ref)
    return load_scenario(target, checks=(compile_problems,))


def summary(s: Scenario) -> dict[str, Any]:
    """Return the counts of each section of a scenario."""
    return {
        "name": s.scenario.name,
        "title": s.scenario.title,
        "start_year": s.scenario.start_year,
        "horizon": s.scenario.horizon,
        "actors": len(s.actors),
        "indicators": len(s.indicators),
        "relations": len(s.relations),
        "issues": len(s.issues),
        "events": len(s.events),
        "effects": len(s.effects),
        "interventions": len(s.interventions),
        "uncertainties": len(s.uncertainties),
        "shocks": len(s.shocks),
        "claims": len(s.claims),
    }


@app.command()
def validate(
    file: Annotated[
        str, typer.Argument(help="Scenario file (or bundled name) to check.", show_default=False)
    ],
    as_json: T_Json = False,
) -> None:
    """Check a scenario file and report every problem, with file, line and field path.

    Exit status 0 if valid, 1 if not. The file is only read, never changed.
    """
    with guarded(as_json=as_json):
        scenario = load_checked(file)
        info = summary(scenario)
        if as_json:
            emit_json({"ok": True, "file": str(file), **info, "problems": []})
            return
        counts = ", ".join(
            f"{info[k]} {k}"
            for k in ("actors", "relations", "issues", "interventions", "shocks", "claims")
        )
        out.print(f"[green]ok[/green]: {file} is a valid scenario ({counts}).", highlight=False)


@app.command()
def schema(
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the schema to this file.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
) -> None:
    """Print the scenario format's JSON Schema (for editors to check and complete files)."""
    with guarded():
        from equipoise.scenario.schema import Scenario

        document = Scenario.model_json_schema(mode="validation")
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["title"] = "equipoise scenario"
        props = document.setdefault("properties", {})
        props["extends"] = {
            "type": "string",
            "description": "Bundled scenario name or path of the scenario this file patches.",
        }
        props["remove"] = {
            "type": "array",
            "items": {"type": "string"},
            "description": "Entries of the extended scenario to drop, e.g. 'relations.USA-RUS'.",
        }
        text = json.dumps(document, indent=2, ensure_ascii=False)
        if out_file is None:
            typer.echo(text)
            return
        if out_file.exists() and not force:
            raise InputError(
                Problem("already exists; use --force to overwrite", file=str(out_file))
            )
        out_file.write_text(text + "\n", encoding="utf-8")
        out.print(f"wrote {out_file}")


@app.command()
def scenarios(as_json: T_Json = False) -> None:
    """List the bundled scenarios."""
    with guarded(as_json=as_json):
        from equipoise.scenario import DEFAULT_SCENARIO, bundled_names, library_dir, load_scenario

        rows = []
        for name in bundled_names():
            s = load_scenario(name)
            rows.append(
                {
                    **summary(s),
                    "path": str(library_dir() / f"{name}.toml"),
                    "default": name == DEFAULT_SCENARIO,
                }
            )
        if as_json:
            emit_json({"scenarios": rows})
            return
        from rich.table import Table

        table = Table(title="Bundled scenarios")
        for col in ("name", "title", "start", "horizon", "actors", "issues", "claims"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                r["name"] + (" (default)" if r["default"] else ""),
                r["title"],
                str(r["start_year"]),
                f"{r['horizon']} y",
                str(r["actors"]),
                str(r["issues"]),
                str(r["claims"]),
            )
        out.print(table)


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="Name of the new scenario (file NAME.toml).")],
    directory: Annotated[
        Path, typer.Option("--dir", "-d", help="Folder to write into.", file_okay=False)
    ] = Path(),
    as_json: T_Json = False,
) -> None:
    """Write a commented template scenario NAME.toml to edit (never overwrites a file)."""
    with guarded(as_json=as_json):
        stem = name.removesuffix(".toml")
        slug = Path(stem).name
        import re

        if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,63}", slug):
            raise InputError(
                Problem(
                    "a scenario name uses lowercase letters, digits, '-', '_' or '.', "
                    f"got {slug!r}",
                    path="NAME",
                )
            )
        target = directory / f"{slug}.toml"
        if target.exists():
            raise InputError(
                Problem(
                    "already exists; nothing was written (choose another name)", file=str(target)
                )
            )
        if not directory.is_dir():
            raise InputError(Problem("folder does not exist", file=str(directory)))
        from equipoise.scenario import library_dir

        text = (library_dir() / "_template.toml").read_text(encoding="utf-8")
        text = text.replace("__NAME__", slug).replace("__FILE__", str(target))
        with target.open("x", encoding="utf-8") as handle:  # 'x': fails rather than overwrite
            handle.write(text)
        if as_json:
            emit_json({"ok": True, "file": str(target)})
        else:
            out.print(
                f"wrote {target}; check it with: equipoise validate {target}", highlight=False
            )


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _change_text(change: Change) -> str:
    for op in ("set", "add", "scale"):
        value = getattr(change, op)
        if value is not None:
            return f"{change.target} {op} {value}"
    return str(change.target)  # pragma: no cover - a change always has an operation


def _size_text(size: Any) -> str:
    if isinstance(size, bool | int | float):
        return f"{size:g}" if not isinstance(size, bool) else str(size).lower()
    params = {
        k: getattr(size, k)
        for k in ("low", "mode", "high", "mean", "sd", "choices")
        if getattr(size, k) is not None
    }
    return f"{size.distribution}(" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"


def shocks_table(s: Scenario) -> Table:
    """Return the table of a scenario's shocks: timing, whom they hit, changes and source."""
    from rich.table import Table

    table = Table(title="Shocks (declared stochastic processes, drawn per member)")
    for col in ("name", "when", "hits", "changes", "source"):
        table.add_column(col)
    for shock in s.shocks:
        if shock.kind == "hazard":
            when = f"{shock.rate:g} a year"
        else:
            years = ", ".join(f"{y:g}" for y in shock.at_years or ())
            when = f"p {shock.probability:g} at {years}"
        if shock.duration is not None:
            when += f"; undone after {shock.duration:g} y"
        hits = f"{shock.pick} of {', '.join(shock.actors)}" if shock.actors else ""
        changes = "; ".join(f"{ch.target} {ch.op} {_size_text(ch.size)}" for ch in shock.changes)
        table.add_row(shock.name, when, hits, changes, shock.source)
    return table


def scenario_tables(s: Scenario) -> list[Table]:
    """Build the rich tables that show a scenario."""
    from rich.table import Table

    tables: list[Table] = []
    meta = Table(title=f"{s.scenario.name}: {s.scenario.title}", show_header=False)
    meta.add_column("field", style="bold")
    meta.add_column("value")
    meta.add_row("description", s.scenario.description)
    meta.add_row("years", f"{s.scenario.start_year}–{s.end_year:g} (step {s.scenario.time_step:g})")
    meta.add_row("seed", str(s.scenario.seed))
    meta.add_row("power index", s.scenario.power_index)
    tables.append(meta)

    actors = Table(title="Actors")
    for col in ("code", "name", "kind", "aliases"):
        actors.add_column(col)
    for a in s.actors:
        actors.add_row(a.code, a.name, a.kind, ", ".join(a.aliases))
    tables.append(actors)

    if s.indicators:
        ind = Table(title="Indicators")
        for col in ("indicator", "year", "unit", "actors", "source"):
            ind.add_column(col)
        for i in s.indicators:
            ind.add_row(i.name, str(i.year), i.unit, str(len(i.values)), i.source)
        tables.append(ind)

    if s.trends:
        tr = Table(title="Trends (yearly growth of indicators)")
        for col in ("indicator", "method", "rates", "source"):
            tr.add_column(col)
        for trend in s.trends:
            if trend.method == "rate":
                rates = ", ".join(f"{a} {r:+.1%}" for a, r in trend.rates.items())
            else:
                rates = f"compound growth {trend.from_year}–{trend.to_year}"
            tr.add_row(trend.indicator, trend.method, rates, trend.source)
        tables.append(tr)

    if s.relations:
        rel = Table(title="Relations")
        for col in ("pair", "kind", "weight", "since", "commitment", "bounds", "source"):
            rel.add_column(col)
        for r in s.relations:
            style = "green" if r.weight > 0 else ("red" if r.weight < 0 else "")
            rel.add_row(
                "–".join(r.pair) + (" (directed)" if r.directed else ""),
                r.kind,
                f"[{style}]{r.weight:+.2f}[/{style}]" if style else f"{r.weight:+.2f}",
                str(r.since or ""),
                "yes" if r.is_commitment else "",
                "" if r.bounds is None else f"[{r.bounds[0]:+.2f}, {r.bounds[1]:+.2f}]",
                r.source,
            )
        tables.append(rel)

    if s.ties:
        ti = Table(title="Ties (economic dependence of one actor on another)")
        for col in ("of", "on", "value", "kind", "year", "source"):
            ti.add_column(col)
        for tie in s.ties:
            ti.add_row(
                tie.of, tie.on, f"{tie.value:.2f}", tie.kind, str(tie.year or ""), tie.source
            )
        tables.append(ti)

    for issue in s.issues:
        t = Table(title=f"Issue {issue.id}: {issue.name} (0 = {issue.low}; 100 = {issue.high})")
        for col in ("actor", "position", "salience", "clout", "note"):
            t.add_column(col)
        for p in issue.positions:
            t.add_row(p.actor, _fmt(p.position, 0), _fmt(p.salience), _fmt(p.clout, 3), p.note)
        tables.append(t)

    if s.events:
        ev = Table(title="Events")
        for col in ("year", "id", "name", "changes"):
            ev.add_column(col)
        for e in sorted(s.events, key=lambda e: (e.year, e.month or 0)):
            history = " (history)" if e.year < s.scenario.start_year else ""
            ev.add_row(f"{e.year}{history}", e.id, e.name, str(len(e.changes)))
        tables.append(ev)

    if s.effects:
        ef = Table(title="Effects (the scenario's theory of the case)")
        for col in ("id", "when", "changes", "mode"):
            ef.add_column(col)
        for effect in s.effects:
            cond = effect.when
            when = cond.target + (
                f" > {cond.above:g}" if cond.above is not None else f" < {cond.below:g}"
            )
            changes = "; ".join(_change_text(ch) for ch in effect.changes)
            ef.add_row(effect.id, when, changes, effect.mode)
        tables.append(ef)

    if s.interventions:
        iv = Table(title="Interventions")
        for col in ("name", "year", "description"):
            iv.add_column(col)
        for intervention in s.interventions:
            iv.add_row(intervention.name, str(intervention.year), intervention.description)
        tables.append(iv)

    if s.uncertainties:
        un = Table(title="Uncertainties")
        for col in ("name", "target", "distribution"):
            un.add_column(col)
        for u in s.uncertainties:
            params = {
                k: getattr(u, k)
                for k in ("low", "mode", "high", "mean", "sd", "choices")
                if getattr(u, k) is not None
            }
            un.add_row(
                u.name,
                u.target,
                ("multiverse " if u.multiverse else "")
                + f"{u.distribution}("
                + ", ".join(f"{k}={v}" for k, v in params.items())
                + ")",
            )
        tables.append(un)

    if s.shocks:
        tables.append(shocks_table(s))

    from equipoise.scenario.vocabulary import PARAMETERS

    model = Table(title="Model parameters (declared, or the default)")
    for col in ("parameter", "value", "default", "range", "meaning"):
        model.add_column(col)
    for name, spec in PARAMETERS.items():
        value = s.parameters.get(name, spec.default)
        model.add_row(
            name,
            f"{value:g}" + ("" if name in s.parameters else " (default)"),
            f"{spec.default:g}",
            f"{spec.low:g}–{spec.high:g}",
            spec.description,
        )
    tables.append(model)

    if s.claims:
        cl = Table(title="Claims")
        for col in ("id", "holders", "claim", "test"):
            cl.add_column(col)
        for c in s.claims:
            test = f"{c.metric}({', '.join(c.actors) or c.issue or ''}) {c.expect}"
            test += f" {c.threshold:g}" if c.threshold is not None else f" vs {c.compare}"
            test += f" by +{c.horizon} y" + (f" if {c.condition}" if c.condition else "")
            cl.add_row(c.id, ", ".join(c.holders), c.statement, test)
        tables.append(cl)
    return tables


@app.command()
def show(scenario: T_ScenarioArg = None, as_json: T_Json = False) -> None:
    """Print a scenario as tables (or, with --json, its full content)."""
    with guarded(as_json=as_json):
        s = load_checked(scenario)
        if as_json:
            emit_json(s.to_dict())
            return
        for table in scenario_tables(s):
            out.print(table)


__all__ = ["recorded_ref", "scenario_ref", "scenario_tables", "shocks_table", "summary"]
