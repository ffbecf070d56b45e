"""The source register's part of the workspace: the stored articles corroborated across each
other, every source with its track record and the analysts' letters, a letter added."""

from __future__ import annotations

from collections.abc import Sequence

from provenance.corroboration import Rated
from provenance.corroboration.settings import Settings as CorroborationSettings
from provenance.models import Analysis, Corroboration, RegisterEntry, SourceLetter
from provenance.storage import Store


class SourceDesk:
    """Source register steps over the workspace's store (mixed into the Workspace)."""

    store: Store

    def corroboration(self, settings: CorroborationSettings | None = None) -> Corroboration:
        """The stored articles' claims (current versions) grouped across articles: independent
        lines, echoes and contradictions (:func:`provenance.corroboration.corroborate`)."""
        from provenance.corroboration.engine import corroborate

        return corroborate(self.store.analyses(), settings)

    def source_register(self, analyses: Sequence[Analysis] = ()) -> list[RegisterEntry]:
        """Every source of the stored articles (current versions) and of ``analyses``, with the
        analysts' letters and each source's track record across all of them."""
        from provenance.corroboration.register import collection_register

        return collection_register([*self.store.analyses(), *analyses], self.store)

    def rate_source(self, name: str, letter: str, analyst: str, note: str = "") -> SourceLetter:
        """Add an analyst's reliability letter for a source; earlier letters are kept."""
        from provenance.corroboration.register import source_key

        return self.store.add_source_letter(
            key=source_key(name), source=name, letter=letter, analyst=analyst, note=note
        )


def letters_register(
    analyses: Sequence[Analysis], letters: Sequence[SourceLetter]
) -> dict[str, Rated]:
    """The analysts' letters as scoring reads them, for these articles' spellings."""
    from provenance.corroboration.register import analysts_register

    return analysts_register(analyses, letters)
