"""The catalog: every key in both languages, placeholders matching, fallback to Chinese."""

from __future__ import annotations

import re

from community_app.i18n import CATALOG, normalise_lang, tr


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, (zh, en) in CATALOG.items():
        assert zh.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


def test_unknown_locale_from_the_browser_falls_back_to_chinese():
    assert normalise_lang({"$ne": 1}) == "zh" and normalise_lang("en") == "en"
    assert tr("err.locked", "xx", minutes=3) == "登录失败次数过多，请 3 分钟后再试。"
    assert tr("err.locked", "en", minutes=3).endswith("3 minutes.")


def test_a_message_shown_follows_a_language_switch():
    from community_app.i18n import retranslate, tr

    shown = tr("selffill.bad_code", "zh")
    assert retranslate(shown, "en") == tr("selffill.bad_code", "en")
    assert retranslate(tr("selffill.bad_code", "en"), "zh") == shown
    # A message with a number in it cannot be read back: dropped, never left in Chinese.
    assert retranslate(tr("survey.outbox_saved", "zh", n=3), "en") == ""
