"""URL rules of the crawler: canonical form, document extensions, scope and trap bounds.

Every URL the crawler sees goes through :func:`canonicalize` once; the result is both
the URL that is fetched and the key that makes "fetched at most once per job" true.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

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

# Query parameters that only identify a session or a campaign: dropped from every URL,
# so that a site handing each visitor a session id does not look infinite.
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
_PATH_SESSION_RE = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PCT_RE = re.compile(r"%([0-9A-Fa-f]{2})")
MAX_URL_LENGTH = 2048


def _normalize_pct(text: str) -> str:
    """Uppercase percent-escapes and decode those of unreserved characters (RFC 3986 6.2.2)."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _PCT_RE.sub(fix, text)


def _quote_part(text: str, safe: str) -> str:
    # quote() leaves existing escapes alone when "%" is safe; spaces and non-ASCII get escaped.
    return _normalize_pct(quote(text, safe=safe + "%"))


def _clean_path(path: str) -> str:
    path = _PATH_SESSION_RE.sub("", path)
    if not path:
        return "/"
    trailing = path.endswith("/") or path.endswith("/.") or path.endswith("/..")
    norm = posixpath.normpath(path)
    if norm.startswith("//"):  # posixpath keeps a leading "//"; URLs do not want it
        norm = "/" + norm.lstrip("/")
    if trailing and norm != "/":
        norm += "/"
    return _quote_part(norm, safe="/:@!$&'()*+,;=-._~")


def _clean_query(query: str, path: str) -> str:
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    ext = url_extension(path)
    drop_view = ext in DOCUMENT_EXTENSIONS
    kept = []
    for key, value in pairs:
        low = key.lower()
        if low in _SESSION_PARAMS or low.startswith("utm_") or (drop_view and low in _DOCUMENT_VIEW_PARAMS):
            continue
        kept.append((key, value))
    kept.sort()
    return urlencode(kept, quote_via=quote, safe="/:@!$'()*+,;-._~")


@lru_cache(maxsize=65536)
def canonicalize(url: str) -> str | None:
    """The canonical form of an absolute http(s) URL, or None if it is not one we can fetch.

    Lowercase scheme and host, IDNA host, no default port, no fragment, dot-segments resolved,
    percent-escapes normalised, spaces escaped, query sorted, session/tracking params dropped.
    """
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        return None
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return None
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:  # bad port, bad IPv6 literal
        return None
    if not host or parts.username or parts.password:
        return None
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _clean_path(parts.path)
    query = _clean_query(parts.query, path)
    return urlunsplit((scheme, netloc, path, query, ""))


_ORIGIN_RE = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*", re.IGNORECASE)


def resolve_link(base: str, href: str) -> str | None:
    """Join ``href`` (relative or absolute, possibly with spaces/escapes) to ``base``; canonical or None."""
    href = href.strip().replace("\\", "/")
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:", "about:")):
        return None
    if href.startswith("//"):
        href = urlsplit(base).scheme + ":" + href
    elif href.startswith("/"):
        # Root-relative links are most links: join by string, skip urljoin (a third of parse CPU).
        origin = _ORIGIN_RE.match(base)
        if origin is not None:
            return canonicalize(origin.group(0) + href)
    try:
        return canonicalize(urljoin(base, href))
    except ValueError:
        return None


def dedup_key(canonical: str) -> str:
    """The identity of a page: its canonical URL with a non-root trailing slash ignored."""
    base, sep, query = canonical.partition("?")
    if not base.endswith("/") or base.count("/") <= 3:  # no trailing slash, or the root path
        return canonical
    return base.rstrip("/") + sep + query


def url_extension(path_or_url: str) -> str:
    """Lowercased extension of the URL path's last segment ("" if none)."""
    path = urlsplit(path_or_url).path if "://" in path_or_url else path_or_url
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
    return (urlsplit(url).hostname or "").lower()


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
