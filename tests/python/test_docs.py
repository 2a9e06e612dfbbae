"""The examples in the package's docstrings and in the README run."""
import doctest
import pathlib
import re

import borgerraad

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_docstrings():
    result = doctest.testmod(borgerraad, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_readme_python_quick_start():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README has a Python quick start"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})
