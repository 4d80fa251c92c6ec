"""rxload with {client} and {seq} replaced zero-padded to 4 digits, so a payload template
such as "00000000-0000-4000-8000-0000{client}{seq}" is a distinct valid UUID per event
(a gate entry, like every field form, is applied once per client UUID: a repeated UUID
would measure the replay shortcut, not a new passage).

    PYTHONPATH=<rxload dir>:<repo> python -m bench.rxload_padded <rxload arguments>
"""

from __future__ import annotations

import json
from typing import Any


def fill(payload: dict, client: int, seq: int) -> dict:
    """The payload of event `seq` of tab `client`: {client} and {seq} zero-padded."""
    text = json.dumps(payload)
    return json.loads(text.replace("{client}", f"{client:04d}").replace("{seq}", f"{seq:04d}"))


def run() -> int:
    from rxload import runner
    from rxload.cli import main
    from rxload.protocol import encode_form_payload

    def padded_payload(cfg: Any, client: int, seq: int) -> dict | None:
        payload = cfg.payload
        if payload is None:
            return None
        if cfg.template:
            payload = fill(payload, client, seq)
        if cfg.form_keys:
            payload = encode_form_payload(payload, cfg.form_keys)
        return payload

    runner._payload_for = padded_payload  # noqa: SLF001 - rxload's one substitution point
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
