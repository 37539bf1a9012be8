"""Trygnet activities service."""
