"""SDG goals and targets found by their words, not only by "ODS 13" (``search.identifiers``):
"clima" finds goal 13, "Acción por el clima", the targets that speak of the climate and the
indicators linked to them.

Seventeen goals and 169 targets: their stems are read from the database once (again only when
a goal or target changes, ``search.versions``) and matched in Python, the same on every
backend.
"""

from rendicion.models import SdgGoal, SdgTarget
from search.analysis import stems
from search.versions import shared

CACHE_SECONDS = 60 * 60


def _build_table():
    goals = [
        (goal, frozenset(stems(f"{goal.short_title} {goal.title}")))
        for goal in SdgGoal.objects.order_by("number")
    ]
    targets = [
        (target, frozenset(stems(target.title)))
        for target in SdgTarget.objects.select_related("goal").order_by("goal__number", "pk")
    ]
    return goals, targets


def _table():
    return shared("sdg", _build_table, CACHE_SECONDS)


def sdg_matches(stem_lists):
    """(goals, targets) whose words hold every stem of one of ``stem_lists`` (the query and
    its synonym variants), in the goals' order."""
    wanted = [frozenset(item) for item in stem_lists if item]
    if not wanted:
        return [], []
    goals, targets = _table()

    def matches(words):
        return any(query <= words for query in wanted)

    return (
        [goal for goal, words in goals if matches(words)],
        [target for target, words in targets if matches(words)],
    )
