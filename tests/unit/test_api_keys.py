"""API keys: shown once, stored hashed, per organisation; the ``docharvest keys`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from docharvest.api.keys import KEY_RE, authenticate_key, create_key, hash_key, list_keys, revoke_key
from docharvest.cli import main
from docharvest.config import Settings
from docharvest.store.db import init_db
from docharvest.store.tables import api_keys


@pytest.fixture
def engine(settings: Settings) -> sa.Engine:
    return init_db(settings)


def test_keys_are_random_hashed_and_scoped_to_an_org(engine: sa.Engine) -> None:
    key, row = create_key(engine, "acme", "ci")
    other, _ = create_key(engine, "acme")
    assert KEY_RE.match(key) and key.startswith("sk-") and len(key) == 43 and key != other
    with engine.connect() as conn:
        stored = conn.execute(sa.select(api_keys).where(api_keys.c.id == row["id"])).mappings().one()
    assert stored["key_hash"] == hash_key(key) and key not in str(dict(stored))
    principal = authenticate_key(engine, key)
    assert principal is not None and principal.org_id == "acme" and principal.key_id == row["id"]
    assert authenticate_key(engine, key + "x") is None
    assert authenticate_key(engine, "not-a-key") is None


def test_revoke_by_id_or_prefix(engine: sa.Engine) -> None:
    key1, row1 = create_key(engine, "revokers")
    key2, row2 = create_key(engine, "revokers")
    assert revoke_key(engine, row1["id"]) == 1
    assert revoke_key(engine, row1["id"]) == 0  # already revoked
    assert revoke_key(engine, row2["prefix"]) == 1
    assert authenticate_key(engine, key1) is None and authenticate_key(engine, key2) is None
    listed = {r["id"]: r for r in list_keys(engine, "revokers")}
    assert listed[row1["id"]]["revoked_at"] is not None and "key_hash" not in listed[row1["id"]]


def test_empty_org_is_refused(engine: sa.Engine) -> None:
    with pytest.raises(ValueError, match="org"):
        create_key(engine, "  ")


def test_keys_commands(
    settings: Settings, engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCHARVEST_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DOCHARVEST_DATABASE_URL", settings.effective_database_url)
    assert main(["keys", "create", "--org", "cli-org", "--name", "laptop"]) == 0
    captured = capsys.readouterr()
    key = captured.out.strip()
    assert KEY_RE.match(key) and "only time" in captured.err
    assert authenticate_key(engine, key) is not None
    assert main(["keys", "list", "--org", "cli-org", "--json"]) == 0
    [listed] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed["org_id"] == "cli-org" and listed["name"] == "laptop" and key not in json.dumps(listed)
    assert key.startswith(listed["prefix"])
    assert main(["keys", "revoke", listed["prefix"]]) == 0
    assert authenticate_key(engine, key) is None
    assert main(["keys", "revoke", listed["prefix"]]) == 1
    assert "no active key" in capsys.readouterr().err


def test_api_command_is_registered() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["api", "--help"])
    assert exit_info.value.code == 0


def test_plugin_module_has_no_airflow_in_the_api_package() -> None:
    api_dir = Path(__file__).resolve().parents[2] / "include" / "docharvest" / "api"
    for path in api_dir.glob("*.py"):
        text = path.read_text()
        assert "import airflow" not in text and "from airflow" not in text, path
