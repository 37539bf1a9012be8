"""Trygnet actors service."""
