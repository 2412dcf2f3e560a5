"""A fresh install of the package (a wheel in a new virtual environment) runs its commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build and install the project into a new venv (dependencies from the running env)."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The new venv sees the packages of the environment running the tests (a venv or the base
    # interpreter), not those of the base interpreter: ``--system-site-packages`` would link
    # to the latter, which lacks the test dependencies when the tests run in a venv.
    inner = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    outer = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    (Path(inner) / "_outer_env.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            str(REPO),
        ],
        check=True,
        cwd=venv.parent,
    )
    return venv / "bin"


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "equipoise"), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.mark.slow
def test_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(installed / "python"), "-c", "import equipoise; print(equipoise.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert str(installed.parent) in out.stdout, out.stdout


@pytest.mark.slow
def test_main_job_on_the_default_scenario(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Power in 2021" in result.stdout
    result = run(installed, "run", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "indo-pacific-2021"
    assert len(data["actors"]) >= 11
    assert len(data["steps"]) >= 11
    listing = json.loads(run(installed, "scenarios", "--json", cwd=tmp_path).stdout)
    assert "indo-pacific-2021" in [s["name"] for s in listing["scenarios"]]


@pytest.mark.slow
def test_bad_file_gives_located_error_and_no_traceback(installed: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[scenario]\nname = "x"\nstart_year = 2021\n[[actors]]\ncode = "usa"\nname = "US"\n'
    )
    result = run(installed, "validate", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{bad}:5:1: actors[0].code: must be an actor code" in result.stderr
