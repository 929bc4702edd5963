"""The private-network rule and DNS pinning, without any network."""

from __future__ import annotations

import asyncio
import socket

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult
from docharvest.crawl.netguard import BlockedAddressError, GuardedResolver, blocked_rule, check_literal_host


@pytest.mark.parametrize(
    ("address", "rule_word"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.20.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("100.64.0.1", "carrier-grade"),
        ("0.0.0.0", "this-network"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("64:ff9b::a9fe:a9fe", "metadata"),
    ],
)
def test_refused_addresses_name_their_rule(address: str, rule_word: str) -> None:
    rule = blocked_rule(address)
    assert rule is not None and rule_word in rule


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_rule(address) is None


def test_literal_hosts() -> None:
    with pytest.raises(BlockedAddressError, match="169.254.169.254"):
        check_literal_host("169.254.169.254", allow_private=False)
    check_literal_host("169.254.169.254", allow_private=True)
    check_literal_host("127.0.0.1", allow_private=False, exempt=frozenset({"127.0.0.1"}))
    check_literal_host("example.com", allow_private=False)  # names are the resolver's job


class _Rebinding(AbstractResolver):
    """Answers a public address first, then a private one (a DNS rebinding attack)."""

    def __init__(self, answers: list[list[str]]) -> None:
        self.answers = answers
        self.calls = 0

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        ips = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        return [
            {"hostname": host, "host": ip, "port": port, "family": family, "proto": 0, "flags": 0}
            for ip in ips
        ]

    async def close(self) -> None:
        return None


def test_answers_are_pinned_against_rebinding() -> None:
    base = _Rebinding([["93.184.216.34"], ["127.0.0.1"]])
    resolver = GuardedResolver(allow_private=False, base=base)

    async def twice() -> tuple[list[ResolveResult], list[ResolveResult]]:
        return await resolver.resolve("rebind.test", 80), await resolver.resolve("rebind.test", 80)

    first, second = asyncio.run(twice())
    assert [a["host"] for a in first] == [a["host"] for a in second] == ["93.184.216.34"]
    assert base.calls == 1


def test_a_private_answer_among_public_ones_refuses_the_host() -> None:
    resolver = GuardedResolver(allow_private=False, base=_Rebinding([["93.184.216.34", "10.0.0.5"]]))
    with pytest.raises(BlockedAddressError, match="private 10.0.0.0/8"):
        asyncio.run(resolver.resolve("mixed.test", 443))


def test_overrides_still_obey_the_rule() -> None:
    resolver = GuardedResolver(allow_private=False, overrides={"intranet.test": "192.168.0.10"})
    with pytest.raises(BlockedAddressError):
        asyncio.run(resolver.resolve("intranet.test", 80))
    allowed = GuardedResolver(allow_private=True, overrides={"intranet.test": "192.168.0.10"})
    assert asyncio.run(allowed.resolve("intranet.test", 80))[0]["host"] == "192.168.0.10"
