"""Country teams: coordinators invite, deactivate and reactivate their country's contributors;
Europeana editors do the same for coordinators and translators."""
