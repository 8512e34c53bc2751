"""The link stage: what ties articles together once each is in the store.

- :mod:`kg.link.names`: one name per person and organization across articles;
- :mod:`kg.link.events`: the same event reported twice, linked with ``owl:sameAs``;
- :mod:`kg.link.proposals`: the versions of a proposal (``owl:sameAs``, ``nkg:revises``, ``nkg:respondsTo``).
"""
