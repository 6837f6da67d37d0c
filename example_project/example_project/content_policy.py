"""The example portal's Content-Security-Policy (django-csp), shared with the test settings."""

from csp.constants import NONCE, NONE, SELF

# Content-Security-Policy of the public site (django-csp): scripts, styles, images and
# frames from this site only; no inline script or style, except a <script> carrying
# nonce="{{ request.csp_nonce }}"; pages may be framed only by this site (the admin's
# preview panel). YouTube players are allowed in video blocks: list other providers in
# frame-src, and media or CDN hosts in img-src. Wagtail's admin uses inline scripts and styles,
# so /admin/ is left out. See docs/how-to/deploying.md, "Content-Security-Policy".
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": ["https://www.youtube.com"],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
