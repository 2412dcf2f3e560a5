"""Public test helpers: small valid scenarios to build tests on.

Kept in the package (as xarray keeps ``xarray.testing``) so users' own tests can use them.
"""

from __future__ import annotations

from equipoise.scenario.loading import library_dir


def template_text(name: str = "example") -> str:
    """Return the text of the commented template scenario, named ``name``."""
    text = (library_dir() / "_template.toml").read_text(encoding="utf-8")
    return text.replace("__NAME__", name).replace("__FILE__", f"{name}.toml")


__all__ = ["template_text"]
