"""Where a rule's documentation lives, so every report can link a finding to it.

The pages are generated into `docs/rules/<rule-id>.md` (`prfacts rules docs`). The
address they are published at is the user's to choose (their fork, their intranet),
so it is a setting: `docs-url` in the configuration or the PRFACTS_DOCS_URL
environment variable. Without one, links point at the pages of the local checkout
as file: URIs, which a browser opening the HTML report can follow.
"""

from __future__ import annotations

import os
from pathlib import Path

DOCS_URL_ENV = "PRFACTS_DOCS_URL"
DOCS_DIR = Path(__file__).resolve().parent.parent.parent / "docs" / "rules"


def published_base(setting: str | None = None) -> str | None:
    """The base address the user published the pages at (setting, else the environment), ending in "/".

    Only this goes into a file meant for other machines (SARIF): the local fallback is a path of this one."""
    base = setting or os.environ.get(DOCS_URL_ENV)
    if base:
        return base if base.endswith("/") else base + "/"
    return None


def docs_base(setting: str | None = None) -> str | None:
    """The base address of the rule pages, ending in "/", or None when there is nowhere to link to."""
    return published_base(setting) or (DOCS_DIR.as_uri() + "/" if DOCS_DIR.is_dir() else None)


def configured(result) -> str | None:
    """The docs-url a checked document's configuration (or --docs-url) gives; a bare fact sheet has none."""
    return getattr(getattr(result, "config", None), "docs_url", None)


def doc_url(rule_id: str, setting: str | None = None, published: bool = False) -> str | None:
    """The address of one rule's page, or None when no base is known (`published`: no local fallback)."""
    base = published_base(setting) if published else docs_base(setting)
    return f"{base}{rule_id}.md" if base else None
