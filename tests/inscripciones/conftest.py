import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Call ``call`` and run what it left for after the commit (the e-mails), as a real
    request's transaction would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
