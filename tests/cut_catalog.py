"""A loaded catalog cut at progress P, in memory (tests/cut_guide.py writes one to disk).

The gate at P must give exactly what the cut catalog gives (relations, bios, "new in", the
map and its layout)."""

from __future__ import annotations

from famtui.model import Catalog
from famtui.record import replace


def cut(catalog: Catalog, horizon: int) -> Catalog:
    at = catalog.ordinal

    def shown(ep) -> bool:
        return at(ep) <= horizon

    entities = {}
    for entity in catalog.entities.values():
        if not shown(entity.first_seen):
            continue
        relations = []
        for relation in entity.relations:
            target = catalog.entities.get(relation.target)
            if not shown(relation.since) or target is None or not shown(target.first_seen):
                continue
            if relation.until is not None and not shown(relation.until):
                relation = replace(relation, until=None, ended=None)
            relations.append(relation)
        entities[entity.id] = replace(
            entity,
            aliases=tuple(a for a in entity.aliases if shown(a.since)),
            roles=tuple(r for r in entity.roles if shown(r.since)),
            status=tuple(s for s in entity.status if shown(s.since)),
            facts=tuple(f for f in entity.facts if shown(f.episode)),
            bio=tuple(b for b in entity.bio if shown(b.since)),
            relations=tuple(relations),
        )
    return Catalog(episodes=list(catalog.episodes), entities=entities, root=catalog.root,
                   seasons=dict(catalog.seasons))
