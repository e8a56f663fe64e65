"""Media storage where a file appears whole or not at all.

Django's FileSystemStorage writes straight to the final name: a full disk (or any error) half-way
leaves a truncated file in MEDIA_ROOT that nothing refers to. Here the bytes go to a hidden
temporary file in the same folder, which is linked to its final name only once complete and
removed on every path.
"""

import os
import tempfile

from django.core.files.storage import FileSystemStorage

_UMASK = os.umask(0)
os.umask(_UMASK)


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as out:
                if hasattr(content, "seek") and getattr(content, "seekable", lambda: True)():
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk)
            os.chmod(partial, self.file_permissions_mode or (0o666 & ~_UMASK))
            while True:
                try:
                    os.link(partial, full_path)  # fails if the name was taken meanwhile
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            try:
                os.unlink(partial)
            except FileNotFoundError:
                pass
        return str(name).replace("\\", "/")
