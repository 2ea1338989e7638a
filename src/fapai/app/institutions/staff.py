"""An auxiliary institution's own staff accounts (issue 17 item 4): made by the
administrators of the court whose database holds the institution (or the system), with
the one role ``institution``; they sign in like court staff (password and TOTP,
app/accounts/signin.py) and reach only their institution's desk."""

from __future__ import annotations

from typing import Any

from fapai.app.accounts import staff
from fapai.app.accounts.principals import INSTITUTION, InstitutionPrincipal
from fapai.app.accounts.staff import NewCredentials, Operator
from fapai.app.errors import conflict, not_found
from fapai.app.services import Services


def add_staff(
    services: Services, operator: Operator, institution_id: int, login: str, name: str
) -> NewCredentials:
    """A staff account of a member of the database (admitted or suspended, not removed)."""
    with services.db.read() as tx:
        institution = tx.institution(institution_id)
    if institution is None or institution.admitted_on is None:
        raise not_found("网拍辅助机构", "Institution")
    if institution.status == "removed":
        raise conflict(
            "institution_removed", "该辅助机构已被除名（办法第二十五条）。",
            "The institution has been removed (Art 25).",
        )  # fmt: skip
    return staff.add_staff(
        services, operator, institution.court_id, login, name, [INSTITUTION],
        institution_id=institution_id,
    )  # fmt: skip


def describe(services: Services, who: InstitutionPrincipal) -> dict[str, Any]:
    """The signed-in institution staff member as the desk shows them."""
    with services.db.read() as tx:
        institution = tx.institution(who.institution_id)
    assert institution is not None
    return {
        "login": who.login, "name": who.name,
        "institution": {"name": institution.name, "credit_code": institution.credit_code},
    }  # fmt: skip
