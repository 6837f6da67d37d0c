"""A site with the core app only (no ``contrib`` sub-app): run by ``tests/test_subapps.py``."""
