"""Web server configuration for serving an export, generated from its ``manifest.json``.

The export is plain files; what a server must add is what the files cannot say themselves:
the content type of feeds saved as ``index.html`` files, how long each kind of file may be
cached, compression, that ``/`` goes to the default language, and that whatever the export
leaves out (a query string, a form post, the admin, a file that is not there) goes to the
live site. :func:`nginx_config` writes that for nginx, :func:`static_host_files` as the
``_headers`` and ``_redirects`` files of static hosts (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

#: What nginx's stock ``mime.types`` says for the extensions an export holds.
EXTENSION_TYPES = {
    ".html": "text/html",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".css": "text/css",
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".xml": "text/xml",
    ".txt": "text/plain",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}

#: Names of one type: what the export records (Python's ``mimetypes``) and nginx sends.
SAME_TYPE = {"text/javascript": "application/javascript", "application/xml": "text/xml"}

#: Types worth compressing (nginx compresses text/html always when gzip is on).
COMPRESSIBLE = (
    "text/css application/javascript application/json image/svg+xml text/xml "
    "application/xml application/rss+xml application/atom+xml text/plain"
)

#: Text types sent with ``; charset=utf-8`` besides text/html (every text the export writes
#: is UTF-8).
CHARSET_TYPES = (
    "text/xml text/plain text/css application/javascript application/json "
    "application/rss+xml application/atom+xml image/svg+xml"
)

#: A file name with Django's ManifestStaticFilesStorage hash (``site.3f9a2c1b7e4d.css``).
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


@dataclass(frozen=True)
class CachePolicy:
    """``Cache-Control`` of each kind of exported file."""

    #: Pages, API JSON, lists, feeds and sitemaps: short, so a publish shows within a minute
    #: even where no purge reaches (browsers); a CDN that is purged may keep them longer.
    documents: str = "public, max-age=60, stale-while-revalidate=60"
    #: Static files whose name carries a content hash: never change under their name.
    hashed: str = "public, max-age=31536000, immutable"
    #: Image renditions, QR codes and static files without a hash.
    assets: str = "public, max-age=86400"


def content_type_overrides(manifest: dict) -> dict[str, str]:
    """URL path → content type, for the files whose type their extension does not give
    (a feed saved as ``…/rss/index.html`` is ``application/rss+xml``)."""
    overrides = {}
    for name, entry in sorted(manifest.get("files", {}).items()):
        actual = entry.get("content_type", "").split(";")[0].strip()
        actual = SAME_TYPE.get(actual, actual)
        expected = EXTENSION_TYPES.get(PurePosixPath(name).suffix.lower())
        if actual and actual != expected:
            overrides["/" + name] = entry["content_type"]
    return overrides


def default_language_path(manifest: dict, preferred: str | None = None) -> str:
    """Where ``/`` redirects: the ``preferred`` language's home if exported, else the first."""
    homes = sorted(
        name.split("/")[0]
        for name in manifest.get("files", {})
        if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)?/index\.html", name)
    )
    if preferred in homes:
        return f"/{preferred}/"
    return f"/{homes[0]}/" if homes else "/"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_config(
    manifest: dict,
    *,
    root: str,
    origin: str,
    listen: str = "80",
    server_name: str = "_",
    language: str | None = None,
    policy: CachePolicy | None = None,
) -> str:
    """An nginx ``http``-level configuration file (a ``map`` and a ``server``) serving the
    export in ``root`` with the live site at ``origin`` (``http://127.0.0.1:8000``) behind it."""
    policy = policy or CachePolicy()
    home = default_language_path(manifest, language)
    security = [
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "same-origin" always;',
        'add_header X-Frame-Options "DENY" always;',
    ]

    def headers(cache_control: str) -> list[str]:
        # add_header in a location replaces the server's: each location states them all.
        return [f"add_header Cache-Control {_quoted(cache_control)};", *security]

    def block(head: str, lines: list[str], indent: str = "    ") -> list[str]:
        return [f"{indent}{head} {{", *(f"{indent}    {line}" for line in lines), f"{indent}}}"]

    # Dynamic requests and files the export does not hold go to the live site.
    fallback = ["error_page 403 404 418 = @origin;", "if ($govnews_dynamic) { return 418; }"]
    lines = [
        "# Generated by `manage.py govnews_serverconf nginx` from the export's manifest.json"
        f" ({manifest.get('generated_at', 'unknown time')}).",
        "# Include it in nginx's http block (e.g. /etc/nginx/conf.d/govnews.conf).",
        "",
        "# Requests the export cannot answer: a query string or any method but GET and HEAD.",
        "map $request_method$is_args $govnews_dynamic {",
        "    default 1;",
        "    GET 0;",
        "    HEAD 0;",
        "}",
        "",
        "server {",
        f"    listen {listen};",
        f"    server_name {server_name};",
        f"    root {root};",
        "    index index.html index.json;",
        "    charset utf-8;",
        f"    charset_types {CHARSET_TYPES};",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_proxied any;",
        "    gzip_min_length 512;",
        f"    gzip_types {COMPRESSIBLE};",
        "",
        "    # The export's lock and working files, and its manifest, are not for visitors.",
        *block("location ^~ /.govnews-export/", ["return 404;"]),
        *block("location = /manifest.json", ["return 404;"]),
        "",
        "    # The live site: pages not exported (page 2, filters, search, PDF), the admin, forms.",
        *block(
            "location @origin",
            [
                f"proxy_pass {origin};",
                "proxy_set_header Host $http_host;",
                "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "proxy_set_header X-Forwarded-Proto $scheme;",
            ],
        ),
        *block("location ^~ /admin/", ["error_page 418 = @origin;", "return 418;"]),
        *block("location ^~ /django-admin/", ["error_page 418 = @origin;", "return 418;"]),
        "",
        f"    # The portal's home: the default language ({home}).",
        *block(
            "location = /",
            [*fallback, f"return 302 {home};"],
        ),
        "",
        "    # Pages, API JSON, lists, feeds and sitemaps.",
        *block("location /", [*fallback, *headers(policy.documents)]),
        "",
        "    # Static files: hashed names forever, the others a day; renditions and QR codes.",
        *block(
            r'location ~ "^/static/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$"',  # quoted: braces
            [*fallback, *headers(policy.hashed)],
        ),
        *block("location /static/", [*fallback, *headers(policy.assets)]),
        *block("location /media/", [*fallback, *headers(policy.assets)]),
        *block(r"location ~ /qr\.(svg|png)$", [*fallback, *headers(policy.assets)]),
    ]
    overrides = content_type_overrides(manifest)
    if overrides:
        lines += ["", "    # Files whose content type their name does not give (feeds)."]
        for path, content_type in overrides.items():
            lines += block(
                f"location = {path}",
                [
                    *fallback,
                    "types { }",
                    f"default_type {_quoted(content_type)};",
                    *headers(policy.documents),
                ],
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def static_host_files(
    manifest: dict,
    *,
    origin: str,
    language: str | None = None,
    policy: CachePolicy | None = None,
) -> dict[str, str]:
    """``_headers`` and ``_redirects`` for a static host serving the export (Netlify,
    Cloudflare Pages): caching, feed content types, ``/`` to the default language and the
    paths the export does not hold proxied to ``origin``.

    Pages keep the host's own caching (revalidated on each visit, purged on deploy): these
    hosts join the values of every rule that matches a path, so one rule per kind of file.
    """
    policy = policy or CachePolicy()
    names = sorted(manifest.get("files", {}))
    static = [name for name in names if name.startswith("static/")]
    all_hashed = all(HASHED_NAME.search(name) for name in static)
    headers = [
        "# Generated by `manage.py govnews_serverconf static-host` from manifest.json.",
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: same-origin",
        "  X-Frame-Options: DENY",
        "/static/*",
        f"  Cache-Control: {policy.hashed if all_hashed else policy.assets}",
        "/media/*",
        f"  Cache-Control: {policy.assets}",
    ]
    for path, content_type in content_type_overrides(manifest).items():
        folder = path.removesuffix("index.html")
        for url in dict.fromkeys((folder, path)):
            headers += [url, f"  Content-Type: {content_type}"]
    redirects = [
        "# Generated by `manage.py govnews_serverconf static-host` from manifest.json.",
        f"/ {default_language_path(manifest, language)} 302",
        f"/admin/* {origin.rstrip('/')}/admin/:splat 200",
        "# Anything the export does not hold comes from the live site (a proxy rewrite on",
        "# Netlify; Cloudflare Pages cannot proxy another host: use 302 there).",
        f"/* {origin.rstrip('/')}/:splat 200",
    ]
    return {"_headers": "\n".join(headers) + "\n", "_redirects": "\n".join(redirects) + "\n"}
