"""The link stage: what ties articles together once each is in the store.

- names across articles are decided by the identity stage (:mod:`kg.identity.across`,
  :mod:`kg.identity.labels`), which ingesting calls as each batch goes in;
- :mod:`kg.link.events`: the same event reported twice, linked with ``owl:sameAs``;
- :mod:`kg.link.proposals`: the versions of a proposal (``owl:sameAs``, ``nkg:revises``, ``nkg:respondsTo``).
"""
