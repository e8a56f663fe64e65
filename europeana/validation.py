"""Validate EDM records with Europeana's own rules: EDM.xsd (lxml) and the Schematron (saxonche).

The schemas are read from ``settings.EUROPEANA_EDM_SCHEMA_DIR`` if set, else from
``<repository>/../shared/edm-schema`` (where they sit beside the clone). When the directory is
absent, ``schema_available()`` is False and callers (the admin) skip validation.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from lxml import etree

SVRL = "http://purl.oclc.org/dsdl/svrl"
_lock = threading.Lock()


def schema_dir() -> Path:
    configured = settings.EUROPEANA_EDM_SCHEMA_DIR
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "edm-schema"


def schema_available() -> bool:
    directory = schema_dir()
    return (directory / "EDM.xsd").is_file() and (
        directory / "schematron" / "schematron.xsl"
    ).is_file()


@dataclass
class ValidationResult:
    xsd_errors: list[str] = field(default_factory=list)
    schematron_errors: list[str] = field(default_factory=list)

    @property
    def valid(self):
        return not self.xsd_errors and not self.schematron_errors

    @property
    def errors(self):
        return self.xsd_errors + self.schematron_errors


@functools.lru_cache(maxsize=4)
def _xml_schema(path: str):
    return etree.XMLSchema(etree.parse(path))


@functools.lru_cache(maxsize=4)
def _schematron(path: str):
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    executable = xslt.compile_stylesheet(stylesheet_file=path)
    return processor, executable


def validate_xsd(xml: bytes) -> list[str]:
    schema = _xml_schema(str(schema_dir() / "EDM.xsd"))
    document = etree.fromstring(xml)
    with _lock:  # lxml schema objects are not safe to share between threads
        if schema.validate(document):
            return []
        return [f"line {e.line}: {e.message}" for e in schema.error_log]


def validate_schematron(xml: bytes) -> list[str]:
    processor, executable = _schematron(str(schema_dir() / "schematron" / "schematron.xsl"))
    with _lock:
        node = processor.parse_xml(xml_text=xml.decode("utf-8"))
        report = executable.transform_to_string(xdm_node=node)
    svrl = etree.fromstring(report.encode("utf-8"))
    errors = []
    for failed in svrl.iter(f"{{{SVRL}}}failed-assert"):
        text = " ".join("".join(failed.itertext()).split())
        errors.append(f"{failed.get('location', '')}: {text}")
    return errors


def validate(xml: bytes) -> ValidationResult:
    return ValidationResult(validate_xsd(xml), validate_schematron(xml))
