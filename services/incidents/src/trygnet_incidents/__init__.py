"""Trygnet incidents service."""
