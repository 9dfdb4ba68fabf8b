"""When the page cache empties: after **any** committed write that could change what the public
sees (docs/caching.md).

Every cache key carries a *generation* number; emptying the cache is adding one to it, so all
earlier entries become unreachable at once and expire on their own. Deciding which pages show
a given indicator, document or setting would be a second approximation of the visibility rule
and would drift from it; a transparency portal is read far more than it is written, so one
change empties everything. Writes are allowed to skip this only when listed in
``IGNORED_MODELS``: rows written while serving the public or by the admin's bookkeeping, which
no public page shows. A model added later empties the cache until someone lists it here.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from caching.frontend import ban_everything
from rendicion.signals import public_content_changed

GENERATION_KEY = "page-cache:generation"

IGNORED_MODELS = {
    # Written while serving or signing in: sessions, lockouts, search terms.
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "axes.accessattemptexpiration",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
    "search.unansweredsearch",
    # Citizens' questions: a new one is not public; the model sends public_content_changed
    # itself when a save changes what a page shows (participa/models.py).
    "participa.question",
    # Registrations to events: citizens write them; the event pages show only what their
    # published options say (inscripciones/, docs/participation.md).
    "inscripciones.registration",
    # Made on first view: image renditions and embeds (the page that shows them is what
    # changes when they do).
    "rendicion.portalrendition",
    "wagtailembeds.embed",
    # Admin bookkeeping: logs, who edits what, the search index, the reference index (rebuilt
    # from a page or snippet whose own save already empties the cache).
    "admin.logentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.revision",
    "wagtailadmin.editingsession",
    "wagtailadmin.admin",
    "wagtailusers.userprofile",
    "wagtailsearch.indexentry",
    "wagtailadmin.formstate",
    "wagtailcore.apitoken",
    "auth.user",
    "contenttypes.contenttype",
}
# Wagtail installs this search-index model on SQLite only.
SQLITE_ONLY_IGNORED_MODELS = {"wagtailsearch.sqliteftsindexentry"}
IGNORED_MODELS |= SQLITE_ONLY_IGNORED_MODELS


def generation():
    """The current generation; read once per request, before the response is built."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def kept_until_next_change(name, build, seconds=60 * 60):
    """``build()``'s value, kept in the cache until the next public change moves the generation:
    for small facts many requests read (the hidden branches of the page tree, the cycles' and
    sections' paths). Inside a transaction it is built afresh and not kept: a transaction may
    read its own uncommitted writes, and a rollback does not move the generation."""
    if transaction.get_connection().in_atomic_block:
        return build()
    key = f"{name}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def empty_page_cache():
    """Make every cached page unreachable, now."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): any new number is a new generation
        cache.add(GENERATION_KEY, 1, timeout=None)


def empty_after_commit(**_kwargs):
    # Now, so nothing cached before the write is served again, and once more after the commit:
    # a request that read the old rows between the two stored its page under the generation
    # the commit then leaves behind.
    empty_page_cache()
    # Once per transaction: an import saving a thousand rows empties the caches once.
    pending = transaction.get_connection().run_on_commit
    if not any(callback is _empty_after_commit for _savepoints, callback, _robust in pending):
        transaction.on_commit(_empty_after_commit)


def _empty_after_commit():
    empty_page_cache()
    ban_everything()


def _on_write(sender, **kwargs):
    if sender._meta.label_lower not in IGNORED_MODELS:
        empty_after_commit()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"caching-{id(signal)}")
    # Publishing in bulk (the indicator import) writes rows without model signals, and says so
    # with Wagtail's own signals; other bulk writes send the domain's.
    for signal in (
        published,
        unpublished,
        page_published,
        page_unpublished,
        public_content_changed,
    ):
        signal.connect(empty_after_commit, dispatch_uid=f"caching-{id(signal)}")
