"""The project layer's commands: they put the apps together, so they may use every app.

``setup_campaign`` (groups, collections, permissions, locales and both workflows) and
``load_demo`` (the demo campaign) live here rather than in one of the apps they combine.
"""
