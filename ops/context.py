"""The request being served, for log records written anywhere while serving it."""

from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)
