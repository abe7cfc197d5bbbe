"""The report file: reading it (with positions), scaffolding it, writing it safely."""
