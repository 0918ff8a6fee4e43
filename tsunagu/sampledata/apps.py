from django.apps import AppConfig


class SampledataConfig(AppConfig):
    """The top layer: the demo's and the bench's synthetic data. It may import every app; none imports it."""

    name = "tsunagu.sampledata"
    label = "sampledata"
