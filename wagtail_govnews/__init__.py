"""News pages, QR codes and share links for government news portals built on Wagtail."""

__version__ = "0.1.0"
