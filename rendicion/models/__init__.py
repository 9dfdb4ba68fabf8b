from rendicion.models.commitments import Commitment, CommitmentStatusChange
from rendicion.models.cycle import (
    AccountabilityCycleIndexPage,
    CycleActivity,
    DepartmentSectionPage,
)
from rendicion.models.departments import Department
from rendicion.models.encounters import DialogueEncounterPage, EncounterAttendance
from rendicion.models.hearings import PublicHearingPage
from rendicion.models.improvement import ImprovementAction, ImprovementPlanPage
from rendicion.models.index_pages import IndicatorIndexPage, SdgIndexPage
from rendicion.models.indicators import Indicator, IndicatorMeasurement, IndicatorYearTarget
from rendicion.models.media import (
    PortalDocument,
    PortalImage,
    PortalRendition,
    PublicCollection,
)
from rendicion.models.reports import ReportPage
from rendicion.models.sdg import SdgGoal, SdgTarget
from rendicion.models.settings import PortalSettings
from rendicion.models.stakeholders import PopulationGroup, StakeholderGroup
from rendicion.models.workflow import DepartmentReviewTask, IndependentGroupApprovalTask

__all__ = [
    "AccountabilityCycleIndexPage",
    "Commitment",
    "CommitmentStatusChange",
    "CycleActivity",
    "Department",
    "DepartmentReviewTask",
    "DepartmentSectionPage",
    "DialogueEncounterPage",
    "EncounterAttendance",
    "ImprovementAction",
    "ImprovementPlanPage",
    "IndependentGroupApprovalTask",
    "Indicator",
    "IndicatorIndexPage",
    "IndicatorMeasurement",
    "IndicatorYearTarget",
    "PopulationGroup",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "PortalSettings",
    "PublicCollection",
    "PublicHearingPage",
    "ReportPage",
    "SdgGoal",
    "SdgIndexPage",
    "SdgTarget",
    "StakeholderGroup",
]
