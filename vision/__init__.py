"""Pure functions over numpy images, and the Finding type they return."""

from vision.finding import Finding, FindingKind, FindingSource, Severity, Surface, Zone

__all__ = ["Finding", "FindingKind", "FindingSource", "Severity", "Surface", "Zone"]
