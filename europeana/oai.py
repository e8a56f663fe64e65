"""OAI-PMH 2.0 data provider: Europeana (and any harvester) collects the EDM records here.

Records are the public assets of the OAI item table (``OAIRecord``), one per asset in its source
locale; each Member State is a set; ``edm`` and ``oai_dc`` are the metadata formats; deleted
records are kept (persistent). List requests page through the table ordered by
(datestamp, id); a resumption token carries that cursor and the original arguments, so it
stays correct while assets are published: nothing is skipped, an asset re-published during a
harvest is sent again at the end.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import UTC, datetime, time, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import quote_etag
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from campaign.choices import MEMBER_STATES
from twinit_pages.models import HeritageAssetPage
from twinit_pages.page_cache import RESPONSE_DATE

from . import edm
from .bulk import records_for, with_related
from .models import OAIRecord

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

METADATA_FORMATS = {
    "edm": ("http://www.europeana.eu/schemas/edm/EDM.xsd",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS),
}
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
SET_NAMES = dict(MEMBER_STATES)


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


# --- identifiers, dates and tokens --------------------------------------------------------------


def repository_identifier():
    configured = settings.OAI_REPOSITORY_IDENTIFIER
    return configured or (urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost")


def oai_identifier(page_id):
    return f"oai:{repository_identifier()}:asset/{page_id}"


def page_id_of(identifier):
    prefix = f"oai:{repository_identifier()}:asset/"
    if not identifier.startswith(prefix):
        return None
    rest = identifier[len(prefix):]
    return int(rest) if rest.isdigit() else None


def datestamp(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(value, *, end):
    """(datetime, granularity) of an OAI date argument; an `until` day means its end."""
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d").date()
            moment = datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
            return moment, "day"
        moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise OAIError("badArgument", f"Not a valid OAI-PMH date: {value!r}.") from None
    if end:
        moment += timedelta(microseconds=999999)
    return moment, "seconds"


def encode_token(data):
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token):
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(data, dict) or data.get("v") != 1:
            raise ValueError
        data["after"] = (datetime.fromisoformat(data["d"]), int(data["i"]))
        int(data["n"])
        if data["m"] not in METADATA_FORMATS:
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error, json.JSONDecodeError):
        raise OAIError("badResumptionToken", "The resumption token is invalid.") from None
    return data


# --- XML helpers --------------------------------------------------------------------------------


def sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{OAI_NS}}}{tag}", **attributes)
    if text is not None:
        element.text = str(text)
    return element


def base_url(request):
    return request.build_absolute_uri(request.path)


def envelope(request, verb, arguments, error=None):
    root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation",
             f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    sub(root, "responseDate", datestamp(timezone.now()))
    attributes = {} if error in ("badVerb", "badArgument") else dict(arguments)
    if verb and error not in ("badVerb", "badArgument"):
        attributes["verb"] = verb
    sub(root, "request", base_url(request), **attributes)
    return root


def xml_response(root):
    """The XML answer; clients revalidate it (``no-cache``) with an ETag of everything but the
    ``responseDate``, so an unchanged answer is a 304 (ConditionalGetMiddleware)."""
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    stable = RESPONSE_DATE.sub(b"", body, count=1)
    response["ETag"] = quote_etag(hashlib.sha256(stable).hexdigest()[:32])
    return response


def error_response(request, verb, arguments, errors):
    root = envelope(request, verb, arguments, error=errors[0].code)
    for error in errors:
        sub(root, "error", error.message, code=error.code)
    return xml_response(root)


# --- the endpoint -------------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def endpoint(request):
    query = request.POST if request.method == "POST" else request.GET
    arguments = {key: query.getlist(key) for key in query}
    verb_values = arguments.get("verb", [])
    verb = verb_values[0] if len(verb_values) == 1 else None
    single = {key: values[0] for key, values in arguments.items() if key != "verb"}
    if verb not in VERBS:
        message = "Missing verb." if not verb_values else "Illegal or repeated verb."
        return error_response(request, None, {}, [OAIError("badVerb", message)])
    try:
        check_arguments(verb, arguments)
        return xml_response(HANDLERS[verb](request, verb, single))
    except OAIError as error:
        return error_response(request, verb, single, [error])


def check_arguments(verb, arguments):
    required, optional = VERBS[verb]
    given = set(arguments) - {"verb"}
    repeated = [key for key, values in arguments.items() if len(values) > 1]
    if repeated:
        raise OAIError("badArgument", f"Repeated argument: {', '.join(sorted(repeated))}.")
    illegal = given - required - optional
    if illegal:
        raise OAIError("badArgument", f"Illegal argument: {', '.join(sorted(illegal))}.")
    if "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        return
    missing = required - given
    if missing:
        raise OAIError("badArgument", f"Missing argument: {', '.join(sorted(missing))}.")


def identify(request, verb, arguments):
    root = envelope(request, verb, arguments)
    node = sub(root, "Identify")
    sub(node, "repositoryName", settings.OAI_REPOSITORY_NAME
        or settings.WAGTAIL_SITE_NAME)
    sub(node, "baseURL", base_url(request))
    sub(node, "protocolVersion", "2.0")
    admin = settings.OAI_ADMIN_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    sub(node, "adminEmail", admin)
    earliest = OAIRecord.objects.order_by("datestamp").values_list("datestamp", flat=True).first()
    sub(node, "earliestDatestamp", datestamp(earliest or datetime(2025, 1, 1, tzinfo=UTC)))
    sub(node, "deletedRecord", "persistent")
    sub(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    description = sub(node, "description")
    ident_ns = "http://www.openarchives.org/OAI/2.0/oai-identifier"
    oai_id = etree.SubElement(description, f"{{{ident_ns}}}oai-identifier", nsmap={None: ident_ns})
    oai_id.set(f"{{{XSI}}}schemaLocation",
               f"{ident_ns} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd")
    for tag, text in (("scheme", "oai"), ("repositoryIdentifier", repository_identifier()),
                      ("delimiter", ":"), ("sampleIdentifier", oai_identifier(1))):
        etree.SubElement(oai_id, f"{{{ident_ns}}}{tag}").text = text
    return root


def list_metadata_formats(request, verb, arguments):
    if "identifier" in arguments:
        page_id = page_id_of(arguments["identifier"])
        if page_id is None or not OAIRecord.objects.filter(page_id=page_id).exists():
            raise OAIError("idDoesNotExist", "No item has this identifier.")
    root = envelope(request, verb, arguments)
    node = sub(root, "ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = sub(node, "metadataFormat")
        sub(fmt, "metadataPrefix", prefix)
        sub(fmt, "schema", schema)
        sub(fmt, "metadataNamespace", namespace)
    return root


def list_sets(request, verb, arguments):
    if "resumptionToken" in arguments:
        raise OAIError("badResumptionToken", "ListSets is complete in one response.")
    root = envelope(request, verb, arguments)
    node = sub(root, "ListSets")
    for code, name in MEMBER_STATES:
        item = sub(node, "set")
        sub(item, "setSpec", code)
        sub(item, "setName", str(name))
    return root


def get_record(request, verb, arguments):
    prefix = metadata_prefix(arguments["metadataPrefix"])
    page_id = page_id_of(arguments["identifier"])
    row = OAIRecord.objects.filter(page_id=page_id).first() if page_id is not None else None
    if row is None:
        raise OAIError("idDoesNotExist", "No item has this identifier.")
    root = envelope(request, verb, arguments)
    node = sub(root, "GetRecord")
    write_records(request, node, [row], prefix, with_metadata=True)
    return root


def metadata_prefix(prefix):
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"Metadata format {prefix!r} is not supported.")
    return prefix


def page_size():
    return int(settings.OAI_PAGE_SIZE)


def list_items(request, verb, arguments):
    with_metadata = verb == "ListRecords"
    if "resumptionToken" in arguments:
        token = decode_token(arguments["resumptionToken"])
        prefix, set_spec, from_, until = token["m"], token["s"], token["f"], token["u"]
        after, offset = token["after"], int(token["n"])
    else:
        prefix = metadata_prefix(arguments["metadataPrefix"])
        set_spec, from_, until = arguments.get("set"), arguments.get("from"), arguments.get("until")
        after, offset = None, 0
    rows = OAIRecord.objects.all()
    start = end = None
    if from_:
        start, from_granularity = parse_date(from_, end=False)
        rows = rows.filter(datestamp__gte=start)
    if until:
        end, until_granularity = parse_date(until, end=True)
        rows = rows.filter(datestamp__lte=end)
    if from_ and until:
        if from_granularity != until_granularity:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if start > end:
            raise OAIError("badArgument", "from is later than until.")
    if set_spec:
        if set_spec not in SET_NAMES:
            raise OAIError("noRecordsMatch", f"There is no set {set_spec!r}.")
        rows = rows.filter(country=set_spec)
    remaining = rows
    if after is not None:
        stamp, last_id = after
        remaining = rows.filter(Q(datestamp__gt=stamp) | Q(datestamp=stamp, id__gt=last_id))
    size = page_size()
    batch = list(remaining.order_by("datestamp", "id")[: size + 1])
    if not batch and after is None:
        raise OAIError("noRecordsMatch", "No records match the request.")
    more = len(batch) > size
    batch = batch[:size]
    root = envelope(request, verb, arguments)
    node = sub(root, verb)
    write_records(request, node, batch, prefix, with_metadata=with_metadata)
    if more or after is not None:
        attributes = {"cursor": str(offset), "completeListSize": str(rows.count())}
        if more:
            last = batch[-1]
            token = encode_token({
                "v": 1, "m": prefix, "s": set_spec or "", "f": from_ or "", "u": until or "",
                "d": last.datestamp.isoformat(), "i": last.id, "n": offset + len(batch),
            })
            sub(node, "resumptionToken", token, **attributes)
        else:
            sub(node, "resumptionToken", None, **attributes)
    return root


def write_records(request, node, rows, prefix, *, with_metadata):
    live_ids = [row.page_id for row in rows if not row.deleted]
    records = {}
    if live_ids:
        pages = with_related(HeritageAssetPage.objects.filter(pk__in=live_ids).live().public())
        countries = {row.page_id: row.country for row in rows}
        if with_metadata:
            records = {r.page_id: r for r in records_for(pages, request=request,
                                                         countries=countries)}
        else:
            records = {pk: None for pk in pages.values_list("pk", flat=True)}
    for row in rows:
        public = row.page_id in records
        target = sub(node, "record") if with_metadata else node
        header = sub(target, "header")
        if not public:
            # Deleted, or (should the table lag behind) no longer public: never show content.
            header.set("status", "deleted")
        sub(header, "identifier", oai_identifier(row.page_id))
        sub(header, "datestamp", datestamp(row.datestamp))
        if row.country:
            sub(header, "setSpec", row.country)
        if with_metadata and public:
            metadata = sub(target, "metadata")
            record = records[row.page_id]
            if prefix == "edm":
                metadata.append(edm.record_to_element(record))
            else:
                metadata.append(oai_dc(record))


def oai_dc(record):
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS,
                                                       "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(name, value, lang=""):
        if not value:
            return
        element = etree.SubElement(root, f"{{{DC_NS}}}{name}")
        element.text = value
        if lang:
            element.set(XML_LANG, lang)

    for value in record.cho_values("dc:title"):
        add("title", value.value, value.lang)
    if record.data_provider:
        add("publisher", record.data_provider.value, record.data_provider.lang)
    for value in record.cho_values("dc:description"):
        add("description", value.value, value.lang)
    for value in record.cho_values("dcterms:created"):
        add("date", value.value, value.lang)
    for ref in record.cho_values("dc:type"):
        entity = record.entity(ref.uri)
        for label in entity.pref_labels if entity else []:
            add("type", label.value, label.lang)
    add("type", "3D")
    for model in record.models[:1]:
        add("format", model.mime_type)
    add("identifier", record.is_shown_at)
    for ref in record.cho_values("dcterms:spatial"):
        entity = record.entity(ref.uri)
        for label in entity.pref_labels if entity else []:
            add("coverage", label.value, label.lang)
    add("rights", record.rights_uri)
    return root


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_items,
    "ListRecords": list_items,
    "GetRecord": get_record,
}
