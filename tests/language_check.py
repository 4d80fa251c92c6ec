"""One check of what a person reads, shared by the page walk and the export tests.

A text the app shows (a page's text and accessible names, an export's cells and its file
name) fails when it holds
- a raw code: a model enum value (snake_case anywhere, or any enum value as the whole text);
- a catalog key ("survey.outcome.not_home");
- the other language: in Chinese an English word, in English a Chinese character.

What may legitimately be in the other language is data, never words of the app:
- `data`: strings from the database (names, addresses, usernames), passed in by the caller
  and cut out of the text before the check; masked names ("张*") are cut the same way;
- in Chinese, parts of a token holding a digit (codes, "2-502", "36.5") and the few names
  of things that Chinese screens write in Latin letters (ZH_LATIN: file formats, PIN);
- in either language, a web address (the door notice prints the self-fill link);
- in English, only the language switch's "中文" and the bilingual "Language / 语言" label,
  which exist so someone lost in the wrong language finds the way back (EN_CJK).
The page walk also leaves out the offline banner (assets/js/pwa.js): it is drawn before the
language is known and says both on purpose.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Iterable

from community_app import models
from community_app.i18n import CATALOG
from community_app.services import situation_map
from community_app.services.ledger.roster_parse import HEADERS
from community_app.services.masking import mask_name


def _enum_values() -> frozenset[str]:
    values: set[str] = set()
    for module in (models, situation_map):
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, enum.StrEnum) and obj is not enum.StrEnum:
                values |= {member.value for member in obj}
    return frozenset(values)


ENUM_VALUES = _enum_values()
# The roster import's English column headers are what a person types into a spreadsheet
# (/import lists them): field names on purpose, even where an enum shares the spelling
# (`elderly_alone` is also a care-list reason).
IMPORT_COLUMNS = frozenset(h for h in HEADERS if h.isascii())
# An enum value that is also a whole English catalog text ("other", "phone") reads as the
# translation on an English page; it is still caught on a Chinese one.
EN_TEXTS = frozenset(en for _zh, en in CATALOG.values())
KEYS = frozenset(CATALOG)

# What Chinese screens write in Latin letters: file formats and encodings the roster import
# names, and PIN. Nothing else: a new one belongs in the catalog's Chinese, or here with a
# reason.
ZH_LATIN = frozenset({"PIN", "CSV", "csv", "Excel", "xlsx", "UTF", "GBK", "JPG", "PNG", "MB"})
EN_CJK = ("中文", "语言")
# Said in both languages on purpose, in either language: the way back to one's language.
BILINGUAL = tuple(CATALOG["me.language"])
URL = re.compile(r"https?://\S+")  # an address printed for a phone to open (the door notice)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
DOTTED = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")


def data_strings(values: Iterable[str | None]) -> list[str]:
    """Data to cut out of texts: each value and its masked form, longest first."""
    out = {v.strip() for v in values if v and v.strip()}
    out |= {mask_name(v) for v in list(out) if CJK.search(v)}
    return sorted(out, key=len, reverse=True)


def problems(text: str, lang: str, data: Iterable[str] = ()) -> list[str]:
    """What is wrong with one text shown in `lang` ("zh" or "en"); [] when nothing is."""
    found: list[str] = []
    whole = text.strip()
    rest = URL.sub(" ", whole)
    for value in (*BILINGUAL, *data):  # a username "grid_worker" or a name is data, whatever it looks like
        rest = rest.replace(value, " ")
    if not rest.strip():
        return found
    if whole in ENUM_VALUES and not (lang == "en" and whole in EN_TEXTS):
        found.append(f"enum value {whole!r}")
    for token in TOKEN.findall(rest):
        if "_" in token and token.strip(".-") in ENUM_VALUES - IMPORT_COLUMNS:
            found.append(f"enum value {token!r}")
    for token in DOTTED.findall(rest):
        if token in KEYS:
            found.append(f"catalog key {token!r}")
    if lang == "zh":
        for token in TOKEN.findall(rest):
            for part in re.split(r"[-._]", token):
                if any(c.isdigit() for c in part):
                    continue  # a code, a flat number, a temperature
                for word in re.findall(r"[A-Za-z]+", part):
                    if len(word) > 1 and word not in ZH_LATIN:
                        found.append(f"English {word!r}")
    else:
        for allowed in EN_CJK:
            rest = rest.replace(allowed, " ")
        if CJK.search(rest):
            found.append(f"Chinese {''.join(CJK.findall(rest))!r}")
    return [f"{p} in {whole[:80]!r}" for p in found]


def all_problems(texts: Iterable[str], lang: str, data: Iterable[str] = ()) -> list[str]:
    data = list(data)
    seen: list[str] = []
    for text in texts:
        for problem in problems(text, lang, data):
            if problem not in seen:
                seen.append(problem)
    return seen
