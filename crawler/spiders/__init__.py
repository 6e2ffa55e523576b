"""Spiders: `wires`, driven by the source catalogue."""
