from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "egide.governance"
    label = "governance"
