"""Network guard: refuse private, loopback, link-local, multicast and reserved targets.

The check lives in the DNS resolver handed to aiohttp, so it runs for every connection
(the start URL, every link, every redirect hop) and the connection is made to exactly the
addresses that were checked. Answers are pinned per job: a host that later resolves
elsewhere (DNS rebinding) keeps the first, checked answer. IP-literal hosts never reach a
resolver in aiohttp, so :func:`check_literal_host` is called before each request.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Mapping
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from docharvest.errors import BlockedAddressError

__all__ = ["BlockedAddressError", "GuardedResolver", "blocked_rule", "check_literal_host", "find_blocked"]

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Named rules, so the job error says which one refused the target.
_RULES: list[tuple[str, ipaddress.IPv4Network | ipaddress.IPv6Network]] = [
    ("cloud metadata / link-local 169.254.0.0/16", ipaddress.ip_network("169.254.0.0/16")),
    ("loopback 127.0.0.0/8", ipaddress.ip_network("127.0.0.0/8")),
    ("private 10.0.0.0/8", ipaddress.ip_network("10.0.0.0/8")),
    ("private 172.16.0.0/12", ipaddress.ip_network("172.16.0.0/12")),
    ("private 192.168.0.0/16", ipaddress.ip_network("192.168.0.0/16")),
    ("carrier-grade NAT 100.64.0.0/10", ipaddress.ip_network("100.64.0.0/10")),
    ("this-network 0.0.0.0/8", ipaddress.ip_network("0.0.0.0/8")),
    ("multicast 224.0.0.0/4", ipaddress.ip_network("224.0.0.0/4")),
    ("reserved 240.0.0.0/4", ipaddress.ip_network("240.0.0.0/4")),
    ("loopback ::1", ipaddress.ip_network("::1/128")),
    ("unspecified ::", ipaddress.ip_network("::/128")),
    ("private fc00::/7", ipaddress.ip_network("fc00::/7")),
    ("link-local fe80::/10", ipaddress.ip_network("fe80::/10")),
    ("multicast ff00::/8", ipaddress.ip_network("ff00::/8")),
]


def blocked_rule(address: str | IPAddress) -> str | None:
    """The name of the rule that refuses ``address``, or None when it is a public address."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return blocked_rule(mapped)
        if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64 embeds an IPv4 address
            return blocked_rule(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    for name, net in _RULES:
        if ip.version == net.version and ip in net:
            return name
    if ip.is_reserved or ip.is_multicast or ip.is_link_local or ip.is_loopback or ip.is_private:
        return "reserved/special-purpose"
    return None


def check_literal_host(host: str, allow_private: bool, exempt: frozenset[str] = frozenset()) -> None:
    """Raise :class:`BlockedAddressError` when ``host`` is an IP literal that is refused."""
    if allow_private or host.strip("[]").lower() in exempt:
        return
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return  # a name: the resolver checks it
    rule = blocked_rule(ip)
    if rule:
        raise BlockedAddressError.refusing(host, str(ip), rule)


class GuardedResolver(AbstractResolver):
    """Resolve through ``base``, refuse forbidden addresses, and pin each host's answer for the job.

    ``overrides`` maps hostnames to fixed addresses (like curl ``--resolve``); the rules still apply.
    ``exempt`` names hosts the rules do not apply to (``allowed_private_hosts``).
    """

    def __init__(
        self,
        allow_private: bool,
        base: AbstractResolver | None = None,
        overrides: Mapping[str, str] | None = None,
        exempt: frozenset[str] = frozenset(),
    ) -> None:
        self._allow_private = allow_private
        self._exempt = exempt
        self._base = base
        self._overrides = {k.lower(): v for k, v in (overrides or {}).items()}
        self._pinned: dict[tuple[str, int], list[ResolveResult]] = {}
        self._locks: dict[tuple[str, int], asyncio.Lock] = {}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        key = (host.lower(), port)
        if key in self._pinned:
            return self._pinned[key]
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key in self._pinned:
                return self._pinned[key]
            answers = await self._lookup(host, port, family)
            if not self._allow_private and host.lower() not in self._exempt:
                for answer in answers:
                    rule = blocked_rule(answer["host"])
                    if rule:
                        # Refuse the host when ANY answer is forbidden: a mixed answer is how
                        # rebinding services hand out a private address on the second connect.
                        raise BlockedAddressError.refusing(host, answer["host"], rule)
            self._pinned[key] = answers
            return answers

    async def _lookup(self, host: str, port: int, family: socket.AddressFamily) -> list[ResolveResult]:
        fixed = self._overrides.get(host.lower())
        if fixed is not None:
            ip = ipaddress.ip_address(fixed)
            fam = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
            return [{"hostname": host, "host": fixed, "port": port, "family": fam, "proto": 0, "flags": 0}]
        if self._base is None:
            self._base = ThreadedResolver()
        return await self._base.resolve(host, port, family)

    async def close(self) -> None:
        if self._base is not None:
            await self._base.close()


def find_blocked(exc: BaseException | None) -> BlockedAddressError | None:
    """The :class:`BlockedAddressError` behind an aiohttp connection error, if any."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, BlockedAddressError):
            return exc
        inner: Any = getattr(exc, "os_error", None)
        if isinstance(inner, BlockedAddressError):
            return inner
        exc = exc.__cause__ or exc.__context__
    return None
