"""The manager every personal-data model uses: a query outside an access scope is an error, so
the only way to personal data is through a selector or service that decides first."""

from __future__ import annotations

from typing import Any

from django.db import models

from haven.access.decisions import AccessContractError, in_access_scope


class ProtectedManager(models.Manager[Any]):
    def get_queryset(self) -> models.QuerySet[Any]:
        if not in_access_scope():
            raise AccessContractError(
                f"{self.model.__name__} was queried outside an access scope: read personal "
                "data through its app's selectors, which state a purpose and decide first"
            )
        return super().get_queryset()
