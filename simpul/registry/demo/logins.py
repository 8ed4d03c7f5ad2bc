"""The demo accounts, for the console after `make run`. Nothing is shown unless the demo
owner exists, so a real installation never prints a password hint."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from simpul.accounts.models import User

from .offices import DEMO_DOMAIN, DEMO_PASSWORD
from .plan import DEMO_OWNER_EMAIL

ROLE_ORDER = {
    "owner": 0,
    "panelist": 1,
    "partner": 2,
    "officer": 3,
    "office_admin": 4,
    "analyst": 5,
}


@dataclass(frozen=True)
class Login:
    role: str
    office: str
    email: str


def demo_logins() -> list[Login]:
    if not User.objects.filter(email=DEMO_OWNER_EMAIL).exists():
        return []
    users = User.objects.filter(email__endswith="@" + DEMO_DOMAIN).select_related("office")
    users = [u for u in users if u.has_usable_password()]
    # National first, then the province, then the regencies by code.
    users.sort(
        key=lambda u: (u.office.region_id or "" if u.office else "", ROLE_ORDER[u.role], u.email)
    )
    users.sort(key=lambda u: u.office is not None)
    return [Login(u.get_role_display(), u.office.name if u.office else "—", u.email) for u in users]


def format_table(rows: list[Login]) -> str:
    table = [(_("Peran"), _("Kantor"), _("E-mail"), _("Kata sandi"))]
    table += [(r.role, r.office, r.email, DEMO_PASSWORD) for r in rows]
    widths = [max(len(str(line[i])) for line in table) for i in range(4)]
    lines = [_("Akun demo — kata sandi ini hanya untuk demo, jangan dipakai di produksi:")]
    for line in table:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    return "\n".join(lines)
