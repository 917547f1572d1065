"""The self-contained HTML report a meeting takes home."""
