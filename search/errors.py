"""Errors of the search layer; the API turns each into one JSON error shape."""


class SearchError(Exception):
    """Base class of everything the search layer raises on purpose."""


class BadQuery(SearchError):
    """The request cannot be answered as asked (the API answers 400)."""


class BackendUnavailable(SearchError):
    """The engine cannot be reached or opened (the API answers 503)."""


class IndexBusy(SearchError):
    """Another load holds the index; loads run one at a time."""


class ModelUnavailable(SearchError):
    """The embedding model's files are missing, not the expected ones, or cannot be fetched."""
