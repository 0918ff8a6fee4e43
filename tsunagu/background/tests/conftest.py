import pytest
from django.utils import translation

from tsunagu.background import registry
from tsunagu.background.registry import JobKind, Outcome


@pytest.fixture(autouse=True)
def _english_and_own_var_dir(settings, tmp_path):
    """Messages in English; the running jobs' boards in a directory of the test's own."""
    settings.VAR_DIR = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def test_kind():
    """A kind of job whose work the test gives: test_kind(run) → its key."""
    key = "background.test"

    def register(run=lambda job: Outcome(message="done")) -> str:
        registry.register_job_kind(
            JobKind(key=key, label="A test job", permission="background.see_jobs", run=run)
        )
        return key

    yield register
    registry._KINDS.pop(key, None)
