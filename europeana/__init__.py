"""Publishing to Europeana and reusers: EDM mapping, tier prediction, OAI-PMH, API, exports."""
