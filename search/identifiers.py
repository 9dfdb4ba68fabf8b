"""Exact identifiers in a query: indicator codes, SDG targets and SDG goals.

Full-text search splits "4.1" into "4" and "1", which match almost anything; identifiers are
therefore recognised here and resolved with the ORM, and what they name is shown first.

- an indicator code: a number of five or more digits that is the code of an approved
  indicator ("220100900");
- an SDG target: "4.1", "4.a", "meta 13.3", "meta ODS 13.3";
- an SDG goal: "ODS 4", "objetivo 4", "SDG 4", "ODS n.° 4".
"""

import re
from dataclasses import dataclass, field

from search.analysis import fold

TARGET = re.compile(
    r"\b(?:(?:meta|target)\s+)?(?:(?:ods|sdg)\s+)?(\d{1,2})\s*\.\s*(\d{1,2}|[a-j])\b"
)
GOAL = re.compile(
    r"\b(?:ods|sdg|objetivo(?:\s+de\s+desarrollo\s+sostenible)?)\s*(?:n\s*[o.°º]*\s*)?(\d{1,2})\b"
)
CODE = re.compile(r"\b\d{5,30}\b")


@dataclass
class Identifiers:
    target_codes: list = field(default_factory=list)
    goal_numbers: list = field(default_factory=list)
    indicator_codes: list = field(default_factory=list)
    remaining: str = ""

    def __bool__(self):
        return bool(self.target_codes or self.goal_numbers or self.indicator_codes)


def find_identifiers(query):
    """The identifiers a query names, and the query without the SDG ones.

    Indicator codes stay in the remaining text: pages and documents that mention a code are
    worth finding too, and a code is a single token for every backend.
    """
    text = fold(query)
    found = Identifiers()

    def take_target(match):
        goal, target = int(match.group(1)), match.group(2)
        if 1 <= goal <= 17:
            code = f"{goal}.{int(target) if target.isdigit() else target}"
            if code not in found.target_codes:
                found.target_codes.append(code)
        return " "

    def take_goal(match):
        number = int(match.group(1))
        if 1 <= number <= 17 and number not in found.goal_numbers:
            found.goal_numbers.append(number)
        return " "

    text = TARGET.sub(take_target, text)
    text = GOAL.sub(take_goal, text)
    found.indicator_codes = list(dict.fromkeys(CODE.findall(text)))
    found.remaining = " ".join(text.split())
    return found
