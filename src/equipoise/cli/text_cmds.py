"""Commentary commands: ``extract`` a draft patch from a text, ``review`` its items.

``extract`` reads a text into a draft patch; ``review`` accepts, edits or rejects each item.

Only typer, rich and the standard library are imported here; the reader is imported inside the
commands so that the CLI starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from equipoise.cli._app import app
from equipoise.cli._common import emit_json, err, guarded, out
from equipoise.errors import InputError, Problem

#: Texts longer than this show a progress bar while they are read.
PROGRESS_CHARS = 100_000


def _check_new(path: Path | None, option: str) -> None:
    if path is not None and path.exists():
        raise InputError(
            Problem(
                f"already exists; choose another name for {option} (nothing was written)",
                file=str(path),
            )
        )


@app.command()
def extract(
    text: Annotated[
        Path, typer.Argument(help="Plain-text or Markdown file of commentary.", show_default=False)
    ],
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            "-s",
            help="Scenario whose actors, interventions and issues come first (default: indo-pacific-2021).",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The text's date, YYYY-MM-DD: relative dates ('last May') are resolved against it.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was found as JSON.")] = False,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write a draft scenario patch (never overwrites)."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Write a self-contained HTML page of the text with every item highlighted.",
        ),
    ] = None,
) -> None:
    """Read commentary: actors, relations, events and claims, each with the characters that support it.

    With --out the findings become a scenario patch that extends the scenario, every item
    marked draft with its evidence; review it with `equipoise review`.
    """
    with guarded(as_json=as_json):
        from equipoise.scenario import DEFAULT_SCENARIO, load_scenario
        from equipoise.text.dates import parse_ref_date
        from equipoise.text.pipeline import extract as read
        from equipoise.text.pipeline import scenario_context
        from equipoise.text.reading import read_text

        try:
            ref_date = parse_ref_date(date)
        except ValueError as exc:
            raise InputError(Problem(f"{exc} (a real calendar date)", path="--date")) from None
        _check_new(out_file, "--out")
        _check_new(html, "--html")
        body = read_text(text)
        ref = scenario or DEFAULT_SCENARIO
        scen = load_scenario(Path(ref) if (ref.endswith(".toml") or "/" in ref) else ref)
        ctx = scenario_context(scen)
        if len(body) > PROGRESS_CHARS:
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(
                TextColumn("reading {task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task(text.name, total=len(body))
                found = read(
                    body,
                    file=str(text),
                    scenario=ctx,
                    date=ref_date,
                    progress=lambda done, total: bar.update(task, completed=done),
                )
        else:
            found = read(body, file=str(text), scenario=ctx, date=ref_date)
        if found.empty:
            err.print(
                f"{text}: nothing found: no actor, relation, event or claim in {found.chars:,} "
                f"characters ({found.sentences} sentences). Is it commentary in English about states?",
                markup=False,
                highlight=False,
            )
        if out_file is not None and not found.empty:
            from equipoise.text.draft import build_draft, extends_ref, header, write_draft

            ext = extends_ref(scenario, out_file)
            draft = build_draft(found, body, scenario=scen, extends=ext, source_file=str(text))
            write_draft(draft, out_file, head=header(str(text), ext, found.date))
            if not as_json:
                counts = ", ".join(f"{n} {k}" for k, n in draft.counts().items())
                out.print(
                    f"[green]wrote[/green] {out_file} ({counts}); it extends {ext}.",
                    highlight=False,
                )
                for why in draft.left_out:
                    out.print(f"  left out: {why}", markup=False, highlight=False)
        if html is not None:
            from equipoise.text.html import render_html

            html.write_text(render_html(found, body, title=text.name), encoding="utf-8")
            if not as_json:
                out.print(f"[green]wrote[/green] {html}", highlight=False)
        if as_json:
            emit_json(found.to_json())
            return
        _summary(found, body)


def _summary(found: Any, body: str) -> None:
    from rich.table import Table

    out.print(
        f"{found.file}: {len(found.actors)} actors, {len(found.relations)} relations, "
        f"{len(found.events)} events, {len(found.claims)} claims, {len(found.issues)} issue mentions "
        f"({found.chars:,} characters, {found.sentences} sentences{', an interview' if found.interview else ''}).",
        highlight=False,
    )
    if found.actors:
        out.print(
            "actors: " + ", ".join(f"{a.code}×{len(a.mentions)}" for a in found.actors),
            highlight=False,
        )
    if found.relations:
        t = Table("pair", "sign", "kind", "modality", "trigger", "span", title="relations")
        for r in found.relations:
            t.add_row(
                f"{r.a}–{r.b}",
                f"{r.sign:+d}",
                r.kind,
                r.modality,
                r.trigger,
                f"{r.span[0]}–{r.span[1]}",
            )
        out.print(t)
    if found.events:
        t = Table("date", "actors", "what", title="events")
        for e in found.events:
            t.add_row(e.date or "—", ",".join(e.actors), e.what[:70])
        out.print(t)
    if found.claims:
        t = Table("holder", "condition", "metric", "direction", "actors", "span", title="claims")
        for c in found.claims:
            cond = c.intervention or (c.condition[:40] if c.condition else "—")
            t.add_row(
                c.holder,
                cond,
                c.metric,
                c.direction or "—",
                ",".join(c.actors),
                f"{c.span[0]}–{c.span[1]}",
            )
        out.print(t)


@app.command()
def review(
    draft: Annotated[
        Path,
        typer.Argument(
            help="A draft patch written by `equipoise extract --out`.", show_default=False
        ),
    ],
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Where to write the accepted items (default: DRAFT.reviewed.toml; never overwrites).",
        ),
    ] = None,
) -> None:
    """Walk the drafted items one by one: accept (a), edit (e), reject (r) or quit (q).

    Each item is shown with its quote highlighted in its paragraph. Edits are TOML lines
    (`kind = "rivalry"`), an empty line ends them. Only accepted items are written, to a new
    file, checked with the scenario it extends. Answers can be piped on stdin.
    """
    with guarded():
        from equipoise.text.review import ReviewSession

        target = out_file or draft.with_name(f"{draft.stem}.reviewed.toml")
        _check_new(target, "--out")
        session = ReviewSession.open(draft)
        n = session.run(ask=_ask, show=_show)
        path = session.write(target)
        out.print(
            f"[green]wrote[/green] {path}: {n['accepted']} accepted ({n['edited']} edited), "
            f"{n['rejected']} rejected"
            + (f", {n['added']} added because accepted items need them" if n["added"] else "")
            + ".",
            highlight=False,
        )


def _ask(prompt: str) -> str:
    out.print(prompt, end="", markup=False, highlight=False)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _show(
    section: str, index: int, total: int, summary: str, context: list[tuple[str, bool]]
) -> None:
    from rich.text import Text

    out.rule(f"{index}/{total} {section}")
    out.print(summary, markup=False, highlight=False)
    shown = Text()
    for piece, highlight in context:
        shown.append(piece, style="bold black on yellow" if highlight else None)
    out.print(shown)


__all__ = ["extract", "review"]
