"""``equipoise serve``: the web app (browse, edit and run scenarios in a browser)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from equipoise.cli._app import app
from equipoise.cli._common import err, guarded, out
from equipoise.errors import InputError, Problem


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind; the default serves this computer only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    scenario_dir: Annotated[
        Path,
        typer.Option(
            "--scenario-dir",
            help="Folder of your scenarios (listed; edits are saved there; created if absent).",
            file_okay=False,
        ),
    ] = Path("scenarios"),
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Results store folder: every run is recorded there and every run of it is "
            "shown (default $EQUIPOISE_RUNS or ./equipoise-runs, as every command).",
            file_okay=False,
        ),
    ] = None,
    runs_dir: Annotated[
        Path | None,
        typer.Option(
            "--runs-dir",
            help="Deprecated: the same as --store.",
            file_okay=False,
            hidden=True,
        ),
    ] = None,
) -> None:
    """Serve the web app: browse, view and edit scenarios, launch runs, a JSON API under /api.

    Binds 127.0.0.1 by default, so only this computer can reach it. Runs are those of the
    results store (--store), the same as `equipoise runs list` shows. See docs/web.md.
    """
    with guarded():
        import uvicorn

        from equipoise.store import default_root
        from equipoise.web.app import WebConfig, create_app
        from equipoise.web.security import LOOPBACK_HOSTS
        from equipoise.web.server import server_config

        if runs_dir is not None:
            if store is not None:
                raise InputError(
                    Problem(
                        "give --store only (--runs-dir is its deprecated name)", path="--runs-dir"
                    )
                )
            err.print(
                "[yellow]warning:[/yellow] --runs-dir is deprecated and will be removed: the "
                f"web app keeps its runs in the results store; use --store {runs_dir}",
                highlight=False,
            )
            store = runs_dir
        store = store if store is not None else default_root()
        for folder, option in ((scenario_dir, "--scenario-dir"), (store, "--store")):
            if folder.exists() and not folder.is_dir():
                raise InputError(Problem("is not a folder", file=str(folder), path=option))
        loopback = _is_loopback(host)
        allowed = (*LOOPBACK_HOSTS, host.strip("[]")) if loopback else ("*",)
        if not loopback:
            err.print(
                f"[yellow]warning:[/yellow] binding {host}: other computers can reach this app, "
                "which has no login. Use the default 127.0.0.1 unless you mean it.",
                highlight=False,
            )
        web = create_app(scenario_dir, store, config=WebConfig(allowed_hosts=allowed))
        shown = f"[{host}]" if ":" in host else host
        out.print(
            f"equipoise web app on http://{shown}:{port}/  (scenarios: {scenario_dir.resolve()}; "
            f"results store: {store.resolve()}; Ctrl-C stops it)",
            highlight=False,
        )
        # with timeouts for slow connections and a connection limit (web/server.py)
        uvicorn.Server(server_config(web, host=host, port=port)).run()


__all__ = ["serve"]
