"""The interface catalogues under ``locales/locale/<xx>/LC_MESSAGES/django.po``.

``update()`` re-extracts the public strings (``locales.extract``) and merges them into the 24
catalogues: translations of strings that are still used are kept, new strings arrive empty, strings
no longer used are dropped. ``problems()`` lists what a catalogue lacks; the tests and
``update_catalogues --check`` fail on any.
"""

import re
from pathlib import Path

import polib
from django.conf import settings

from campaign.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, language_name
from locales.extract import extract

DOMAIN = "django"

# gettext Plural-Forms of each language (CLDR / GNU gettext conventions for integers).
PLURAL_FORMS = {
    "bg": "nplurals=2; plural=(n != 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "et": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ga": "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "mt": "nplurals=4; plural=(n==1 ? 0 : n==0 || (n%100>1 && n%100<11) ? 1 : "
          "(n%100>10 && n%100<20) ? 2 : 3);",
    "nl": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100>0 && n%100<20)) ? 1 : 2);",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "sv": "nplurals=2; plural=(n != 1);",
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*[\w.]+\s*\}\}|\{\w*\}")


def nplurals(language):
    return int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[language]).group(1))


def locale_dir():
    return Path(settings.LOCALE_PATHS[0])


def po_path(language):
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def placeholders(text):
    return sorted(_PLACEHOLDER.findall(text)) if text else []


def _placeholder_set(text):
    return sorted(match.group(0) for match in _PLACEHOLDER.finditer(text or ""))


def load(language):
    path = po_path(language)
    return polib.pofile(str(path), wrapwidth=0) if path.exists() else None


def _new_catalogue(language):
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "twinit-cms",
        "Language": language,
        "Language-Team": language_name(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    return catalogue


def merge(language, messages, catalogue=None):
    """A catalogue holding exactly ``messages``, keeping the existing translations."""
    old = {(e.msgctxt or "", e.msgid): e for e in (catalogue or []) if not e.obsolete}
    merged = _new_catalogue(language)
    if catalogue is not None:
        merged.metadata.update(catalogue.metadata)
    merged.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    merged.metadata["Language"] = language
    count = nplurals(language)
    for message in messages:
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.msgctxt or None,
            occurrences=[(path, str(line)) for path, line in message.occurrences],
        )
        if _PLACEHOLDER.search(message.msgid) and "%(" in message.msgid:
            entry.flags.append("python-format")
        previous = old.get(message.key)
        if message.msgid_plural:
            entry.msgid_plural = message.msgid_plural
            forms = dict(previous.msgstr_plural) if previous and previous.msgid_plural else {}
            entry.msgstr_plural = {i: forms.get(i, "") for i in range(count)}
            if previous and previous.msgid_plural != message.msgid_plural and any(forms.values()):
                entry.flags.append("fuzzy")
        else:
            entry.msgstr = previous.msgstr if previous and not previous.msgid_plural else ""
        if previous and "fuzzy" in previous.flags and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        merged.append(entry)
    return merged


def update(languages=LANGUAGE_CODES, messages=None):
    """Re-extract and merge every catalogue; returns {language: number of untranslated strings}."""
    messages = extract() if messages is None else messages
    report = {}
    for language in languages:
        merged = merge(language, messages, load(language))
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        merged.save(str(path))
        report[language] = len(problems(language, merged, messages))
    return report


def problems(language, catalogue=None, messages=None):
    """What keeps ``language`` from showing every public string translated: a list of text lines.

    For the source language (English) only presence is required, since gettext falls back to
    the msgid itself.
    """
    messages = extract() if messages is None else messages
    catalogue = catalogue if catalogue is not None else load(language)
    if catalogue is None:
        return [f"{language}: no catalogue at {po_path(language)}"]
    found = []
    if catalogue.metadata.get("Plural-Forms", "").replace(" ", "") != PLURAL_FORMS[language].replace(
        " ", ""
    ):
        found.append(f"{language}: Plural-Forms header is not {PLURAL_FORMS[language]!r}")
    entries = {(e.msgctxt or "", e.msgid): e for e in catalogue if not e.obsolete}
    count = nplurals(language)
    for message in messages:
        entry = entries.get(message.key)
        label = f"{language}: {message.msgid!r}"
        if entry is None:
            found.append(f"{label} is missing from the catalogue")
            continue
        if language == DEFAULT_LANGUAGE:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{label} is fuzzy")
        if message.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(count)]
            if len(entry.msgstr_plural) != count or not all(forms):
                found.append(f"{label} needs {count} plural forms")
            for form in forms:
                if form and _placeholder_set(form) != _placeholder_set(message.msgid_plural):
                    found.append(f"{label} plural form {form!r} changes the placeholders")
        else:
            if not entry.msgstr.strip():
                found.append(f"{label} is not translated")
            elif _placeholder_set(entry.msgstr) != _placeholder_set(message.msgid):
                found.append(f"{label} → {entry.msgstr!r} changes the placeholders")
    return found


def compile_all():
    """Compile every catalogue under LOCALE_PATHS to .mo with polib (no GNU gettext needed)."""
    compiled = 0
    for base in settings.LOCALE_PATHS:
        for path in sorted(Path(base).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
            compiled += 1
    return compiled
