"""The package as a user installs it: a wheel built from the source, installed (not editable)
in a fresh virtualenv, run from a directory that is not the checkout. The registry, rubrics and
sample articles must come from the wheel itself."""

from __future__ import annotations

import shutil
import site
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(
    *args: str | Path, cwd: Path, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, input=input, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the wheel; its dependencies come from this venv's site-packages
    (a .pth line, so this checkout's editable install is not visible there)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"  # a copy: building never writes into the checkout
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "-w", base / "dist", source, cwd=base,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("provenance_news-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (packages,) = venv.glob("lib/python*/site-packages")
    (packages / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    pip = (sys.executable, "-m", "pip", "--python", venv / "bin" / "python")
    done = _run(*pip, "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=base)
    assert done.returncode == 0, done.stderr
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    away = tmp_path / "elsewhere"
    away.mkdir()
    return away


def test_the_wheel_is_what_runs(installed: Path, elsewhere: Path) -> None:
    code = "import provenance, provenance.packaged as p; print(provenance.__file__)"
    where = _run(installed / "python", "-c", code, cwd=elsewhere)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout
    version = _run(installed / "provenance", "--version", cwd=elsewhere)
    assert version.returncode == 0 and version.stdout.startswith("provenance 0."), version
    module = _run(installed / "python", "-m", "provenance", "--version", cwd=elsewhere)
    assert module.stdout == version.stdout


def test_installed_package_analyses_and_scores_the_shipped_seed(
    installed: Path, elsewhere: Path
) -> None:
    listed = _run(installed / "provenance", "rubrics", "list", cwd=elsewhere)
    assert listed.returncode == 0, listed.stderr
    assert {line.split()[0] for line in listed.stdout.splitlines()} >= {
        "admiralty", "epistemic", "newsroom",
    }  # fmt: skip
    seed = (ROOT / "data" / "seed_putin_report.txt").read_text(encoding="utf-8")
    table = _run(installed / "provenance", "analyze", "-", "--format", "csv", cwd=elsewhere,
                 input=seed)  # fmt: skip
    assert table.returncode == 0, table.stderr
    rows = table.stdout.splitlines()
    assert len(rows) > 20 and rows[1].startswith("stdin,c1,"), table.stdout[:300]
    assert "Takeo Harada → Shukan Bunshun" in table.stdout  # registry-typed chain, as in a checkout
    scored = _run(
        installed / "provenance", "score", "-", "--rubric", "admiralty", "--out", "s.csv",
        cwd=elsewhere, input=seed,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    assert "scored with admiralty" in scored.stderr
    assert (elsewhere / "s.csv").read_text(encoding="utf-8-sig").count("\n") == len(rows)


def test_installed_app_serves_the_dashboard(installed: Path, elsewhere: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [installed / "provenance", "app", "--port", str(port), "--address", "127.0.0.1"],
        cwd=elsewhere, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        health = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as reply:
                    health = reply.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                time.sleep(0.5)
        assert health == "ok"
    finally:
        server.kill()
        server.communicate()


def test_installed_dashboard_page_runs(installed: Path, elsewhere: Path) -> None:
    """A page view, not only the health check: Streamlit runs the package's own script with
    its folder first on sys.path, where provenance/catalogue.py once shadowed the catalogue
    library that thinc imports."""
    code = (
        "import pathlib, provenance\n"
        "from streamlit.testing.v1 import AppTest\n"
        "script = pathlib.Path(provenance.__file__).parent / 'streamlit_app.py'\n"
        "page = AppTest.from_file(str(script), default_timeout=240).run()\n"
        "print([e.value for e in page.exception], [t.value for t in page.title])\n"
    )
    shown = _run(installed / "python", "-c", code, cwd=elsewhere)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "[] ['Articles']", shown.stdout + shown.stderr


def test_a_rubric_saved_from_the_installed_package_goes_to_the_user_folder(
    installed: Path, elsewhere: Path
) -> None:
    import os

    code = (
        "import pathlib, provenance.packaged as p\n"
        "from provenance.catalogue import save_rubric\n"
        "text = (p.packaged('rubrics') / 'admiralty.yaml').read_text(encoding='utf-8')\n"
        "print(save_rubric(text.replace('id: admiralty', 'id: mine', 1)))\n"
        "print(p.packaged('rubrics'))\n"
    )
    home = elsewhere / "data-home"
    saved = subprocess.run(
        [installed / "python", "-c", code], cwd=elsewhere, capture_output=True, text=True,
        env={**os.environ, "XDG_DATA_HOME": str(home), "PROVENANCE_RUBRICS": ""}, timeout=300,
    )  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    target, shipped = map(Path, saved.stdout.splitlines())
    assert target == home / "provenance" / "rubrics" / "mine.yaml" and target.is_file()
    assert not (shipped / "mine.yaml").exists()
    listed = subprocess.run(
        [installed / "provenance", "rubrics", "list"], cwd=elsewhere, capture_output=True,
        text=True, env={**os.environ, "XDG_DATA_HOME": str(home)}, timeout=300,
    )  # fmt: skip
    assert "mine " in listed.stdout and "admiralty " in listed.stdout, listed.stderr
