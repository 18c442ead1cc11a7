from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "egide.audit"
    label = "audit"
