"""The delivery log is read-only in the admin: it records what happened."""

from __future__ import annotations

from typing import Any

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Users with the ``view`` permission (and superusers) may look; nobody may change."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        """Only ``view`` is ever granted."""
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Any) -> Any:
        """The users who may view, when ``view`` is asked for."""
        actions = [action for action in actions if action == "view"]
        return super().users_with_any_permission(actions)
