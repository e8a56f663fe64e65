"""The 24 official EU languages: the single list every setting, form and export reads.

English is the campaign's source language; a Member State may write its own assets in its own
language first, so any of these can be a page's source locale.
"""

DEFAULT_LANGUAGE = "en"

# (code, English name, name in the language itself), ordered by code as the EU does.
EU_LANGUAGES = (
    ("bg", "Bulgarian", "български"),
    ("cs", "Czech", "čeština"),
    ("da", "Danish", "dansk"),
    ("de", "German", "Deutsch"),
    ("el", "Greek", "ελληνικά"),
    ("en", "English", "English"),
    ("es", "Spanish", "español"),
    ("et", "Estonian", "eesti"),
    ("fi", "Finnish", "suomi"),
    ("fr", "French", "français"),
    ("ga", "Irish", "Gaeilge"),
    ("hr", "Croatian", "hrvatski"),
    ("hu", "Hungarian", "magyar"),
    ("it", "Italian", "italiano"),
    ("lt", "Lithuanian", "lietuvių"),
    ("lv", "Latvian", "latviešu"),
    ("mt", "Maltese", "Malti"),
    ("nl", "Dutch", "Nederlands"),
    ("pl", "Polish", "polski"),
    ("pt", "Portuguese", "português"),
    ("ro", "Romanian", "română"),
    ("sk", "Slovak", "slovenčina"),
    ("sl", "Slovenian", "slovenščina"),
    ("sv", "Swedish", "svenska"),
)

LANGUAGE_CODES = tuple(code for code, _, _ in EU_LANGUAGES)

# Django's own table lacks Maltese; without it get_language_info("mt") raises KeyError.
EXTRA_LANG_INFO = {
    "mt": {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"},
}


def django_languages():
    """LANGUAGES for settings: each language named in itself, as a language switcher shows it."""
    return [(code, local) for code, _, local in EU_LANGUAGES]


def language_name(code):
    for lang_code, english, _ in EU_LANGUAGES:
        if lang_code == code:
            return english
    raise KeyError(code)
