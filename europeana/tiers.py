"""Europeana tier prediction, computed from the record the EDM export serialises.

Content tier (Europeana Publishing Framework for 3D):
  1 landing page only; 2 a 3D resource Europeana can read or embed (a ready model, exported as
  ``edm:isShownBy`` = our oEmbed URL); 3 tier 2 with a restricted reuse statement; 4 tier 2 with
  an open licence.

Metadata tier, as europeana/metis-framework (indexing, ``tiers.metadata``) classifies a record:
the lowest of
  * language: the share of the ProvidedCHO's language-relevant property types that have a
    language-tagged value or link to a Place/TimeSpan/Concept with a tagged prefLabel
    (A >= 25 %, B >= 50 %, C >= 75 %, else 0);
  * enabling elements: distinct elements and groups present (A >= 1, B >= 3 from >= 2 groups,
    C >= 4 from >= 2 groups, else 0);
  * contextual classes: distinct types among Agent, Concept, Place, TimeSpan linked from the
    ProvidedCHO and complete (A 0, B 1, C >= 2).

``predict(page)`` is what the admin and the workflow's readiness check call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from campaign import choices

from .record import AssetRecord, Entity, Literal, Ref, record_for

TIERS = ("0", "A", "B", "C")

# Properties of the provider proxy that metis' LanguageTagStatistics looks at.
LANGUAGE_PROPERTIES = (
    "dc:coverage", "dc:description", "dc:format", "dc:relation", "dc:rights", "dc:source",
    "dc:subject", "dc:title", "dc:type", "dcterms:alternative", "dcterms:hasPart",
    "dcterms:isPartOf", "dcterms:isReferencedBy", "dcterms:medium", "dcterms:provenance",
    "dcterms:references", "dcterms:spatial", "dcterms:tableOfContents", "dcterms:temporal",
)
LANGUAGE_ENTITY_KINDS = ("edm:Place", "edm:TimeSpan", "skos:Concept")

TEMPORAL, CONCEPTUAL, PERSONAL, GEOGRAPHICAL = "temporal", "conceptual", "personal", "geographical"
GROUP_OF_KIND = {
    "edm:TimeSpan": TEMPORAL, "skos:Concept": CONCEPTUAL, "edm:Agent": PERSONAL,
    "edm:Place": GEOGRAPHICAL,
}
# Elements that count whatever their value (literal or link), with their fixed group.
FIXED_GROUP_ELEMENTS = {
    "dcterms:created": TEMPORAL, "dcterms:issued": TEMPORAL, "dcterms:temporal": TEMPORAL,
    "dc:format": CONCEPTUAL, "dc:type": CONCEPTUAL, "dcterms:medium": CONCEPTUAL,
    "dc:creator": PERSONAL, "dc:contributor": PERSONAL, "dc:publisher": PERSONAL,
    "dcterms:spatial": GEOGRAPHICAL, "edm:currentLocation": GEOGRAPHICAL,
}
# Elements that count only when they link to a contextual entity of one of these groups.
LINKED_GROUP_ELEMENTS = {
    "edm:hasMet": (TEMPORAL, PERSONAL),
    "dc:subject": (CONCEPTUAL, PERSONAL, GEOGRAPHICAL),
}
CONTEXTUAL_KINDS = ("edm:Agent", "skos:Concept", "edm:Place", "edm:TimeSpan")


@dataclass
class LanguageDetails:
    tier: str
    ratio: float
    properties: list[str]
    tagged: list[str]

    @property
    def untagged(self):
        return [p for p in self.properties if p not in self.tagged]


@dataclass
class EnablingDetails:
    tier: str
    elements: list[str]
    groups: list[str]


@dataclass
class ContextualDetails:
    tier: str
    complete: list[str]  # EDM classes linked from the CHO and complete
    incomplete: list[str]  # linked but missing what makes them complete


@dataclass
class TierPrediction:
    content_tier: int
    metadata_tier: str
    language: LanguageDetails
    enabling: EnablingDetails
    contextual: ContextualDetails
    reuse_level: str | None  # choices.OPEN / RESTRICTED / CLOSED, None without rights
    has_3d_resource: bool
    hints: list[str] = field(default_factory=list)
    # Problems that stop Europeana from ingesting the record at all.
    blocking: list[str] = field(default_factory=list)

    @property
    def language_tier(self):
        return self.language.tier

    @property
    def enabling_tier(self):
        return self.enabling.tier

    @property
    def contextual_tier(self):
        return self.contextual.tier

    def as_dict(self):
        return {
            "content_tier": self.content_tier,
            "metadata_tier": self.metadata_tier,
            "language_tier": self.language.tier,
            "language_ratio": round(self.language.ratio, 3),
            "enabling_tier": self.enabling.tier,
            "enabling_elements": self.enabling.elements,
            "enabling_groups": self.enabling.groups,
            "contextual_tier": self.contextual.tier,
            "contextual_classes": self.contextual.complete,
            "hints": list(self.hints),
            "blocking": list(self.blocking),
        }


def lowest(*tiers):
    return min(tiers, key=TIERS.index)


# --- the three metadata dimensions ------------------------------------------------------------


def _has_tagged_label(entity: Entity | None):
    return bool(entity) and any(label.value.strip() and label.lang for label in entity.pref_labels)


def classify_language(record: AssetRecord) -> LanguageDetails:
    labelled = {
        e.uri for e in record.entities if e.kind in LANGUAGE_ENTITY_KINDS and _has_tagged_label(e)
    }
    present, tagged = [], []
    for name, value in record.cho:
        if name not in LANGUAGE_PROPERTIES:
            continue
        if isinstance(value, Literal):
            if not value.value.strip():
                continue
            qualified = bool(value.lang)
        else:
            if not value.uri:
                continue
            qualified = value.uri in labelled
        if name not in present:
            present.append(name)
        if qualified and name not in tagged:
            tagged.append(name)
    ratio = len(tagged) / len(present) if present else 0.0
    tier = "C" if ratio >= 0.75 else "B" if ratio >= 0.5 else "A" if ratio >= 0.25 else "0"
    return LanguageDetails(tier, ratio, present, tagged)


def classify_enabling(record: AssetRecord) -> EnablingDetails:
    kinds = {}
    for entity in record.entities:
        kinds.setdefault(entity.uri, set()).add(entity.kind)
    elements, groups = [], set()
    for name, value in record.cho:
        if isinstance(value, Literal) and not value.value.strip():
            continue
        found = set()
        if name in FIXED_GROUP_ELEMENTS:
            found.add(FIXED_GROUP_ELEMENTS[name])
        elif name in LINKED_GROUP_ELEMENTS and isinstance(value, Ref):
            for kind in kinds.get(value.uri, ()):
                group = GROUP_OF_KIND.get(kind)
                if group in LINKED_GROUP_ELEMENTS[name]:
                    found.add(group)
        if found:
            if name not in elements:
                elements.append(name)
            groups |= found
    if len(groups) >= 2 and len(elements) >= 4:
        tier = "C"
    elif len(groups) >= 2 and len(elements) >= 3:
        tier = "B"
    elif groups and elements:
        tier = "A"
    else:
        tier = "0"
    return EnablingDetails(tier, elements, sorted(groups))


def entity_is_complete(entity: Entity) -> bool:
    """metis' ContextualClassesClassifier criteria for each contextual class."""
    labelled = any(label.value.strip() for label in entity.pref_labels)
    if entity.kind == "edm:Place":
        return labelled and bool(entity.values("wgs84_pos:lat")) and bool(
            entity.values("wgs84_pos:long")
        )
    if entity.kind == "edm:TimeSpan":
        return bool(entity.values("edm:begin")) and bool(entity.values("edm:end"))
    if entity.kind == "skos:Concept":
        related = ("skos:note", "skos:broader", "skos:narrower", "skos:exactMatch",
                   "skos:closeMatch", "skos:related")
        return labelled and any(entity.values(name) for name in related)
    if entity.kind == "edm:Agent":
        details = ("edm:begin", "edm:end", "rdaGr2:dateOfBirth", "rdaGr2:dateOfDeath",
                   "rdaGr2:placeOfBirth", "rdaGr2:placeOfDeath", "rdaGr2:professionOrOccupation")
        return labelled and any(entity.values(name) for name in details)
    return False


def classify_contextual(record: AssetRecord) -> ContextualDetails:
    linked = {value.uri for _name, value in record.cho if isinstance(value, Ref)}
    complete, incomplete = [], []
    for kind in CONTEXTUAL_KINDS:
        candidates = [e for e in record.entities if e.kind == kind and e.uri in linked]
        if any(entity_is_complete(e) for e in candidates):
            complete.append(kind)
        elif candidates:
            incomplete.append(kind)
    tier = "C" if len(complete) >= 2 else "B" if len(complete) == 1 else "A"
    return ContextualDetails(tier, complete, incomplete)


# --- content tier -----------------------------------------------------------------------------


def classify_content(record: AssetRecord):
    """(content tier, reuse level, has a 3D resource) from the isShownBy resource's rights."""
    resource = record.three_d_resource
    rights = resource.rights_uri if resource else record.rights_uri
    level = choices.RIGHTS_REUSE_LEVEL.get(rights)
    if resource is None:
        return 1, level, False
    if level == choices.OPEN:
        return 4, level, True
    if level == choices.RESTRICTED:
        return 3, level, True
    return 2, level, True


# --- prediction -------------------------------------------------------------------------------


def predict_record(record: AssetRecord, page=None) -> TierPrediction:
    content, level, has_3d = classify_content(record)
    language = classify_language(record)
    enabling = classify_enabling(record)
    contextual = classify_contextual(record)
    metadata = lowest(language.tier, enabling.tier, contextual.tier)
    prediction = TierPrediction(
        content_tier=content, metadata_tier=metadata, language=language, enabling=enabling,
        contextual=contextual, reuse_level=level, has_3d_resource=has_3d,
    )
    prediction.blocking = _blocking(record)
    prediction.hints = _hints(prediction, record, page)
    return prediction


def predict(page) -> TierPrediction:
    """Predict the Europeana tiers of an asset page (draft or live) from its export record."""
    page = getattr(page, "specific", page)
    return predict_record(record_for(page), page)


def _blocking(record):
    problems = []
    if not record.rights_uri:
        problems.append(_("Choose a rights statement: Europeana cannot publish a record "
                          "without one."))
    elif record.rights_uri not in choices.RIGHTS_URIS:
        problems.append(_("The rights statement is not one Europeana accepts."))
    if not record.cho_values("dc:title") and not record.cho_values("dc:description"):
        problems.append(_("Give the asset a title or a description."))
    if not any(
        name in ("dc:subject", "dc:type", "dcterms:temporal", "dcterms:spatial")
        for name, _value in record.cho
    ):
        problems.append(_("Give the heritage type, the place or the dating: Europeana needs "
                          "at least one of them."))
    if record.data_provider is None:
        problems.append(_("Choose the data-providing institution."))
    return problems


def _hints(prediction, record, page):
    hints = []
    content = prediction.content_tier
    if content == 1:
        hints.append(_("Content tier 2: upload a 3D model and wait until its processing is "
                       "ready, so Europeana can show it in our embedded viewer."))
    if content <= 2:
        if prediction.reuse_level is None:
            hints.append(_("Content tier 3 or 4: choose a rights statement; an open licence "
                           "(CC BY, CC BY-SA, CC0 or the Public Domain Mark) reaches tier 4."))
        elif prediction.reuse_level == choices.CLOSED:
            hints.append(_("Content tier 3: a restricted reuse statement (e.g. CC BY-NC, "
                           "CC BY-ND, InC-EDU) reaches tier 3; an open licence (CC BY, CC BY-SA, "
                           "CC0, Public Domain Mark) reaches tier 4."))
    if content == 3:
        hints.append(_("Content tier 4: an open licence (CC BY, CC BY-SA, CC0 or the Public "
                       "Domain Mark) on the asset and its model reaches the highest tier."))

    if prediction.metadata_tier == "C":
        return hints
    target = TIERS[TIERS.index(prediction.metadata_tier) + 1]
    if TIERS.index(prediction.language.tier) < TIERS.index(target):
        if not prediction.language.properties:
            hints.append(_("Metadata tier %(tier)s: write a title and a description.")
                         % {"tier": target})
        else:
            hints.append(_("Metadata tier %(tier)s: name the place and the dating in words so "
                           "they carry a language.") % {"tier": target})
    if TIERS.index(prediction.enabling.tier) < TIERS.index(target):
        missing = []
        elements = prediction.enabling.elements
        if "dc:type" not in elements:
            missing.append(_("the heritage type"))
        if "dcterms:created" not in elements:
            missing.append(_("the dating as readers should see it"))
        if "dcterms:temporal" not in elements:
            missing.append(_("a start and end year"))
        if "dcterms:spatial" not in elements:
            missing.append(_("the place name or coordinates"))
        if missing:
            hints.append(_("Metadata tier %(tier)s: add %(what)s.")
                         % {"tier": target, "what": ", ".join(str(m) for m in missing)})
    if TIERS.index(prediction.contextual.tier) < TIERS.index(target):
        complete = prediction.contextual.complete
        missing = []
        if "edm:Place" not in complete:
            missing.append(_("the place name with latitude and longitude"))
        if "edm:TimeSpan" not in complete:
            missing.append(_("both a start year and an end year"))
        hints.append(_("Metadata tier %(tier)s: give %(what)s, so Europeana links the asset "
                       "to a complete place and period.")
                     % {"tier": target, "what": _join(missing)})
    return hints


def _join(items):
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + str(_("and")) + " " + items[-1]
