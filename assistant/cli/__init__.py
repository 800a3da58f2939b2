"""The terminal shell (`python -m assistant ask|chat|search|audit|match`): depends on the library, never
the reverse."""
