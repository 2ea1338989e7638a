"""The court documents of one judicial auction, as content ready to render.

Each builder turns the facts of a case into what the law says the document must
tell its reader, citing the article that requires it, in Chinese (the operative
text) or English (a translation for convenience). The builders are pure: no
clock, no files, no framework, so the same facts always give the same document
and a renderer (``DocumentRenderer``, implemented in ``adapters/``) only lays it
out. Money is fen, written in figures and in capital numerals (大写) so that a
changed digit is caught by the words; times are shown in Beijing time.
"""

from fapai.app.documents.announcements import announcement
from fapai.app.documents.entrustment import EntrustmentFacts, entrustment_letter
from fapai.app.documents.facts import (
    DISCLOSURE_KEYS,
    CaseFacts,
    DocumentContent,
    DocumentRenderer,
    LotFacts,
    NoticeFacts,
    Row,
    RulingFacts,
    SaleFacts,
    Section,
    Signature,
    TermsFacts,
    TransferFacts,
)
from fapai.app.documents.notices import confirmation_letter, notice_to_party
from fapai.app.documents.revocations import RevocationFacts, revocation_ruling, revoked_note
from fapai.app.documents.rulings import ruling_to_auction, sale_ruling, title_transfer_notice

__all__ = [
    "DISCLOSURE_KEYS",
    "CaseFacts",
    "DocumentContent",
    "DocumentRenderer",
    "EntrustmentFacts",
    "LotFacts",
    "NoticeFacts",
    "RevocationFacts",
    "Row",
    "RulingFacts",
    "SaleFacts",
    "Section",
    "Signature",
    "TermsFacts",
    "TransferFacts",
    "announcement",
    "confirmation_letter",
    "entrustment_letter",
    "notice_to_party",
    "revocation_ruling",
    "revoked_note",
    "ruling_to_auction",
    "sale_ruling",
    "title_transfer_notice",
]
