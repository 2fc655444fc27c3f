"""The rules engine: pure Python, no Django. See RULES.md."""
