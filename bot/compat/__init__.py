"""Every patch of another library's internals, each with the versions it was checked against."""
