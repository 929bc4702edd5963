"""URL rules of the crawler: the URL to request, its identity, document extensions, scope, traps.

Two forms of a URL, on purpose (docs/urls.md):

- :func:`request_url` / :func:`resolve_link`: the URL the site gave, parsed and serialised by the
  WHATWG URL Standard (the ada parser) and nothing more, so the server gets what a browser would
  send. This is the URL that is fetched and reported.
- :func:`canonicalize` / :func:`dedup_key`: an idempotent canonical form for "fetched at most once
  per job", which also drops fragments and session parameters, sorts the query and so on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import ada_url

# Extension -> document type. Several extensions may name one type.
DOCUMENT_EXTENSIONS: dict[str, str] = {
    "pdf": "pdf",
    "doc": "doc",
    "docx": "docx",
    "txt": "txt",
    "text": "txt",
    "rtf": "rtf",
    "odt": "odt",
    "xls": "xls",
    "xlsx": "xlsx",
    "csv": "csv",
    "ppt": "ppt",
    "pptx": "pptx",
    "ods": "ods",
    "odp": "odp",
}

# Content-Type (mime, lowercase) -> document type.
DOCUMENT_MIME_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "txt",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/csv": "csv",
    "application/csv": "csv",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}

HTML_MIME_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# Never worth a request when looking for pages or documents: media, code, archives, fonts.
SKIP_EXTENSIONS = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "ico",
        "bmp",
        "tif",
        "tiff",
        "avif",
        "heic",
        "css",
        "js",
        "mjs",
        "map",
        "json",
        "xml",
        "rss",
        "atom",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "mp3",
        "mp4",
        "m4a",
        "m4v",
        "wav",
        "ogg",
        "webm",
        "avi",
        "mov",
        "wmv",
        "flv",
        "mkv",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "xz",
        "7z",
        "rar",
        "tar",
        "exe",
        "msi",
        "dmg",
        "iso",
        "apk",
        "jar",
        "bin",
        "swf",
        "ics",
        "vcf",
    ]
)

# Query parameters that only identify a session or a campaign: left out of the identity of a
# URL (dedup_key), so that a site handing each visitor a session id does not look infinite.
_SESSION_PARAMS = frozenset(
    {
        "jsessionid",
        "phpsessid",
        "sid",
        "sessionid",
        "session_id",
        "aspsessionid",
        "cfid",
        "cftoken",
        "fbclid",
        "gclid",
    }
)
# On a URL whose path already names a document, these only change how it is served.
_DOCUMENT_VIEW_PARAMS = frozenset({"download", "dl", "attachment", "inline", "view", "open", "page", "zoom"})
_PATH_SESSION_RE = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#;]*", re.IGNORECASE)
_FETCHABLE_PREFIXES = ("http://", "https://")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PCT_RE = re.compile(r"%([0-9A-Fa-f]{2})")
_C0_SPACE = "".join(chr(i) for i in range(0x21))  # what the WHATWG parser trims from both ends
MAX_URL_LENGTH = 2048


def _fetchable(href: str) -> str | None:
    """A WHATWG-serialised URL without its fragment, if it is http(s), bounded and credential-free."""
    if not href.startswith(_FETCHABLE_PREFIXES):
        return None
    href = href.split("#", 1)[0]  # serialised paths and queries escape "#": the first one is the fragment
    if len(href) > MAX_URL_LENGTH:
        return None
    rest = href[href.index("://") + 3 :]
    authority = rest.split("/", 1)[0]  # special URLs always serialise a path
    if not authority or "@" in authority:  # userinfo: never sent (deliberate, docs/urls.md)
        return None
    return href


@lru_cache(maxsize=65536)
def request_url(url: str) -> str | None:
    """The URL to request for an absolute ``url``: parsed and serialised by the WHATWG URL
    Standard (ada), nothing more, fragment dropped. None unless http(s), without credentials,
    at most ``MAX_URL_LENGTH`` characters."""
    if len(url) > MAX_URL_LENGTH:
        return None
    try:
        return _fetchable(ada_url.normalize_url(url))
    except ValueError:
        return None


def resolve_link(base: str, href: str) -> str | None:
    """The URL to request for a link ``href`` found on ``base`` (a request URL), or None.

    Joined by the WHATWG parser as a browser would; same-page ``#...`` links and links that are
    not http(s) (``javascript:``, ``mailto:``, ...) give None.
    """
    if href.startswith(_ORIGIN_ONLY_PREFIXES):
        # An absolute URL, or a path from the root ("/x", "//host/x"), joins the same on every page
        # of a site: keyed by the site's root, a menu repeated on every page is resolved once.
        return _resolve(_site_root(base), href)
    return _resolve(base, href)


# Hrefs whose join depends on the base's scheme, host and port at most, never on its path or query.
_ORIGIN_ONLY_PREFIXES = ("/", *_FETCHABLE_PREFIXES)


def _site_root(base: str) -> str:
    """``https://host:port/`` of a serialised http(s) URL."""
    start = base.find("://")
    end = base.find("/", start + 3) if start >= 0 else -1
    return base[: end + 1] if end >= 0 else base


# Keyed by the page or the site root: a page's repeated links and a site's menus hit; a few pages'
# worth of entries will do (65,536 held ~25 MB on a 20,000-page crawl, issue 18).
@lru_cache(maxsize=4096)
def _resolve(base: str, href: str) -> str | None:
    if len(href) > MAX_URL_LENGTH or href.strip(_C0_SPACE).startswith("#"):
        return None
    try:
        return _fetchable(ada_url.join_url(base, href))
    except ValueError:
        return None


def _normalize_pct(text: str) -> str:
    """Uppercase percent-escapes and decode those of unreserved characters (RFC 3986 6.2.2)."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _PCT_RE.sub(fix, text)


def _canonical_query(query: str, path: str) -> str:
    drop_view = url_extension(path) in DOCUMENT_EXTENSIONS
    kept = []
    for part in query.split("&"):
        if not part:
            continue
        key = unquote(part.split("=", 1)[0]).lower()
        if key in _SESSION_PARAMS or key.startswith("utm_") or (drop_view and key in _DOCUMENT_VIEW_PARAMS):
            continue
        kept.append(_normalize_pct(part))
    return "&".join(sorted(kept))


@lru_cache(maxsize=65536)
def canonicalize(url: str) -> str | None:
    """The canonical form of an absolute URL: the identity behind :func:`dedup_key`, or None.

    The WHATWG form (:func:`request_url`) plus deliberate choices (docs/urls.md): no fragment,
    no trailing dot on the host, session path parameters and session/tracking query parameters
    dropped, view parameters dropped on document URLs, query parameters sorted (values untouched,
    ``+`` and ``%2B`` stay distinct), escapes of unreserved characters decoded and the others
    uppercased. Idempotent: canonicalising the result gives it back.
    """
    href = request_url(url)
    if href is None:
        return None
    scheme, rest = href.split("://", 1)
    slash = rest.index("/")
    authority, target = rest[:slash], rest[slash:]
    path, _, query = target.partition("?")
    path = _normalize_pct(_PATH_SESSION_RE.sub("", path))
    rest = path + (f"?{query}" if (query := _canonical_query(query, path)) else "")
    # A second WHATWG pass: dropping a path parameter can leave a dot segment to resolve. Without
    # its trailing dot a host may turn into an invalid IPv4 address ("foo.09."): then keep the dot.
    stripped = _strip_host_dot(authority)
    if stripped != authority:
        canonical = request_url(f"{scheme}://{stripped}{rest}")
        if canonical is not None:
            return canonical
    return request_url(f"{scheme}://{authority}{rest}")


def _strip_host_dot(authority: str) -> str:
    """``example.com.:8080`` -> ``example.com:8080`` (one host to DNS, two to the WHATWG parser)."""
    if authority.startswith("["):  # IPv6 literal
        return authority
    host, colon, port = authority.partition(":")  # a serialised domain or IPv4 host has no ":"
    bare = host.rstrip(".")
    return bare + colon + port if bare else authority


def dedup_key(url: str) -> str:
    """The identity of a page or document: its canonical form with a non-root trailing slash
    ignored (``/about/`` and ``/about`` are one page). Accepts any URL the crawler holds."""
    canonical = canonicalize(url) or url
    base, sep, query = canonical.partition("?")
    if not base.endswith("/") or base.count("/") <= 3:  # no trailing slash, or the root path
        return canonical
    return base.rstrip("/") + sep + query


def url_extension(path_or_url: str) -> str:
    """Lowercased extension of the URL path's last segment ("" if none)."""
    path = path_or_url
    if "://" in path and not path.startswith("/"):  # a URL, not a path that contains "://"
        try:
            path = urlsplit(path).path
        except ValueError:  # "http://[" in a query value
            return ""
    last = unquote(path.rsplit("/", 1)[-1])
    if "." not in last:
        return ""
    return last.rsplit(".", 1)[-1].lower().strip()


def document_type_from_url(url: str, allowed: Iterable[str]) -> str | None:
    """Document type named by the URL: by path extension, else by a filename in the query."""
    doc = _url_document_type(url)
    return doc if doc is not None and doc in allowed else None


@lru_cache(maxsize=65536)
def _url_document_type(url: str) -> str | None:
    parts = urlsplit(url)
    doc = DOCUMENT_EXTENSIONS.get(url_extension(parts.path))
    if doc is None and parts.query:
        # /download.php?file=report.pdf — opportunistic, the response decides later anyway.
        for _key, value in parse_qsl(parts.query):
            ext = url_extension(value) if "." in value and len(value) < 300 else ""
            if ext in DOCUMENT_EXTENSIONS:
                doc = DOCUMENT_EXTENSIONS[ext]
                break
    return doc


def is_skippable(url: str) -> bool:
    """True for URLs whose extension says they are neither pages nor documents."""
    return url_extension(urlsplit(url).path) in SKIP_EXTENSIONS


def url_filename(url: str) -> str | None:
    last = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return last or None


@lru_cache(maxsize=65536)
def host_of(url: str) -> str:
    """Lowercase host without a trailing dot (``E.com.`` is in the scope of ``e.com``)."""
    host = (urlsplit(url).hostname or "").lower()
    return host.rstrip(".") or host


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


@dataclass
class Scope:
    """Which hosts and paths the crawl may follow as pages."""

    hosts: set[str] = field(default_factory=set)
    include_subdomains: bool = False
    include: list[re.Pattern[str]] = field(default_factory=list)
    exclude: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def for_start(
        cls, start_url: str, include_subdomains: bool, include: Iterable[str], exclude: Iterable[str]
    ) -> Scope:
        scope = cls(include_subdomains=include_subdomains)
        scope.include = [re.compile(p) for p in include]
        scope.exclude = [re.compile(p) for p in exclude]
        scope.add_host(host_of(start_url))
        return scope

    def add_host(self, host: str) -> None:
        """Admit ``host`` and its ``www.`` twin."""
        bare = _strip_www(host)
        self.hosts.add(bare)
        if not _is_ip(bare):
            self.hosts.add("www." + bare)

    def host_in_scope(self, host: str) -> bool:
        if host in self.hosts:
            return True
        if self.include_subdomains:
            return any(host.endswith("." + _strip_www(h)) for h in self.hosts)
        return False

    def path_in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        if self.include and not any(p.search(target) for p in self.include):
            return False
        return not any(p.search(target) for p in self.exclude)

    def page_in_scope(self, url: str) -> bool:
        return self.host_in_scope(host_of(url)) and self.path_in_scope(url)


def _is_ip(host: str) -> bool:
    return bool(re.fullmatch(r"[\d.]+", host)) or ":" in host


def looks_like_trap(url: str, max_segment_repeats: int = 3, max_depth_segments: int = 30) -> bool:
    """Paths that only a generator could make: a segment repeated many times, absurd depth."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > max_depth_segments:
        return True
    counts: dict[str, int] = {}
    for seg in segments:
        counts[seg] = counts.get(seg, 0) + 1
        if counts[seg] > max_segment_repeats:
            return True
    return False


def path_key(url: str) -> str:
    """URL without its query: the unit for the query-variant cap."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
