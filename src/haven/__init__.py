"""Haven: a rights-first platform for migration and asylum services."""

__version__ = "0.1.0"
