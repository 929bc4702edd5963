"""robots.txt parsing and matching (RFC 9309), following Google's reference parser.

google/robotstxt is the implementation of RFC 9309's authors; where the RFC leaves room, this
module does what it does, because site owners test their files against Googlebot:

- a UTF-8 byte-order mark (or a prefix of one) at the start is skipped; lines end at LF, CR or
  CRLF; ``#`` starts a comment; field names are case-insensitive (common typos such as
  ``useragent`` or ``dissallow`` accepted); a missing colon is accepted when the line is exactly
  ``key value``.
- A group is a run of ``user-agent`` lines followed by rules; lines that are not rules
  (``sitemap``, ``crawl-delay``, unknown ones) do not end the run. Rules before any
  ``user-agent`` line are ignored. Groups naming the same agent merge; any group naming the
  agent replaces the ``*`` groups, even one without rules.
- A user-agent value is matched case-insensitively on its product token, the leading
  ``[A-Za-z_-]`` characters (``FOO BAR`` and ``Foo/1.2`` both name ``foo``).
- Rule patterns: ``*`` matches any run of characters, ``$`` at the end anchors; other bytes
  are literal. Non-ASCII bytes are percent-encoded and escapes uppercased in the pattern; the
  URL's path, parameters and query are matched as given (the caller sends them encoded).
- The longest matching pattern wins; on a tie allow wins; an empty pattern matches nothing.

Google-only behaviour beyond the RFC, followed here too (docs/robots.md says why):
``Allow: /dir/index.html`` also allows ``/dir/``; lines longer than 16 663 bytes are cut
(as Google's 8 x 2083 buffer does); an empty URL is ``/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

MAX_LINE_BYTES = 2083 * 8 - 1  # Google's line buffer keeps this many bytes of a line
_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(rb"\r\n|\r|\n")
_AGENT_TOKEN = re.compile(rb"[A-Za-z_-]*")
_HEX = frozenset(b"0123456789abcdefABCDEF")
_DISALLOW_TYPOS = (b"dissallow", b"dissalow", b"disalow", b"diasllow", b"disallaw")


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str  # percent-encoded, ASCII

    def priority(self, path: str) -> int:
        """Length of the pattern when it matches ``path``, else -1."""
        return len(self.pattern) if pattern_matches(self.pattern, path) else -1


@dataclass
class Group:
    agents: set[str] = field(default_factory=set)  # lowercased product tokens
    is_global: bool = False
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


@dataclass
class RobotsTxt:
    """A parsed robots.txt: ask :meth:`allowed` per URL and product token."""

    groups: list[Group] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)

    def groups_for(self, agent: str) -> list[Group]:
        """The groups that apply to ``agent``: those naming it, else the ``*`` groups."""
        token = agent.lower()
        specific = [g for g in self.groups if token and token in g.agents]
        return specific or [g for g in self.groups if g.is_global]

    def allowed(self, url: str, agent: str) -> bool:
        """True when ``agent`` (a product token such as ``docharvest``) may fetch ``url``."""
        path = path_params_query(url)
        best_allow = best_disallow = -1
        for group in self.groups_for(agent):
            for rule in group.rules:
                priority = rule.priority(path)
                if rule.allow:
                    best_allow = max(best_allow, priority)
                else:
                    best_disallow = max(best_disallow, priority)
        if best_allow <= 0 and best_disallow <= 0:
            return True  # no rule matched, or only empty ones
        return best_allow >= best_disallow

    def crawl_delay(self, agent: str) -> float | None:
        delays = [g.crawl_delay for g in self.groups_for(agent) if g.crawl_delay is not None]
        return max(delays) if delays else None


def parse_robots(body: bytes | str) -> RobotsTxt:
    """Parse a robots.txt body (the bytes as served; text is encoded as UTF-8). Never raises."""
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    skip = 0
    while skip < len(_BOM) and data[skip : skip + 1] == _BOM[skip : skip + 1]:
        skip += 1
    robots = RobotsTxt()
    group: Group | None = None
    in_rules = False  # the current group has had a rule: the next user-agent starts a new one
    for raw_line in _LINE_END.split(data[skip:]):
        parsed = _key_value(raw_line[:MAX_LINE_BYTES])
        if parsed is None:
            continue
        key, value = parsed
        kind = _kind(key.lower())
        if kind == "user-agent":
            if group is None or in_rules:
                group = Group()
                robots.groups.append(group)
                in_rules = False
            _add_agent(group, value)
        elif kind in ("allow", "disallow"):
            if group is None:
                continue  # rules outside any group are ignored
            in_rules = True
            pattern = escape_pattern(value)
            group.rules.append(Rule(kind == "allow", pattern))
            if kind == "allow":
                slash = pattern.rfind("/")
                if slash >= 0 and pattern[slash:].startswith("/index.htm"):
                    group.rules.append(Rule(True, pattern[: slash + 1] + "$"))
        elif kind == "sitemap":
            if value:
                robots.sitemaps.append(value.decode("utf-8", errors="replace"))
        elif kind == "crawl-delay" and group is not None:
            delay = _number(value)
            if delay is not None:
                group.crawl_delay = delay
    return robots


def _key_value(line: bytes) -> tuple[bytes, bytes] | None:
    line = line.split(b"#", 1)[0].strip()
    if not line:
        return None
    sep = line.find(b":")
    if sep < 0:
        # Google accepts "key value" without a colon, but only with exactly two tokens.
        parts = line.split(None, 1)
        if len(parts) != 2 or len(parts[1].split()) != 1:
            return None
        return parts[0], parts[1]
    key = line[:sep].strip()
    if not key:
        return None
    return key, line[sep + 1 :].strip()


def _kind(key: bytes) -> str:
    if key.startswith((b"user-agent", b"useragent", b"user agent")):
        return "user-agent"
    if key.startswith(b"allow"):
        return "allow"
    if key.startswith(b"disallow") or key.startswith(_DISALLOW_TYPOS):
        return "disallow"
    if key.startswith((b"sitemap", b"site-map")):
        return "sitemap"
    if key == b"crawl-delay":
        return "crawl-delay"
    return "unknown"


def _add_agent(group: Group, value: bytes) -> None:
    if value[:1] == b"*" and (len(value) == 1 or value[1:2].isspace()):
        group.is_global = True
        return
    match = _AGENT_TOKEN.match(value)
    token = match.group(0).decode("ascii").lower() if match else ""
    if token:
        group.agents.add(token)


def _number(value: bytes) -> float | None:
    try:
        number = float(value.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    return number if number >= 0 and number == number and number != float("inf") else None


def escape_pattern(value: bytes) -> str:
    """Percent-encode non-ASCII bytes and uppercase existing escapes (the URL side is left alone)."""
    out: list[str] = []
    i = 0
    n = len(value)
    while i < n:
        byte = value[i]
        if byte == 0x25 and i + 2 < n and value[i + 1] in _HEX and value[i + 2] in _HEX:
            out.append("%" + value[i + 1 : i + 3].decode("ascii").upper())
            i += 3
            continue
        out.append(f"%{byte:02X}" if byte >= 0x80 else chr(byte))
        i += 1
    return "".join(out)


def path_params_query(url: str) -> str:
    """The part of ``url`` that rules match: path, parameters and query, without the fragment.

    Read from the string as Google does (no parsing or re-encoding); ``/`` when there is none.
    """
    start = 2 if url.startswith("//") else 0
    early = _find_any(url, "/?;", start)
    scheme_end = url.find("://", start)
    # A "/", "?" or ";" before "://" means there is no scheme and authority to skip.
    authority = start if scheme_end < 0 or 0 <= early < scheme_end else scheme_end + 3
    path_start = _find_any(url, "/?;", authority)
    if path_start < 0:
        return "/"
    hash_pos = url.find("#", start)
    if 0 <= hash_pos < path_start:
        return "/"
    path = url[path_start : hash_pos if hash_pos >= 0 else len(url)]
    return path if path.startswith("/") else "/" + path


def _find_any(text: str, chars: str, start: int) -> int:
    positions = [p for p in (text.find(c, start) for c in chars) if p >= 0]
    return min(positions) if positions else -1


def pattern_matches(pattern: str, path: str) -> bool:
    """Does ``pattern`` (with ``*`` and a final ``$``) match a prefix of ``path``?"""
    anchored = pattern.endswith("$")
    if "*" not in pattern:
        return path == pattern[:-1] if anchored else path.startswith(pattern)
    return _glob_matches(pattern, path)


def _glob_matches(pattern: str, path: str) -> bool:
    # Leftmost placement of each literal piece is optimal for "*" globs: linear-time str.find,
    # no regex backtracking on hostile patterns.
    pieces, anchored = _pieces(pattern)
    first, *middle, last = pieces
    if not path.startswith(first):
        return False
    pos = len(first)
    for piece in middle:
        found = path.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    if anchored:
        return path.endswith(last) and len(path) - len(last) >= pos
    return path.find(last, pos) >= 0


@lru_cache(maxsize=4096)
def _pieces(pattern: str) -> tuple[tuple[str, ...], bool]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    return tuple(body.split("*")), anchored
