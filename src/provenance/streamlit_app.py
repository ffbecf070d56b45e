"""The dashboard as a Streamlit script, inside the package so that ``provenance app`` works from
an installed wheel (a checkout's ``app.py`` does the same for ``make app``)."""

from provenance.dashboard import main

main()
