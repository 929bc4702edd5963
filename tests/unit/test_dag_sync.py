"""The warm runner writes the DAG folder to Airflow's DB once per version of the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docharvest.orchestration import dag_sync


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "dags"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_dag.py").write_text("x = 1\n")
    (folder / "sub" / "b_dag.py").write_text("y = 2\n")
    (folder / "notes.txt").write_text("not a DAG file")
    return folder


def test_fingerprint_follows_every_python_file_and_nothing_else(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = dag_sync.fingerprint(folder)
    assert [Path(p).name for p, _, _ in first] == ["a_dag.py", "b_dag.py"]
    (folder / "notes.txt").write_text("edited, still not a DAG file")
    assert dag_sync.fingerprint(folder) == first
    (folder / "sub" / "b_dag.py").write_text("y = 22\n")  # a size change
    second = dag_sync.fingerprint(folder)
    assert second != first
    stat = (folder / "a_dag.py").stat()
    os.utime(folder / "a_dag.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same size, newer
    assert dag_sync.fingerprint(folder) != second
    (folder / "c_dag.py").write_text("z = 3\n")
    assert len(dag_sync.fingerprint(folder)) == 3


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = _folder(tmp_path)
    monkeypatch.setattr(dag_sync, "_synced", (str(folder.resolve()), dag_sync.fingerprint(folder)))
    return folder


def test_a_folder_never_synced_here_is_synced_by_dag_test(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from airflow.dag_processing import dagbag

    monkeypatch.setattr(dag_sync, "_synced", None)
    original = dagbag.sync_bag_to_db
    with dag_sync.skip_resync_when_current(_folder(tmp_path), "any_dag"):
        assert dagbag.sync_bag_to_db is original


def test_a_folder_changed_since_the_sync_is_synced_again(synced: Path) -> None:
    from airflow.dag_processing import dagbag

    (synced / "a_dag.py").write_text("x = 'changed'\n")
    original = dagbag.sync_bag_to_db
    with dag_sync.skip_resync_when_current(synced, "any_dag"):
        assert dagbag.sync_bag_to_db is original


def test_an_unchanged_folder_skips_the_sync_only_while_its_dag_has_a_version(
    synced: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.dag_processing import dagbag
    from airflow.dag_processing.bundles.manager import DagBundlesManager
    from airflow.models.dag_version import DagVersion

    original = (dagbag.sync_bag_to_db, dagbag.BundleDagBag, DagBundlesManager.sync_bundles_to_db)
    monkeypatch.setattr(DagVersion, "get_version", classmethod(lambda cls, dag_id, **kw: None))
    with dag_sync.skip_resync_when_current(synced, "unknown_dag"):
        assert dagbag.sync_bag_to_db is original[0]  # no version in the DB: dag.test must write it
    monkeypatch.setattr(DagVersion, "get_version", classmethod(lambda cls, dag_id, **kw: object()))
    with dag_sync.skip_resync_when_current(synced, "known_dag"):
        assert dagbag.sync_bag_to_db is not original[0]
        assert dagbag.BundleDagBag is not original[1]
        assert DagBundlesManager.sync_bundles_to_db is not original[2]
        dagbag.sync_bag_to_db(None, "bundle", None)  # a no-op now
    assert (dagbag.sync_bag_to_db, dagbag.BundleDagBag, DagBundlesManager.sync_bundles_to_db) == original
