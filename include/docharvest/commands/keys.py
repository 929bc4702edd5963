"""``docharvest keys create|list|revoke``: API keys of organisations (shown once, stored hashed)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from docharvest.commands._common import fail
from docharvest.config import Settings


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("keys", help="create, list and revoke API keys")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="create a key for an organisation and print it (once)")
    create.add_argument("--org", required=True, help="organisation the key (and its jobs) belong to")
    create.add_argument("--name", help="a label for the key, e.g. who uses it")
    create.set_defaults(run=run_create)
    listing = actions.add_parser("list", help="list keys (prefix, org, created, revoked), never the keys")
    listing.add_argument("--org", help="only this organisation's keys")
    listing.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    listing.set_defaults(run=run_list)
    revoke = actions.add_parser("revoke", help="revoke a key by id (key_…) or prefix (sk-…)")
    revoke.add_argument("key", help="key id or the prefix shown by `keys list`")
    revoke.set_defaults(run=run_revoke)


def _engine() -> Any:
    from docharvest.store.db import init_db

    return init_db(Settings())


def run_create(args: argparse.Namespace) -> int:
    from docharvest.api.keys import create_key

    try:
        key, row = create_key(_engine(), args.org, args.name)
    except ValueError as exc:
        return fail(str(exc), 2)
    sys.stdout.write(f"{key}\n")
    sys.stderr.write(
        f"Created {row['id']} for org {row['org_id']!r}. This is the only time the key is shown; "
        "store it now.\n"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from docharvest.api.keys import list_keys

    rows = list_keys(_engine(), args.org)
    for row in rows:
        created = row["created_at"].isoformat(timespec="seconds")
        revoked = row["revoked_at"].isoformat(timespec="seconds") if row["revoked_at"] else ""
        if args.json:
            sys.stdout.write(json.dumps({**row, "created_at": created, "revoked_at": revoked or None}) + "\n")
        else:
            state = f"revoked {revoked}" if revoked else "active"
            sys.stdout.write(
                f"{row['id']}\t{row['prefix']}…\t{row['org_id']}\t{row['name'] or ''}\t{created}\t{state}\n"
            )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from docharvest.api.keys import revoke_key

    count = revoke_key(_engine(), args.key)
    if not count:
        return fail(f"no active key with id or prefix {args.key!r}", 1)
    sys.stderr.write(f"revoked {count} key(s)\n")
    return 0
