"""Wagtail's PostgreSQL search backend with the text-search configuration of each language.

Stemming must match the language: "églises" should find "église" in French, "Kirchen" "Kirche"
in German. Each page is indexed with the configuration of its locale and each query is parsed
with the configuration of the reader's language (the search view only searches pages in that
language). Languages PostgreSQL has no configuration for use ``simple`` (no stemming).
"""

import copy

from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

# PostgreSQL's built-in configurations for the 24 EU languages; the others fall back to simple.
CONFIGS = {
    "da": "danish", "de": "german", "el": "greek", "en": "english", "es": "spanish",
    "fi": "finnish", "fr": "french", "ga": "irish", "hu": "hungarian", "it": "italian",
    "lt": "lithuanian", "nl": "dutch", "pt": "portuguese", "ro": "romanian", "sv": "swedish",
}


def config_for(language_code):
    return CONFIGS.get((language_code or "").split("-")[0], "simple")


class LocalisedIndex(PostgresIndex):
    def add_items(self, model, objs):
        from wagtail.models import Locale

        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = {}
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            groups.setdefault(config_for(language), []).append(obj)
        for config, group in groups.items():
            # A copy per configuration: the backend instance is shared between threads.
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = config
            super(LocalisedIndex, index).add_items(model, group)


class LocalisedQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return config_for(translation.get_language())


class SearchBackend(PostgresSearchBackend):
    index_class = LocalisedIndex
    query_compiler_class = LocalisedQueryCompiler
