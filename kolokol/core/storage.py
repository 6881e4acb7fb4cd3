from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, precompressed static files once collected; plain names otherwise.

    Before ``collectstatic`` has written its manifest (a test run, a fresh
    checkout), or when the manifest predates a new file, pages link the
    unhashed name instead of failing to render: a missing stylesheet must
    not take every page down with a server error.
    """

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            return name
        try:
            return super().stored_name(name)
        except ValueError:
            return name
