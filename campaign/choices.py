"""Controlled vocabularies of the campaign, defined once.

Models, forms, exports, the readiness check and tests all import these lists; nothing else
spells a code or a URI. Codes are stable identifiers stored in the database; labels are shown.
"""

from django.utils.translation import gettext_lazy as _

# The 27 EU Member States, ISO 3166-1 alpha-2 (Greece is GR, not EL, in ISO 3166).
MEMBER_STATES = (
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("DE", _("Germany")),
    ("GR", _("Greece")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LV", _("Latvia")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SK", _("Slovakia")),
    ("SI", _("Slovenia")),
    ("ES", _("Spain")),
    ("SE", _("Sweden")),
)
MEMBER_STATE_CODES = tuple(code for code, _label in MEMBER_STATES)

# Official EU languages of each Member State: their national coordinators review translations
# into these languages; Europeana editors review the others.
MEMBER_STATE_LANGUAGES = {
    "AT": ("de",), "BE": ("nl", "fr", "de"), "BG": ("bg",), "HR": ("hr",), "CY": ("el",),
    "CZ": ("cs",), "DK": ("da",), "EE": ("et",), "FI": ("fi", "sv"), "FR": ("fr",),
    "DE": ("de",), "GR": ("el",), "HU": ("hu",), "IE": ("ga", "en"), "IT": ("it",),
    "LV": ("lv",), "LT": ("lt",), "LU": ("fr", "de"), "MT": ("mt", "en"), "NL": ("nl",),
    "PL": ("pl",), "PT": ("pt",), "RO": ("ro",), "SK": ("sk",), "SI": ("sl",),
    "ES": ("es",), "SE": ("sv",),
}

HERITAGE_TYPES = (
    ("monument", _("Monument")),
    ("archaeological_site", _("Archaeological site")),
    ("building", _("Building")),
    ("movable_object", _("Movable object")),
    ("collection", _("Collection")),
    ("cultural_landscape", _("Cultural landscape")),
    ("underwater_heritage", _("Underwater heritage")),
    ("industrial_heritage", _("Industrial heritage")),
    ("intangible_heritage", _("Intangible heritage (documented in 3D)")),
)

# Priority categories of the 2021 Commission Recommendation on a common European data space.
PRIORITY_CATEGORIES = (
    ("at_risk", _("At risk")),
    ("most_visited", _("Among the most physically visited")),
    ("low_digitisation", _("Category with low levels of digitisation")),
)

# Europeana's controlled list of intended usage areas for 3D (EPF), exported as edm:intendedUsage.
USAGE_AREA_BASE_URI = "http://data.europeana.eu/vocabulary/usageArea/"
USAGE_AREAS = (
    ("Knowledge", _("Knowledge")),
    ("Research", _("Research")),
    ("Education", _("Education")),
    ("Infotainment", _("Infotainment")),
    ("Tourism", _("Tourism")),
    ("Gaming", _("Gaming")),
    ("Exhibition", _("Exhibition")),
    ("Creativity", _("Creativity")),
    ("Design", _("Design")),
    ("Art", _("Art")),
    ("Curation", _("Curation")),
    ("Maintenance", _("Maintenance")),
    ("Restoration", _("Restoration")),
    ("Documentation", _("Documentation")),
)


def usage_area_uri(code):
    return USAGE_AREA_BASE_URI + code


# Rights statements Europeana accepts, in the exact URI form it requires (http://, trailing /).
# Reuse level feeds the EPF content tier: open → tier 4, restricted → tier 3, closed → at most 2.
OPEN, RESTRICTED, CLOSED = "open", "restricted", "closed"
RIGHTS_STATEMENTS = (
    # (uri, label, short name, reuse level)
    ("http://creativecommons.org/publicdomain/mark/1.0/", _("Public Domain Mark"), "PDM", OPEN),
    ("http://creativecommons.org/publicdomain/zero/1.0/", _("CC0 1.0 (public domain dedication)"),
     "CC0", OPEN),
    ("http://creativecommons.org/licenses/by/4.0/", _("CC BY 4.0"), "CC BY", OPEN),
    ("http://creativecommons.org/licenses/by-sa/4.0/", _("CC BY-SA 4.0"), "CC BY-SA", OPEN),
    ("http://creativecommons.org/licenses/by-nc/4.0/", _("CC BY-NC 4.0"), "CC BY-NC", RESTRICTED),
    ("http://creativecommons.org/licenses/by-nd/4.0/", _("CC BY-ND 4.0"), "CC BY-ND", RESTRICTED),
    ("http://creativecommons.org/licenses/by-nc-sa/4.0/", _("CC BY-NC-SA 4.0"), "CC BY-NC-SA",
     RESTRICTED),
    ("http://creativecommons.org/licenses/by-nc-nd/4.0/", _("CC BY-NC-ND 4.0"), "CC BY-NC-ND",
     RESTRICTED),
    ("http://rightsstatements.org/vocab/NoC-NC/1.0/", _("No Copyright – Non-Commercial Use Only"),
     "NoC-NC", RESTRICTED),
    ("http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
     _("No Copyright – Other Known Legal Restrictions"), "NoC-OKLR", RESTRICTED),
    ("http://rightsstatements.org/vocab/InC-EDU/1.0/",
     _("In Copyright – Educational Use Permitted"), "InC-EDU", RESTRICTED),
    ("http://rightsstatements.org/vocab/InC/1.0/", _("In Copyright"), "InC", CLOSED),
    ("http://rightsstatements.org/vocab/InC-OW-EU/1.0/", _("In Copyright – EU Orphan Work"),
     "InC-OW-EU", CLOSED),
    ("http://rightsstatements.org/vocab/CNE/1.0/", _("Copyright Not Evaluated"), "CNE", CLOSED),
)
RIGHTS = tuple((uri, label) for uri, label, _short, _level in RIGHTS_STATEMENTS)
RIGHTS_URIS = tuple(uri for uri, *_rest in RIGHTS_STATEMENTS)
RIGHTS_SHORT_NAMES = {uri: short for uri, _label, short, _level in RIGHTS_STATEMENTS}
RIGHTS_REUSE_LEVEL = {uri: level for uri, _label, _short, level in RIGHTS_STATEMENTS}

CAPTURE_TECHNIQUES = (
    ("photogrammetry", _("Photogrammetry")),
    ("terrestrial_laser_scanning", _("Terrestrial laser scanning")),
    ("aerial_laser_scanning", _("Aerial laser scanning (LiDAR)")),
    ("structured_light", _("Structured-light scanning")),
    ("hand_held_laser", _("Hand-held laser scanning")),
    ("ct_scanning", _("Computed tomography")),
    ("rti", _("Reflectance transformation imaging")),
    ("mixed", _("Combination of techniques")),
    ("digital_modelling", _("Digital modelling (reconstruction)")),
)

# IPTC Digital Source Type, exported as schema:digitalSourceType.
IPTC_DIGITAL_SOURCE_TYPE_BASE = "https://cv.iptc.org/newscodes/digitalsourcetype/"
DIGITAL_SOURCE_TYPES = (
    ("digitalCapture", _("Digital capture of a real object (scan, photographs)")),
    ("dataDrivenMedia", _("Data-driven media (computed from captured data)")),
    ("digitalCreation", _("Digital creation (modelled by hand)")),
)


def digital_source_type_uri(code):
    return IPTC_DIGITAL_SOURCE_TYPE_BASE + code


def label_for(choices, code):
    """The display label of a code in one of the lists above (the code itself if unknown)."""
    return dict(choices).get(code, code)
