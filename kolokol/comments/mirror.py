"""Comments on a static mirror: shown, but acting on them needs the main site.

A mirror runs none of our code, so the like buttons, the reply links and
the "Write a comment" link (marked in the page between ``<!--kk:actions-->``
comments) are taken out, and the note naming the main site and the other
mirrors, hidden on the main site, is shown in their place.
"""

from __future__ import annotations

import re

ACTIONS_RE = re.compile(rb"<!--kk:actions-->.*?<!--/kk:actions-->", re.DOTALL)
NOTE = b'<div class="comments-mirror-note" hidden>'


def adapt(body: bytes) -> bytes:
    body = ACTIONS_RE.sub(b"", body)
    return body.replace(NOTE, b'<div class="comments-mirror-note">')
