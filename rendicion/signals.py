"""Signals of the domain that other apps listen to."""

from django.dispatch import Signal

# Sent after writes that bypass model signals (bulk imports, queryset updates) and change what
# the public sees; the page cache (caching/) empties on it as on any model save.
public_content_changed = Signal()
