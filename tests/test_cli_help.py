"""The commands' help texts: paragraphs are wrapped to the terminal, not to the docstring."""

from __future__ import annotations

import inspect

from typer.testing import CliRunner

from equipoise.cli import load_app


def test_every_command_help_has_one_line_per_paragraph() -> None:
    app = load_app()
    commands = [*app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        commands += group.typer_instance.registered_commands
    assert len(commands) > 20
    for info in commands:
        assert info.help is not None, info.name
        for paragraph in info.help.split("\n\n"):
            assert paragraph.startswith("\b") or "\n" not in paragraph, (info.name, paragraph)
        # nothing of the docstring is lost: the same words in the same order
        assert info.help.split() == (inspect.getdoc(info.callback) or "").split()


def test_a_multi_paragraph_help_is_wrapped_by_the_terminal() -> None:
    # the docstring breaks "(as equipoise build does); the" / "model, ..." across two lines;
    # on a wide terminal the help must print them on one
    result = CliRunner().invoke(load_app(), ["hindcast", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "(as equipoise build does); the model, persistence" in result.stdout
