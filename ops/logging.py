"""Every log line written while serving a request says which request, which user and which path.

``RequestContextFilter`` is attached to the stderr handler in ``LOGGING``; the values come from
:class:`ops.middleware.RequestIdMiddleware`. Outside a request (db_worker, commands) they are "-".
"""

import logging

from .context import current_request


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        request = current_request.get() or getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", "-") if request else "-"
        user = getattr(request, "user", None) if request else None
        record.user = (user.get_username() or "-") if user is not None and user.is_authenticated \
            else ("anonymous" if request else "-")
        record.path = f"{request.method} {request.get_full_path()}" if request else "-"
        return True
