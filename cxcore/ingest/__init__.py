"""Reading a file in: bytes -> mapped, validated, pseudonymised responses, stored by the import path."""
