"""Bulk import and export of enterprise lists (upload → map → preview → commit)."""
