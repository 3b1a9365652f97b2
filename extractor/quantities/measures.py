"""Table rows whose figures are counts, not amounts: a row measured in a unit of its own ("Gold sold (oz)",
"Aggregates tons") or counted ("Headcount", "Days sales outstanding"), in the scale its label, its section or
its table's note prints; and the unit of measure a price row prices per ("Cash cost per tonne")."""

from __future__ import annotations

from functools import lru_cache

import regex

from . import numbers
from .found import Found
from ..document import Cell, TableRegion
from ..document.notes import UnitNote, read_note
from ..models import TableCell, dec_str

# a row of a rate per unit of measure: "Time charter equivalent $/day", "Cash cost per tonne", "Revenue per available room"
_MEASURE = (r"(?P<unit>day|tonne|ton|t|ounce|oz|barrel|bbl|boe|mcfe?|mmbtu|gallon|lb|pound|room|night|guest|[kmg]wh"
             r"|sq\.?\s?ft|square\s+(?:f(?:oo|ee)t|met(?:re|er))|sqm|m2|mile)(?![\w$])")
# the thing priced may stand between "per" and its measure: "per available room", "per leased sqm", "per fuel gallon"
# (not a volume a day: "Power sold (MWh per day)", "Throughput (tonnes per day)" measure, they price nothing)
_VOLUME = r"(?:m{0,2}bbls?|m?boe|m{0,2}cfe?|bcfe?|mmbtu|barrels|tonnes|tons|oz|ounces|[kmg]wh)"
_PER_MEASURE_ROW = regex.compile(rf"(?i)(?:US)?[$€£]\s*/\s*(?:per\s+)?{_MEASURE}|(?<!\b{_VOLUME}\s*)\bper\s+(?:[a-z]+\s+)?{_MEASURE}")
# a row's own unit of measure in brackets: "Gold sold (oz)", "Copper (million lbs)", "GLA ('000s sq. ft)"
_MEASURED_ROW = regex.compile(r"(?i)\((?:[^()$€£]*[\s'])?(?:sq(?:uare)?\.?\s?(?:f(?:ee|oo)t|ft|m|metres?|meters?)|sqm|m2|tons?|tonnes?"
                           r"|oz|ounces?|lbs?|barrels?|bbls?|boe|mcfe?|mmbtu|hectares|acres|[kmg]wh|MW|km|miles)\)"
                           r"|\(\s*(?:in\s+)?(?:years|months|days)\s*\)"  # "Weighted average lease term (years)"
                           # a volume a day, bracketed or not: "Oil (bbls/d)", "Total (BOE/d)", "Gas - Mcf/d", "MWh per day", "boepd"
                           rf"|(?<![$€£]\s*+/?\s*+)\b{_VOLUME}\s*(?:/\s*d(?:ay)?|per\s+day)\b"
                           r"|\b(?:m?boepd|m?bopd|m{1,2}cfe?pd|m{1,2}cfe?d)\b")
# a label whose head noun is the unit it counts in: "Aggregates tons", "Ready mixed concrete cubic yards" ("Gold
# ounces sold" is not: its head is "sold"); a price names its unit after "per", in the singular ("Gross profit per
# ton", "Revenue per 1,000 gallons"). (Possessive spaces: a label padded with spaces is read in linear time.)
_UNIT_NOUN_ROW = regex.compile(r"(?i)(?<!\bper\s+(?:[\w,.-]+\s+)?)\b(?:tons|tonnes|ounces|barrels|gallons|carats|acres"
                               r"|hectares|cubic\s+(?:yards|feet|met(?:re|er)s)|square\s+(?:feet|met(?:re|er)s))"
                               r"\s*+(?:(?:\(\w{1,2}\)|\d|\*+)\s*+)?$")
# a row of a count, not an amount, whatever the table's note: its head noun is a count ("Average fleet count",
# "Headcount", "Employees (FTE)", "Active customers", "Units sold"), a number of days ("Inventory days (DIO)", "Days sales outstanding"), or "Number
# of ..." anything but shares; not the money of one ("Payments to employees", "Cost per employee")
_COUNTED = r"(?:counts?|headcount|employees|FTEs?|days|customers|subscribers|members|units\s+(?:sold|delivered|shipped)|vessels)"
# (the look-behind runs only where a count's noun starts: run at every space of a padded label it was quadratic)
_COUNT_ROW = regex.compile(rf"(?i)\b(?={_COUNTED})(?<!\b(?:to|from|of|for|by|with|on|per|in)\s+(?:[\w-]+\s+)?){_COUNTED}"
                        r"\s*+(?:\([^)]*\)\s*+|\*+\s*+|[:,;\-–—]\s*+)*+$|\b(?:DSO|DIO|DPO)\b|\bdays\s+(?:sales|revenues?|inventory|payables?)\b"
                        r"|^\W*(?:average\s+)?number\s+of\b(?!\s+(?:[\w-]+\s+){0,3}(?:shares|ADSs|units\s+outstanding)\b)")


# a note naming what it scales before its bracket ("Shipments (in millions)"), not a bare one ("(In thousands)")
_NAMED_NOTE = regex.compile(r"\s*[A-Za-z][^()]*\(")


def per_measure(label: str) -> bool:
    """Whether a label prices per a unit of measure ("Time charter equivalent $/day", "Revenue per available room")."""
    return bool(_PER_MEASURE_ROW.search(label))


def measured_or_counted(label: str) -> bool:
    """Whether a row label measures in a unit of its own or counts: its figures hold no amounts."""
    return bool(_MEASURED_ROW.search(label) or _UNIT_NOUN_ROW.search(label) or _COUNT_ROW.search(label))


@lru_cache(maxsize=4096)
def measure_unit(label: str) -> str | None:
    """The unit of measure a label prices per ("lb" for "Cash cost (per lb)"), named as prose names it."""
    m = _PER_MEASURE_ROW.search(label)
    return " ".join(m.group("unit").lower().split()) if m else None


def count(cell: Cell, table: TableRegion, value, places, info: TableCell) -> Found:
    """A plain figure, in the scale its row or its section prints after its label, if any, or (a row whose label
    ends on its unit) the scale of a note naming what it scales and no currency."""
    own = _own_scale(cell.row_label or "") or _own_scale(section(cell))
    note = cell.unit.text if cell.unit else table.unit_note or ""
    if own is None and _UNIT_NOUN_ROW.search(cell.row_label or "") and _NAMED_NOTE.match(note):
        # ("Shipments (in millions)" over "Aggregates tons": a note naming what it scales, and no currency, is the
        # counts' own; a bare "(In thousands, except per share data)" scales the table's amounts)
        own = _own_scale(note)
    reading = numbers.read(value, places, own.share_scale or own.scale) if own else numbers.read(value, places)
    return Found("number", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high),
                 scale=own.text if own else None, cell=info)


def section(cell: Cell) -> str:
    """The innermost section heading over a row ("Sales volumes (in thousands of tons):"), or nothing."""
    return cell.row_path.rpartition(" > ")[0].rpartition(" > ")[2] if cell.row_path else ""


@lru_cache(maxsize=4096)
def _own_scale(label: str) -> UnitNote | None:
    """The scale a row of counts prints after its label ("Passengers carried (000s)", "Seat miles (millions)", "Sales
    volumes (in thousands of tons)"): its counts are in it, as a share count's are; no currency named."""
    note = read_note(label) if label else None
    return note if note and (note.share_scale or note.scale or 1) > 1 and not note.currency else None
