"""Routers of the headless API, one per resource."""
