"""Read an IMRO2012 bestemmingsplan (GML) and say what it allows: land per hoofdgroep, dwelling
caps, and land and floor-area capacity for facilities, plus a programme skeleton to complete.

    plan = read_plan("NL.IMRO.0798.BPDoornboom-ON01.gml")   # raises PlanError
    summary = summarise(plan)                                # PlanSummary; .as_dict() for JSON
    rows = programme_skeleton(summary)                       # list of dicts, SKELETON_COLUMNS
"""

from normcheck.plan.imro.capacity import Capacity
from normcheck.plan.imro.geometry import ARC_TOLERANCE_M
from normcheck.plan.imro.model import (
    Bestemmingsvlak,
    Bouwvlak,
    Functieaanduiding,
    Gebiedsaanduiding,
    Maatvoering,
    Plan,
    Shape,
    Value,
)
from normcheck.plan.imro.reader import IMRO_NAMESPACES, read_plan
from normcheck.plan.imro.skeleton import SKELETON_COLUMNS, programme_skeleton, short_id
from normcheck.plan.imro.summary import DwellingCap, FacilityPlace, PlanSummary, WonenPlane, summarise

__all__ = [
    "ARC_TOLERANCE_M",
    "IMRO_NAMESPACES",
    "SKELETON_COLUMNS",
    "Bestemmingsvlak",
    "Bouwvlak",
    "Capacity",
    "DwellingCap",
    "FacilityPlace",
    "Functieaanduiding",
    "Gebiedsaanduiding",
    "Maatvoering",
    "Plan",
    "PlanSummary",
    "Shape",
    "Value",
    "WonenPlane",
    "programme_skeleton",
    "read_plan",
    "short_id",
    "summarise",
]
