"""Python-only extraction of the public interface strings (no GNU gettext needed).

Only what readers of the public site see is extracted: the public templates and the labels of
the controlled vocabularies shown on asset pages. Admin strings are Wagtail's and Django's own
business (they ship their catalogues) or stay in English for the campaign team.

Templates go through Django's own ``templatize`` (the very function ``makemessages`` feeds to
xgettext), whose output keeps every ``{% translate %}`` / ``{% blocktranslate %}`` as a
``gettext(...)`` / ``ngettext(...)`` / ``pgettext(...)`` call; Python sources are read with ``ast``.
"""

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

# Relative to BASE_DIR. Templates under an ``admin`` folder are not public and are skipped.
PUBLIC_TEMPLATE_DIRS = (
    "cms/templates",
    "twinit_pages/templates",
    "models3d/templates",
    "europeana/templates",
)
PUBLIC_PYTHON_FILES = (
    "campaign/choices.py",
    "twinit_pages/collection.py",
    "twinit_pages/reuse.py",
)
# Extra public Python sources (e.g. a public form) can be added without touching this module.
EXTRA_SETTING = "TWINIT_PUBLIC_STRING_SOURCES"

GETTEXT_FUNCTIONS = {
    # name: (index of singular, index of plural or None, index of context or None)
    "gettext": (0, None, None),
    "gettext_lazy": (0, None, None),
    "_": (0, None, None),
    "gettext_noop": (0, None, None),
    "ngettext": (0, 1, None),
    "ngettext_lazy": (0, 1, None),
    "pgettext": (1, None, 0),
    "pgettext_lazy": (1, None, 0),
    "npgettext": (1, 2, 0),
    "npgettext_lazy": (1, 2, 0),
}
_CALL = re.compile(r"\b(npgettext|pgettext|ngettext|gettext)\(")


@dataclass
class Message:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str = ""
    occurrences: list = field(default_factory=list)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)


def base_dir():
    return Path(settings.BASE_DIR)


def public_templates(root=None):
    root = Path(root or base_dir())
    for folder in PUBLIC_TEMPLATE_DIRS:
        for path in sorted((root / folder).glob("**/*.html")):
            if "admin" in path.relative_to(root / folder).parts:
                continue
            yield path


def public_python_files(root=None):
    root = Path(root or base_dir())
    extra = tuple(getattr(settings, EXTRA_SETTING, ()))
    for name in PUBLIC_PYTHON_FILES + extra:
        path = root / name
        if path.exists():
            yield path


def _string_args(source):
    """The leading string-literal arguments of a call whose text starts just after "(".

    Returns the list of literal arguments (non-literals, e.g. the count, end the list).
    """
    args, depth, current = [], 1, []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for tok in tokens:
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
            if depth == 0:
                break
        if depth == 1 and tok.type == tokenize.OP and tok.string == ",":
            args.append(current)
            current = []
            continue
        current.append(tok)
    args.append(current)
    values = []
    for arg in args:
        strings = [t for t in arg if t.type == tokenize.STRING]
        if not strings or len(strings) != len([t for t in arg if t.type not in (
                tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]):
            break
        values.append("".join(ast.literal_eval(t.string) for t in strings))
    return values


def _add(found, name, values, where):
    singular, plural, context = GETTEXT_FUNCTIONS[name]
    needed = max(i for i in (singular, plural, context) if i is not None)
    if len(values) <= needed:
        return
    message = Message(
        msgid=values[singular],
        msgid_plural=values[plural] if plural is not None else "",
        msgctxt=values[context] if context is not None else "",
    )
    existing = found.setdefault(message.key, message)
    if message.msgid_plural and not existing.msgid_plural:
        existing.msgid_plural = message.msgid_plural
    existing.occurrences.append(where)


def extract_template(path, found, root):
    from django.utils.translation.template import templatize

    text = templatize(Path(path).read_text(encoding="utf-8"))
    rel = str(Path(path).relative_to(root))
    for match in _CALL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        _add(found, match.group(1), _string_args(text[match.end():]), (rel, line))


def extract_python(path, found, root):
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))
    rel = str(Path(path).relative_to(root))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        values = []
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                values.append(arg.value)
            else:
                break
        _add(found, name, values, (rel, node.lineno))


def extract(root=None):
    """Every public interface string, in a stable order (by msgid, then context)."""
    root = Path(root or base_dir())
    found = {}
    for path in public_templates(root):
        extract_template(path, found, root)
    for path in public_python_files(root):
        extract_python(path, found, root)
    return sorted(found.values(), key=lambda m: (m.msgid, m.msgctxt))
