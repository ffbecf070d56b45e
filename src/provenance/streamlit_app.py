"""The dashboard as a Streamlit script, inside the package so that ``provenance app`` works from
an installed wheel (a checkout's ``app.py`` does the same for ``make app``).

Streamlit puts a script's own folder first on ``sys.path``; for this script that is the
package folder, whose modules would then shadow libraries of the same name (``catalogue``,
which thinc imports, became ``provenance/catalogue.py``: the page failed on its first view).
The folder is taken off again before anything is imported.
"""

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if not p or Path(p).resolve() != _HERE]

from provenance.dashboard import main  # noqa: E402

main()
