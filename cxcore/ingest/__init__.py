"""Reading a file in: bytes -> mapped, validated, pseudonymised, stored responses."""
