"""Languages of the campaign and the gettext catalogues of the interface (``locale/``)."""
