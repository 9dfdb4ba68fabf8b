"""Lists whose cost does not grow with content: a page shows the first few items of a list
that grows (a cycle's encounters, a goal's indicators…), how many there are, and a link to
the paginated listing that holds them all (docs/architecture.md, "Pages that do not grow")."""

from dataclasses import dataclass

# Items a page shows of each growing list; the rest is one "see all" link away.
PREVIEW_SIZE = 6
# Rows per page of a full listing.
LISTING_PAGE_SIZE = 20


@dataclass(frozen=True)
class Preview:
    items: list
    total: int
    more_url: str = ""

    @property
    def has_more(self):
        return self.total > len(self.items)

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)


def preview(queryset, more_url="", size=PREVIEW_SIZE):
    """The first ``size`` rows of ``queryset`` and its total: two queries, however many rows
    (counting only on overflow would save one, and make the query count depend on content)."""
    return Preview(list(queryset[:size]), queryset.count(), more_url)
