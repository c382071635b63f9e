"""Writes of the knowledge centre, one module per area; every write is a service (see docs/development.md)."""
