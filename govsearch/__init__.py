"""govsearch: the command line, the server and the wiring of the service's parts."""

from pathlib import Path

SAMPLE_DATA = Path(__file__).resolve().parent / "sample_data"  # what `govsearch demo` loads
