"""Small factories and helpers shared by the test suites of every app."""
