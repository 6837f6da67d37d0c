"""Optional features of wagtail-govnews, each a Django app of its own (add to INSTALLED_APPS)."""
