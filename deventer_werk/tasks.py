"""Infrastructure tasks."""

from celery import shared_task


@shared_task(name="deventer_werk.ping")
def ping(nonce: str) -> str:
    """Round trip through broker, worker and result backend (used by the health test)."""
    return f"pong:{nonce}"
