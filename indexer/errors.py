"""Why a load stops as a whole (exit 2), apart from the loaders, so the CLI can name them
without importing the loaders."""


class InputUnreadable(Exception):
    """A whole input file cannot be read (missing, unsupported, corrupt)."""


class ReplaceRefused(Exception):
    """A replacement that would empty or shrink the live index too far; nothing was changed."""
