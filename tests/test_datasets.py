"""qca.datasets: every bundled R QCA data set loads, with its metadata, from the source tree."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from qca import QCAError, datasets

DATA = Path(__file__).resolve().parent.parent / "data"
CSV_NAMES = sorted(p.stem for p in (DATA / "rqca").glob("*.csv"))
_datasets_module = sys.modules["qca.datasets"]


@pytest.fixture
def fresh_caches():
    _datasets_module._registry.cache_clear()
    _datasets_module._read.cache_clear()
    yield
    _datasets_module._registry.cache_clear()
    _datasets_module._read.cache_clear()


@pytest.fixture
def fake_root(tmp_path, monkeypatch, fresh_caches):
    """A data folder with the real metadata and CSVs, which a test may then alter."""
    shutil.copytree(DATA / "rqca", tmp_path / "rqca")
    monkeypatch.setattr(_datasets_module, "_root", lambda: tmp_path)
    return tmp_path


def test_every_csv_is_listed_sorted():
    names = datasets.list()
    assert names == sorted(names)
    expected = sorted(
        CSV_NAMES + (["collaboration"] if (DATA / "collaboration" / "cases.csv").is_file() else [])
    )
    assert names == expected
    assert len(CSV_NAMES) == 45


@pytest.mark.parametrize("name", CSV_NAMES)
def test_loads_with_the_shape_and_codebook_of_its_metadata(name):
    frame = datasets.load(name)
    meta = datasets.info(name)
    assert frame.shape == (meta["n_cases"], meta["n_columns"])
    assert frame.index.name == "case" and frame.index.is_unique
    assert list(meta["codebook"]) == list(frame.columns)
    for key in ("title", "source", "citation", "outcome", "set_type", "units", "same_data_as"):
        assert key in meta, key
    if meta["outcome"] != "not documented":
        assert meta["outcome"] in frame.columns
    for other in meta["same_data_as"]:
        twin = datasets.load(other)
        # Same cases in the same order and the same values; labels may differ (RS: 1..17, d.RS: a..q).
        assert twin.shape == frame.shape and set(twin.columns) == set(frame.columns)
        numeric = frame.select_dtypes("number").columns
        np.testing.assert_array_equal(twin[numeric].to_numpy(), frame[numeric].to_numpy())


def test_values_match_the_csv_files_as_written():
    lr = datasets.load("LR")
    assert lr.loc["AU"].tolist() == [720, 33.4, 98, 33.4, 10, -9]
    # A quoted "NA" is Namibia's case name, a bare NA a missing value.
    assert "NA" in datasets.load("HarKem").index
    bwb = datasets.load("d.BWB")
    assert int(bwb.isna().sum().sum()) == 6 and bwb.index[0] == "01"
    assert datasets.load("RS")["EBA"].tolist().count("-") > 0
    assert set(datasets.load("RagStr")["EBA"]) == {"0", "1", "dc"}
    assert datasets.load("LM")["DEV"].max() == 2
    assert datasets.load("LF")["DEV"].dtype == np.float64


def test_each_call_returns_a_fresh_copy():
    first = datasets.load("LF")
    first.loc["AU", "DEV"] = -1.0
    del first["SURV"]
    second = datasets.load("LF")
    assert second.loc["AU", "DEV"] == 0.81 and "SURV" in second.columns
    meta = datasets.info("LF")
    meta["codebook"]["DEV"] = "changed"
    assert datasets.info("LF")["codebook"]["DEV"] != "changed"


def test_names_are_matched_exactly():
    assert datasets.load("d.SA").shape == (21, 10)
    with pytest.raises(
        QCAError, match=r"unknown data set 'lf' \(names are case-sensitive\)\. Did you mean 'LF'"
    ):
        datasets.load("lf")
    with pytest.raises(QCAError, match=r"unknown data set 'd\.sa'.*'d\.SA'"):
        datasets.info("d.sa")
    with pytest.raises(QCAError, match=r"unknown data set 'LF '.*Did you mean 'LF'"):
        datasets.load("LF ")
    with pytest.raises(
        QCAError, match=r"unknown data set 'zzz'.*qca.datasets.list\(\) gives all names"
    ):
        datasets.load("zzz")
    with pytest.raises(QCAError, match=r"a data set name must be a string; got 3"):
        datasets.load(3)


def test_metadata_never_invents_a_legacy_outcome():
    for name in ("d.AS", "d.SA", "d.educate", "d.napoleon"):
        meta = datasets.info(name)
        assert (
            meta["outcome"] == "not documented" and "inferred from the values" in meta["set_type"]
        )


def test_self_check_passes_on_the_bundled_data(capsys):
    assert datasets._self_check() == 0
    assert "data sets load from" in capsys.readouterr().out


def test_self_check_reports_a_shape_mismatch(fake_root, capsys):
    toml = fake_root / "rqca" / "datasets.toml"
    text = toml.read_text()
    start = text.index("[LR]\n")
    lr_block = text[start : text.index("\n\n", start)]
    toml.write_text(text.replace(lr_block, lr_block.replace("n_cases = 18", "n_cases = 19")))
    (fake_root / "rqca" / "LF.csv").write_text("case,DEV\nAU,0.5\nAU,0.6\n")
    assert datasets._self_check() == 1
    err = capsys.readouterr().err
    assert "LR: shape (18, 6), metadata says (19, 6)" in err
    assert "LF: shape (2, 1)" in err and "LF: duplicated case names" in err


def test_a_csv_without_case_column_is_refused(fake_root):
    (fake_root / "rqca" / "LF.csv").write_text("name,DEV\nAU,0.5\n")
    with pytest.raises(
        QCAError, match=r"rqca/LF\.csv must start with a 'case' column; got \['name'\]"
    ):
        datasets.load("LF")


def test_collaboration_is_registered_only_when_its_cases_exist(fake_root):
    assert "collaboration" not in datasets.list()
    folder = fake_root / "collaboration"
    folder.mkdir()
    (folder / "cases.csv").write_text("case,RESP,EFFECT\nA_city,0,1\nB_district,1,1\n")
    _datasets_module._registry.cache_clear()
    assert "collaboration" in datasets.list()
    frame = datasets.load("collaboration")
    assert frame.index.name == "case" and frame.index.tolist() == ["A_city", "B_district"]
    assert datasets.info("collaboration")["file"] == "collaboration/cases.csv"
    assert datasets._self_check() == 0


def test_source_tree_is_used_when_the_package_has_no_data(fresh_caches):
    root = _datasets_module._root()
    # Editable install: qca/_data does not exist, so the repository's data/ folder is used.
    assert Path(str(root)).resolve() == DATA.resolve()


def test_missing_data_folder_is_a_clear_error(monkeypatch, tmp_path, fresh_caches):
    import importlib.resources

    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
    monkeypatch.setattr(_datasets_module, "__file__", str(tmp_path / "qca" / "datasets.py"))
    with pytest.raises(QCAError, match=r"the bundled data folder was not found"):
        datasets.list()
