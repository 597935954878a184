"""Placeholder: filled in by the mutation-testing work (docs/mutation.md)."""
