"""The web application: one page for drafts, and the API it calls (`/check`, `/extract`, `/fix`).

A draft is read with `extractor.reading.read.from_bytes` (its name's suffix picks the
reader), analysed in a worker process by the engine `prfacts check` uses (the
configuration of the folder the server runs in, or `--config`), and answered
as JSON: the same findings in the browser as on the command line. Errors are
one line of JSON (`{"error": ...}`) with a fitting status, never a traceback.
Drafts are held in memory only: no temporary file, no log of a body.
"""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..reading import fixes
from ..linter.budget import BudgetError
from ..linter.engine import CheckedFile, Engine, Options
from ..reading.read import from_bytes
from ..reading.source import InputError, SourceText
from ..models import FactSheet
from ..report.sarif import render_sarif
from . import worker
from .limits import BodyLimit, Refused, read_upload
from .schemas import DEFAULT_NAME, ERRORS, CheckOut, DraftIn, FixOut, LimitsOut

STATIC = files("extractor.serve") / "static"
UPLOAD = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "The draft: .txt, .md, .html or .docx; its name picks the reader."},
                   "sarif": {"type": "boolean", "description": "/check/file only: add the SARIF log."}},
}}}}}


class Service:
    """What every request shares: the configuration, the budget, the size limit and the worker processes."""

    def __init__(self, config: str | None = None, max_chars: int | None = None, timeout: float | None = None,
                 max_bytes: int | None = None, workers: int = 1):
        # The options `prfacts check` would be given; a draft's name never picks a configuration.
        self.options = Options(config=config, max_chars=max_chars, timeout=timeout)
        engine = Engine(self.options)  # a configuration that cannot be used is a ConfigError now, not per draft
        self.cfg = engine.config_for("-")
        self.limits = engine.budget_for(self.cfg)
        # A character takes at most 4 bytes in UTF-8: the most a draft within the character budget can need.
        self.max_bytes = max_bytes or 4 * self.limits.max_chars
        self.count = workers
        self.workers: worker.Workers | None = None

    def start(self) -> None:
        """Start the worker processes (a `BrokenProcessPool` when they cannot); the server answers only after."""
        if self.workers is None:
            self.workers = worker.Workers(self.cfg, self.limits, self.count)

    @asynccontextmanager
    async def lifespan(self, app):
        await run_in_threadpool(self.start)
        try:
            yield
        finally:
            self.workers.close()
            self.workers = None

    def read(self, data: bytes, name: str | None) -> SourceText:
        name = Path(name or DEFAULT_NAME).name or DEFAULT_NAME  # only the name: no path of the client's
        try:
            source = from_bytes(data, name)
            self.limits.check_size(name, len(source.original))
        except InputError as exc:
            raise Refused(422, str(exc)) from None
        except BudgetError as exc:
            raise Refused(413, str(exc)) from None
        return source

    def sheet(self, job, source: SourceText) -> FactSheet:
        outcome = self.workers.analyse(job, source)
        if outcome.sheet is None:
            raise Refused(outcome.status, outcome.error)
        return outcome.sheet

    def check(self, data: bytes, name: str | None, sarif: bool = False) -> CheckOut:
        source = self.read(data, name)
        sheet = self.sheet(worker.check, source)
        edits, _ = fixes.plan(source, sheet.findings)
        log = None
        if sarif:
            checked = CheckedFile(source.path, sheet, source, tuple(self.cfg.rules_dirs), self.cfg)
            log = json.loads(render_sarif([checked]))
        return CheckOut(filename=source.path, format=source.format, text=source.text, sheet=sheet,
                        fixable=len(edits), sarif=log)

    def extract(self, data: bytes, name: str | None) -> FactSheet:
        return self.sheet(worker.extract, self.read(data, name))

    def fix(self, data: bytes, name: str | None) -> tuple[str, fixes.FixResult]:
        source = self.read(data, name)
        return source.path, fixes.fix_document(data, source, self.sheet(worker.check, source).findings)


def fixed_name(name: str) -> str:
    path = Path(name)
    return f"{path.stem}.fixed{path.suffix}"


def _fixed_file(name: str, result: fixes.FixResult) -> Response:
    download = fixed_name(name)
    # Octet-stream, not text/*: Starlette would add a charset, and the file keeps the encoding it came in.
    return Response(result.data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(download)}",
                             "X-Prfacts-Applied": str(len(result.applied)),
                             "X-Prfacts-Skipped": str(len(result.skipped))})


def _one_line(exc: RequestValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    return f"request: {where}: {first.get('msg', 'invalid')}"


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": _one_line(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        return JSONResponse({"error": f"internal error: {type(exc).__name__}: {exc}"}, status_code=500)


def create_app(service: Service) -> FastAPI:
    app = FastAPI(title="prfacts", version=__version__, lifespan=service.lifespan,
                  description="Check the figures of a press-release draft: the findings `prfacts check` gives, "
                              "the fact sheet `prfacts extract` gives, and the draft with the proposed fixes.")
    app.add_middleware(BodyLimit, max_bytes=service.max_bytes)
    _add_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", include_in_schema=False)
    def page():
        return FileResponse(str(STATIC / "index.html"))

    @app.get("/limits", response_model=LimitsOut, summary="The size and time limits of this server")
    def limits():
        return LimitsOut(max_bytes=service.max_bytes, max_chars=service.limits.max_chars,
                         timeout=service.limits.timeout)

    @app.post("/check", response_model=CheckOut, responses=ERRORS, summary="The findings of a draft")
    def check(draft: DraftIn):
        return service.check(draft.text.encode("utf-8"), draft.filename, draft.sarif)

    @app.post("/check/file", response_model=CheckOut, responses=ERRORS, openapi_extra=UPLOAD,
              summary="The findings of an uploaded draft")
    async def check_file(request: Request):
        data, name, fields = await read_upload(request, service.max_bytes)
        sarif = fields.get("sarif", "").lower() in ("1", "true", "on", "yes")
        return await run_in_threadpool(service.check, data, name, sarif)

    @app.post("/extract", response_model=FactSheet, responses=ERRORS, summary="The fact sheet of a draft")
    def extract(draft: DraftIn):
        return service.extract(draft.text.encode("utf-8"), draft.filename)

    @app.post("/extract/file", response_model=FactSheet, responses=ERRORS, openapi_extra=UPLOAD,
              summary="The fact sheet of an uploaded draft")
    async def extract_file(request: Request):
        data, name, _ = await read_upload(request, service.max_bytes)
        return await run_in_threadpool(service.extract, data, name)

    @app.post("/fix", response_model=FixOut, responses=ERRORS, summary="A draft with the proposed fixes applied")
    def fix(draft: DraftIn):
        name, result = service.fix(draft.text.encode("utf-8"), draft.filename)
        return FixOut(filename=fixed_name(name), text=result.data.decode("utf-8"), applied=len(result.applied),
                      skipped=result.skipped)

    @app.post("/fix/file", responses={200: {"description": "The corrected file, named <name>.fixed<suffix>.",
                                            "content": {"application/octet-stream": {}}}, **ERRORS},
              openapi_extra=UPLOAD, summary="An uploaded draft with the proposed fixes applied, as a file")
    async def fix_file(request: Request):
        data, name, _ = await read_upload(request, service.max_bytes)
        return _fixed_file(*await run_in_threadpool(service.fix, data, name))

    return app
