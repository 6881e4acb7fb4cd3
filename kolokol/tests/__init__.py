"""Tests of the whole site, across its apps: every page type, every language."""
