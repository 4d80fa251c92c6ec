"""End of the campaign, the later domains: gate, roster, tip-offs, donations, shops,
disinfection and the subdistrict's grants (see services/retention.py for the whole rule).

Erased: every gate passage (visitor names, phones, plates, temperatures, the warnings
raised) and every resident pass (who carries it, how often the household may go out);
volunteer applications never approved (name, phone, skills of people who are not staff);
each tip-off's words, place, time and reporter's phone, and its triage notes; the donor's
name of a donation whose donor did not agree to the public thanks list, every donation's
free-text note, and which household or errand run donated goods went to; shop contacts
(name, phone); shop-inspection and disinfection photos (the files too, after the commit).
The subdistrict's grants to see residents' names and phones are revoked.

Kept, as records: checkpoints and gate duty (staff hours); approved applications (the
volunteer's staff account), teams, shifts, signups; each tip-off's receipt, status and
reward money; donations' receipt, date, amount, goods lines, stock and issues (quantities,
target kind, place), and the donor's name when they agreed to the public list; shops,
inspections, results and rectification notices; disinfection slots and records; cadre
loans; the privacy-view audit log; the daily report snapshots (aggregates only).

Blocks the purge: a tip-off not yet checked (new or checking), a reward granted and not
yet paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import case, or_
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, select

from community_app.models import (
    ApplicationStatus,
    DisinfectionRecord,
    Donation,
    GateEntry,
    GoodsIssue,
    PrivacyGrant,
    ResidentPass,
    Shop,
    ShopInspection,
    TipNote,
    TipOff,
    TipStatus,
    VolunteerApplication,
    utcnow,
)
from community_app.services.disinfection import photos as disinfection_photos
from community_app.services.shops import photos as shop_photos

TIP_TEXT = ("what", "place", "seen", "phone", "public_note", "source")


def settled_tip() -> ColumnElement[bool]:
    """A tip-off checked to the end: only those are scrubbed. The blockers refuse the purge
    while any is new or checking; one sent between that check and the scrub (no lock spans
    them) keeps its words for the admin to triage."""
    return TipOff.status.notin_((TipStatus.new, TipStatus.checking))


@dataclass(frozen=True)
class Scrub:
    """Rows of one kind to blank in place: `where` holds only rows with something left."""

    kind: str
    model: type
    where: ColumnElement[bool]
    values: dict[str, Any]


def deleted(community_id: int) -> list[tuple[str, type, ColumnElement[bool]]]:
    """(kind, table, rows of the community) to delete, children before their parents."""
    tips = select(TipOff.id).where(TipOff.community_id == community_id, settled_tip())
    return [
        ("gate_entries", GateEntry, GateEntry.community_id == community_id),
        ("resident_passes", ResidentPass, ResidentPass.community_id == community_id),
        ("volunteer_applications", VolunteerApplication,
         (VolunteerApplication.community_id == community_id)
         & (VolunteerApplication.status != ApplicationStatus.approved)),
        ("tip_notes", TipNote, TipNote.tip_id.in_(tips)),
    ]


def scrubs(community_id: int) -> list[Scrub]:
    """Rows kept as records with their personal columns blanked. Run before `deleted`:
    a goods issue must stop naming an errand run before the runs go (foreign key)."""
    private_donor = Donation.public_thanks.is_not(True) & (Donation.donor != "")
    return [
        Scrub("goods_recipients", GoodsIssue,
              (GoodsIssue.community_id == community_id)
              & (GoodsIssue.household_id.is_not(None) | GoodsIssue.errand_run_id.is_not(None)),
              {"household_id": None, "errand_run_id": None}),
        Scrub("donor_details", Donation,
              (Donation.community_id == community_id) & (private_donor | (Donation.note != "")),
              {"donor": case((Donation.public_thanks.is_(True), Donation.donor), else_=""),
               "note": ""}),
        Scrub("tipoffs", TipOff,
              (TipOff.community_id == community_id) & settled_tip()
              & or_(*(getattr(TipOff, c) != "" for c in TIP_TEXT)),
              dict.fromkeys(TIP_TEXT, "")),
        Scrub("shop_contacts", Shop,
              (Shop.community_id == community_id)
              & ((Shop.contact_name != "") | (Shop.contact_phone != "")),
              {"contact_name": "", "contact_phone": ""}),
        Scrub("shop_photos", ShopInspection,
              (ShopInspection.community_id == community_id) & ShopInspection.photo.is_not(None),
              {"photo": None}),
        Scrub("disinfection_photos", DisinfectionRecord,
              (DisinfectionRecord.community_id == community_id)
              & DisinfectionRecord.photo.is_not(None),
              {"photo": None}),
        Scrub("privacy_grants", PrivacyGrant,
              (PrivacyGrant.community_id == community_id) & PrivacyGrant.revoked_at.is_(None),
              {"revoked_at": utcnow()}),
    ]


def blockers(community_id: int) -> list[tuple[str, type, ColumnElement[bool]]]:
    """Unfinished work of these domains: (kind, table, rows)."""
    ours = TipOff.community_id == community_id
    return [
        ("open_tips", TipOff, ours & TipOff.status.in_((TipStatus.new, TipStatus.checking))),
        ("unpaid_rewards", TipOff, ours & TipOff.reward.is_(True)
         & TipOff.reward_paid_at.is_(None)),
    ]


@dataclass(frozen=True)
class PhotoFiles:
    shops: list[str]
    disinfection: list[str]


def photo_files(session: Session, community_id: int) -> PhotoFiles:
    """The stored photo files the purge will unlink (read before the rows are blanked)."""
    return PhotoFiles(
        shops=[n for n in session.exec(select(ShopInspection.photo).where(
            ShopInspection.community_id == community_id,
            ShopInspection.photo.is_not(None))).all() if n],
        disinfection=[n for n in session.exec(select(DisinfectionRecord.photo).where(
            DisinfectionRecord.community_id == community_id,
            DisinfectionRecord.photo.is_not(None))).all() if n])


def delete_files(files: PhotoFiles) -> None:
    """Unlink the photos; call only after the rows naming them are committed blank."""
    for folder, names in ((shop_photos.photo_dir(), files.shops),
                          (disinfection_photos.photo_dir(), files.disinfection)):
        for name in names:
            (folder / Path(name).name).unlink(missing_ok=True)
