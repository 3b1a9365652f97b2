"""Holding requests to --max-bytes, and reading uploads without ever writing them to disk."""

from __future__ import annotations

import json

from starlette.formparsers import MultiPartException, MultiPartParser


class Refused(Exception):
    """A request the server answers with an error: the HTTP status and one line naming the problem."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _too_big(size: int, limit: int) -> bytes:
    return json.dumps({"error": f"request: {size:,} bytes or more, over the limit of {limit:,} bytes "
                                "(prfacts serve --max-bytes)"}).encode()


class BodyLimit:
    """ASGI middleware: a request body over `max_bytes` is answered 413 before the application sees it.

    The body is read here whole (it is at most `max_bytes`) and handed on, so a client that sends no
    Content-Length, or a false one, is held to the limit as well.
    """

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        size = int(declared) if declared.isdigit() else 0
        chunks = []
        while size <= self.max_bytes:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size = max(size, sum(map(len, chunks)))
            if not message.get("more_body"):
                break
        if size > self.max_bytes:
            await send({"type": "http.response.start", "status": 413,
                        "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": _too_big(size, self.max_bytes)})
            return
        body, given = b"".join(chunks), False

        async def replay():
            nonlocal given
            if given:
                return await receive()
            given = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class _InMemoryParser(MultiPartParser):
    """Starlette's parser with the spool as large as the body may be: an upload stays in memory."""

    def __init__(self, headers, stream, max_bytes: int):
        super().__init__(headers, stream, max_files=1, max_fields=4)
        self.spool_max_size = max_bytes + 1


async def read_upload(request, max_bytes: int) -> tuple[bytes, str | None, dict[str, str]]:
    """The uploaded file's bytes and name, and the form's other fields, from a multipart/form-data request."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise Refused(422, "request: send the draft as multipart/form-data, the file in a part named 'file'")
    try:
        form = await _InMemoryParser(request.headers, request.stream(), max_bytes).parse()
    except MultiPartException as exc:
        raise Refused(422, f"request: {exc.message}") from None
    try:
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise Refused(422, "request: no file in the part named 'file'")
        data = await upload.read()
        return data, upload.filename, {k: v for k, v in form.items() if isinstance(v, str)}
    finally:
        await form.close()
