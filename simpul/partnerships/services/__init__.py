"""Writes of the partnerships app. Every function is keyword-only, atomic and audited;
views call these and never save partnership models themselves."""

from .matches import ALLOWED, match_advance, match_introduce, matches_sync
from .needs import clean_kbli_prefixes, need_close, need_post
from .partners import partner_create, partner_member_invite

__all__ = [
    "ALLOWED",
    "clean_kbli_prefixes",
    "match_advance",
    "match_introduce",
    "matches_sync",
    "need_close",
    "need_post",
    "partner_create",
    "partner_member_invite",
]
