"""Publish webhooks: signed JSON events sent to headless frontends when articles change.

Add ``"wagtail_govnews.contrib.webhooks"`` to ``INSTALLED_APPS``, then manage endpoints in the
admin under Settings → Webhook endpoints. See docs/how-to/webhooks.md.
"""
