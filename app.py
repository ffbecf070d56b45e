"""Provenance's analyst dashboard: ``streamlit run app.py``. The pages live in the library
(``provenance.dashboard``); this file only starts them."""

from provenance.dashboard import main

main()
