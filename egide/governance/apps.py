from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "egide.governance"
    label = "governance"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .register import sync_register

        post_migrate.connect(sync_register, sender=self, dispatch_uid="governance.sync_register")
