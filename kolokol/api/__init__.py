"""The headless API: read-only JSON of what the public site shows, at /api/v1/."""
