"""What the web API takes and answers, as pydantic models: FastAPI's OpenAPI page (`/docs`) is built from them."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field

from ..models import FactSheet, Finding

DEFAULT_NAME = "draft.txt"


class DraftIn(BaseModel):
    text: str = Field(description="The draft, as the file's text (Markdown or HTML source included).")
    filename: Optional[str] = Field(
        None, description="A name whose suffix picks the reader (.txt, .md, .html, .docx); default draft.txt. "
        "Only the suffix is used: the server reads no file by this name.")
    sarif: bool = Field(False, description="/check only: also give the findings as a SARIF 2.1.0 log.")


class CheckOut(BaseModel):
    filename: str
    format: str = Field(description="The reader used: text, markdown or html.")
    text: str = Field(description="The analysed text: every start/end in `sheet` is an offset into it.")
    sheet: FactSheet = Field(description="The fact sheet with the findings, as `prfacts check --format json`.")
    fixable: int = Field(description="How many fixes /fix would apply.")
    sarif: Optional[dict[str, Any]] = Field(None, description="The findings as SARIF 2.1.0, when asked for.")


class FixOut(BaseModel):
    filename: str
    text: str = Field(description="The corrected draft, in the form it came in.")
    applied: int
    skipped: list[Finding] = Field(description="Fixable findings left alone: overlapping another fix, or their "
                                               "text no longer matches.")


class LimitsOut(BaseModel):
    max_bytes: int = Field(description="The largest request body accepted (prfacts serve --max-bytes).")
    max_chars: int = Field(description="The most characters a draft may have (--max-chars).")
    timeout: float = Field(description="Seconds the analysis of one draft may take (--timeout).")


class ErrorOut(BaseModel):
    error: str = Field(description="One line naming the draft (or the request) and the problem.")


ERRORS = {status: {"model": ErrorOut, "description": text} for status, text in (
    (408, "The analysis took longer than the time budget (--timeout)."),
    (413, "The request is over --max-bytes, or the draft over the character budget (--max-chars)."),
    (422, "The request or the draft cannot be read."),
    (500, "The analysis failed (a rule error, or a worker that died)."),
    (503, "Every analysis worker stayed busy."),
)}
