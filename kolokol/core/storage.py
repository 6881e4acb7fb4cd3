from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, precompressed static files once collected; plain names before.

    Before ``collectstatic`` has written its manifest (a test run, a fresh
    checkout) the manifest is empty and pages link the unhashed names, which
    the staticfiles finders serve, instead of failing to render.
    """

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            return name
        return super().stored_name(name)
