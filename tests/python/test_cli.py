"""The report command: ``borgerraad report`` / ``python -m borgerraad report``.

For the same input it prints exactly what the Rust example
``annual_report`` prints (both go through the core's ``AnnualReport::of``),
and the monthly totals are those of the Esbjerg report 2021-22 (domain.md).
"""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import borgerraad

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXPORT = ROOT / "tests" / "fixtures" / "esbjerg-2017-2022.jsonl"
PROFILE = ROOT / "borgerraad-core" / "data" / "profiles" / "esbjerg.json"


def rust_report(args):
    """The Rust example's stdout, stderr and exit code (built by `make example-test`, or here)."""
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    return subprocess.run(
        [cargo, "run", "-q", "--example", "annual_report", "--", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )


def python_report(args):
    return subprocess.run(
        [sys.executable, "-m", "borgerraad", "report", *args],
        capture_output=True, text=True, encoding="utf-8",
    )


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--year", "2022"],
        ["--year", "2021", "--format", "csv"],
        ["--format", "json", "--year", "2022", "--lang", "en"],
        ["--format", "svg"],
        ["--format", "html", "--year", "2022"],
        ["--lang", "en", "--profile", str(PROFILE)],
        ["--year", "2022", "--profile", "esbjerg"],
    ],
)
def test_python_command_prints_what_the_rust_example_prints(args):
    py = python_report([str(EXPORT), *args])
    rs = rust_report(["--input", str(EXPORT), *args])
    assert (py.returncode, rs.returncode) == (0, 0), py.stderr + rs.stderr
    assert py.stdout == rs.stdout


def test_the_report_has_the_esbjerg_totals():
    # The table in domain.md (Esbjerg's report 2021-22, 2019 as its months add up).
    out = python_report([str(EXPORT)]).stdout
    assert "| I alt | 573 | 657 | 595 | 514 | 683 | 793 |" in out
    assert "| Gennemsnit | 47,75 | 54,75 | 49,58 | 42,83 | 56,92 | 66,08 |" in out


def test_bad_input_fails_with_the_same_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,citizen,received,municipality,channel,requester,kind,category\n"
        "X-1,abc,2022-02-30,esbjerg,telefon,borger,vejledning,teknik-miljoe\n",
        encoding="utf-8",
    )
    py = python_report([str(bad)])
    rs = rust_report(["--input", str(bad)])
    assert (py.returncode, rs.returncode) == (1, 1)
    assert py.stdout == "" and py.stderr == rs.stderr
    assert py.stderr.count("\n") == 1 and f"{bad}:2: record `X-1`: field `received`" in py.stderr


def test_a_year_without_inquiries_is_an_error():
    py = python_report([str(EXPORT), "--year", "1999"])
    assert py.returncode == 1 and py.stderr.startswith("error: year 1999 is out of range")


def test_help_and_version_exit_0():
    for args in (["--help"], ["--version"], ["report", "--help"]):
        out = subprocess.run([sys.executable, "-m", "borgerraad", *args], capture_output=True, text=True)
        assert out.returncode == 0, args
    version = subprocess.run([sys.executable, "-m", "borgerraad", "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"borgerraad {borgerraad.__version__}"
    rust = rust_report(["--version"])
    assert rust.returncode == 0 and rust.stdout.split() == ["annual_report", borgerraad.__version__]
    assert rust_report(["--help"]).returncode == 0


def test_console_script_is_installed():
    # pip writes the `borgerraad` script beside the interpreter.
    script = pathlib.Path(sys.executable).with_name("borgerraad")
    out = subprocess.run([str(script), "report", str(EXPORT)], capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0 and "| I alt | 573 |" in out.stdout


def test_version_is_the_crates_version():
    # The workspace's Cargo.toml is the one source of the version.
    cargo_toml = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert f'version = "{borgerraad.__version__}"' in cargo_toml


def test_without_pandas_the_error_names_the_extra():
    # `None` in sys.modules makes an import fail as if pandas were not installed.
    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['pyarrow'] = None\n"
        "import borgerraad\n"
        "try:\n"
        "    borgerraad.sample().published_monthly_table([2022])\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, e.name, e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("ModuleNotFoundError pandas ") and "pip install 'borgerraad[pandas]'" in out


def test_both_commands_take_a_profile_file():
    # Egedal's profile counting every unit (tests/fixtures/profiles/egedal-every.json): by hand,
    # the statement that concerns all three centres adds one to Borgerservice (9 + 1).
    fixtures = ROOT / "tests" / "fixtures"
    args = ["--profile", str(fixtures / "profiles" / "egedal-every.json"), "--year", "2018"]
    py = python_report([str(fixtures / "egedal-2018.jsonl"), *args])
    rs = rust_report(["--input", str(fixtures / "egedal-2018.jsonl"), *args])
    assert (py.returncode, rs.returncode) == (0, 0), py.stderr + rs.stderr
    assert py.stdout == rs.stdout
    assert "| Center for Borgerservice | 10 |" in rs.stdout
    assert "| Jobcenteret | 20 |" in rs.stdout
    assert "En henvendelse tælles under hver enhed, den vedrører" in rs.stdout
