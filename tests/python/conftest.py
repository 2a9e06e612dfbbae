import json
import pathlib

import pytest

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures"


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample():
    import borgerraad

    return borgerraad.Register.read_jsonl(FIXTURES / "esbjerg-2017-2022.jsonl")
