"""`prfacts serve`: a local web page for checking drafts, and the same checks as a JSON API.

    prfacts serve [--host 127.0.0.1] [--port 8000] [--max-bytes N] [--max-chars N] [--timeout S]
                  [--config PATH] [--workers N]

The page (`/`) takes a pasted draft or a .txt, .md, .html or .docx file and
shows the release with its figures highlighted, each finding under its
paragraph with the proposed fix, a button that downloads the corrected file,
and downloads of the fact sheet (JSON) and the findings (SARIF). The API is
`POST /check`, `/extract`, `/fix` (JSON) and `/check/file`, `/extract/file`,
`/fix/file` (an upload); `/docs` documents them.

It needs the `serve` extra (FastAPI, uvicorn, python-multipart); the command
line without it says how to install it. It binds to 127.0.0.1 unless told
otherwise: drafts are confidential until they are released.
"""

from __future__ import annotations

import argparse
import socket
import sys

from ..linter import budget

INSTALL_HINT = 'prfacts serve needs FastAPI and uvicorn: pip install -e ".[serve]"'
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("serve", help="a local web page (and JSON API) for checking drafts",
                              description="Serve a web page where a draft is pasted or dropped and checked, and "
                                          "the API behind it (POST /check, /extract, /fix; /docs describes it).")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--max-bytes", type=_positive_int, metavar="N",
                   help="largest request body accepted (default: 4 bytes per character of --max-chars)")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="analysis worker processes, each a draft at a time (default 1)")
    p.add_argument("--config", metavar="PATH",
                   help="the configuration to check with (default: the one that applies to the current folder)")
    budget.add_options(p)
    p.set_defaults(func=run)


def _positive_int(text: str) -> int:
    try:
        return budget.positive_int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, not {text!r}") from None


def extra_installed() -> bool:
    from importlib.util import find_spec

    # python-multipart is imported as `python_multipart` since 0.0.13, as `multipart` before
    return bool(find_spec("fastapi") and find_spec("uvicorn") and (find_spec("python_multipart") or find_spec("multipart")))


def run(args: argparse.Namespace) -> int:
    if not extra_installed():
        print(f"prfacts: {INSTALL_HINT}", file=sys.stderr)
        return 2
    import uvicorn

    from ..linter.config import ConfigError
    from .app import Service, create_app

    try:
        service = Service(args.config, args.max_chars, args.timeout, args.max_bytes, args.workers)
    except ConfigError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    try:  # before the server runs a thread, so the workers can be forked; a failure is one line, not a traceback
        service.start()
    except Exception as exc:  # noqa: BLE001
        print(f"prfacts: the analysis worker processes cannot start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    try:  # bound here, so a port in use is one line and "serving on" is said only once it is true
        sock = socket.create_server((args.host, args.port), family=socket.AF_INET6 if ":" in args.host
                                    else socket.AF_INET)
    except OSError as exc:
        service.workers.close()
        print(f"prfacts: cannot listen on {args.host} port {args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.host not in LOCAL_HOSTS:
        print(f"prfacts: listening on {args.host}: anyone who can reach this machine can send drafts to it",
              file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"prfacts: serving on http://{shown}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    with sock:
        uvicorn.Server(uvicorn.Config(create_app(service), log_level="warning")).run(sockets=[sock])
    return 0
