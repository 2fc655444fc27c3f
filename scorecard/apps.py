from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "scorecard"

    def ready(self) -> None:
        from scorecard import checks  # noqa: F401 - registers the system checks
