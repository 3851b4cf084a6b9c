"""Models of the shared mechanisms (see each module)."""
