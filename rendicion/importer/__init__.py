"""Import and export of the development plan's indicator matrix (docs/indicator-import.md).

``build_plan`` reads a file and says what would change, ``apply_plan`` writes it (all or
nothing), ``write_xlsx`` / ``write_csv`` export in the same format.
"""

from rendicion.importer.apply import Outcome, PlanHasErrors, SubmitterRequired, apply_plan
from rendicion.importer.plan import FullAccess, Plan, UserAccess, build_plan

__all__ = [
    "FullAccess",
    "Outcome",
    "Plan",
    "PlanHasErrors",
    "SubmitterRequired",
    "UserAccess",
    "apply_plan",
    "build_plan",
]
