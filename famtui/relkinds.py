"""The vocabulary of relations: each kind, how it reads, and its inverse for the other side.

A relation is declared once, on one entity, as "<this entity> <kind> <other>"; the other
entity's page shows it with the inverse kind. Pure data: no imports from the rest of famtui.
"""

from __future__ import annotations

# kind: (how it reads on the declaring side's page, inverse kind)
KINDS: dict[str, tuple[str, str]] = {
    "spouse": ("Married to", "spouse"),
    "partner": ("Partner of", "partner"),
    "affair": ("Affair with", "affair"),
    "parent": ("Parent of", "child"),
    "child": ("Child of", "parent"),
    "sibling": ("Sibling of", "sibling"),
    "friend": ("Friend of", "friend"),
    "rival": ("Rival of", "rival"),
    "enemy": ("Enemy of", "enemy"),
    "mentor": ("Mentor of", "protege"),
    "protege": ("Protégé of", "mentor"),
    "colleague": ("Colleague of", "colleague"),
    "boss": ("Boss of", "reports-to"),
    "reports-to": ("Reports to", "boss"),
    "commands": ("Commands", "commanded-by"),
    "commanded-by": ("Commanded by", "commands"),
    "crew-of": ("Crew of", "crew"),
    "crew": ("Crewed by", "crew-of"),
    "works-for": ("Works for", "employs"),
    "employs": ("Employs", "works-for"),
    "member-of": ("Member of", "has-member"),
    "has-member": ("Has member", "member-of"),
    "founder-of": ("Founder of", "founded-by"),
    "founded-by": ("Founded by", "founder-of"),
    "owns": ("Owns", "owned-by"),
    "owned-by": ("Owned by", "owns"),
    "handler": ("Handler of", "asset"),
    "asset": ("Asset of", "handler"),
    "based-at": ("Based at", "hosts"),
    "hosts": ("Home to", "based-at"),
    "part-of": ("Part of", "has-part"),
    "has-part": ("Includes", "part-of"),
}

# How a relation ended, as a card says it ("divorced, S3E1").
ENDINGS: tuple[str, ...] = (
    "divorced", "separated", "broke-up", "died", "killed", "left", "fired", "resigned",
    "retired", "replaced", "reassigned", "defected", "escaped", "released", "destroyed",
    "ended", "estranged", "completed",
)

# Kinds whose two sides read the same ("Married to" both ways): a pair declared twice is a duplicate.
SYMMETRIC = frozenset(kind for kind, (_, inverse) in KINDS.items() if kind == inverse)


def inverse(kind: str) -> str:
    return KINDS[kind][1]


def label(kind: str) -> str:
    return KINDS[kind][0]


def short(kind: str) -> str:
    """A kind as a map edge says it: ``reports-to`` -> ``reports to``, ``protege`` -> ``protégé``."""
    return kind.replace("-", " ").replace("protege", "protégé")


def ending_text(ended: str) -> str:
    """``broke-up`` -> ``broke up``."""
    return ended.replace("-", " ")
