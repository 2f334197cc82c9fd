"""docs/collaboration.ipynb runs from top to bottom (so it cannot rot).

Executing a notebook needs a Jupyter kernel: nbclient + ipykernel (the ``test`` extra).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install '.[test]' (nbclient, ipykernel)")
nbclient = pytest.importorskip("nbclient", reason="pip install '.[test]' (nbclient, ipykernel)")
pytest.importorskip("ipykernel", reason="pip install '.[test]' (nbclient, ipykernel)")

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "collaboration.ipynb"


def test_collaboration_notebook_executes(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    start = time.perf_counter()
    client.execute(env={"MPLBACKEND": "Agg"}) if _accepts_env(client) else client.execute()
    elapsed = time.perf_counter() - start
    assert elapsed < 60, f"the notebook took {elapsed:.0f} s; keep it under a minute"
    outputs = [
        o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "sufficient configurations for EFFECT:" in text
    assert "parsimonious" in text and "RESP*PKG" in text and "completions" in text
    # the XY plot was drawn
    assert any("image/png" in o.get("data", {}) for o in outputs)


def _accepts_env(client) -> bool:
    import inspect

    return "env" in inspect.signature(client.execute).parameters
