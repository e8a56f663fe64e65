"""The ground floor: the campaign's own concepts, one home each, importing no app.

Controlled vocabularies (``choices``), the 24 languages (``languages``), group and role names
(``roles``) and where a page sits in the campaign's geography (``geography``). Every app builds
on these; nothing here imports an app of the project, so any app may import it without a cycle
(``docs/architecture.md`` draws the floors; ``tests/test_architecture.py`` holds the rule).
"""
