"""``equipoise run``: run a scenario and print the system's picture."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, guarded, out
from equipoise.cli.scenario_cmds import T_Json, T_ScenarioArg, scenario_ref
from equipoise.picture import Picture, picture
from equipoise.scenario import load_scenario


def _heat(value: float) -> str:
    if value == 0:
        return "[dim]·[/dim]"
    style = "green" if value > 0 else "red"
    strength = "bold " if abs(value) >= 0.5 else ""
    return f"[{strength}{style}]{value:+.1f}[/{strength}{style}]"


def picture_tables(pic: Picture) -> list[Table]:
    """Build the rich tables of the system's picture."""
    c = pic.compiled
    s = c.scenario
    tables: list[Table] = []
    power = Table(
        title=f"Power in {s.scenario.start_year} (index: {s.scenario.power_index}; shares of the region)"
    )
    power.add_column("rank", justify="right")
    power.add_column("actor")
    power.add_column("name")
    power.add_column(s.scenario.power_index, justify="right")
    others = [k for k in c.power_detail if k != s.scenario.power_index]
    for k in others:
        power.add_column(k, justify="right")
    for a in sorted(pic.actors, key=lambda a: (a.rank, a.code)):
        bar = "█" * round(a.power * 40)
        power.add_row(
            str(a.rank),
            a.code,
            a.name,
            f"{a.power:.3f} {bar}",
            *[f"{a.indices[k]:.3f}" for k in others],
        )
    tables.append(power)

    rel = Table(title="Relations (signed weights; green cooperation, red hostility)")
    rel.add_column("")
    for code in c.actors:
        rel.add_column(code, justify="center")
    for i, code in enumerate(c.actors):
        rel.add_row(code, *[_heat(float(c.relations[i, j])) if i != j else "" for j in range(c.n)])
    tables.append(rel)

    for issue in s.issues:
        t = Table(title=f"Issue {issue.id}: {issue.name}  (0 = {issue.low}; 100 = {issue.high})")
        t.add_column("actor")
        t.add_column("position", justify="right")
        t.add_column("salience", justify="right")
        for p in sorted(issue.positions, key=lambda p: p.position):
            t.add_row(p.actor, f"{p.position:.0f}", f"{p.salience:.2f}")
        tables.append(t)
    return tables


@app.command()
def run(scenario: T_ScenarioArg = None, as_json: T_Json = False) -> None:
    """Run a scenario (default: the bundled indo-pacific-2021) and print the system's picture."""
    with guarded(as_json=as_json):
        pic = picture(load_scenario(scenario_ref(scenario)))
        data: dict[str, Any] = pic.to_dict()
        if as_json:
            emit_json(data)
            return
        for table in picture_tables(pic):
            out.print(table)
        for note in pic.compiled.notes:
            out.print(f"[yellow]note:[/yellow] {note}", highlight=False)
