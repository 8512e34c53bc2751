"""What an ingest's writes cost the store, flushes and background merging included.

An ingest writes each batch's article graphs, commits the batch (the content
digests), and flushes the store to disk. RocksDB, under Oxigraph, merges the
files each flush writes with the older ones in background threads: that cost
is paid later, in other threads, and grows with the store. This benchmark
writes a stream of article graphs into stores prefilled to each size and counts
every CPU second the process spends until the store's threads are idle again:

- ``per batch``: a transaction per article and a flush after every batch (the
  first writer);
- ``one transaction``: a batch's graphs in one transaction, a flush after every
  batch (the writer now);
- each of the ``--budgets`` given in MB (millions of characters of N-Triples): a
  batch's graphs in one transaction, a flush once that much RDF is written since
  the last one (measured, not kept: docs/scale.md, "Fewer flushes, measured again").

``--batches`` measures batch sizes side by side instead (each in one transaction, a flush
after every batch): the ingest's batch of 200 was chosen so (docs/scale.md, "Batches of 200").

``--pause`` waits that many seconds before each batch, the time its extraction
takes in an ingest (about 2 s for 100 short articles on one core): written back
to back, the store's threads merge without a pause whatever the policy, and
what they cost is bounded by the time they have rather than by the work.

    python benchmarks/bench_store_writes.py [--articles 300] [--at 1000,10000,30000]
                                            [--stream 2400] [--batch 100] [--budgets 16,32,64]
                                            [--policies "per batch,one transaction"] [--pause 2]
    python benchmarks/bench_store_writes.py --articles 1000 --at 30000 --stream 3200 \
                                            --batches 64,100,200,400 --pause 2

The article graphs are those of the synthetic topical corpus (topical_corpus.py),
extracted once; the stores are filled with shifted copies of them, bulk-loaded, as
bench_topical.py's ``--at --prefill bulk`` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import topical_corpus
from bench_topical import settle, shifted_copy


def article_graphs(nquads: str) -> dict[str, str]:
    """The N-Triples of each article graph of ``nquads`` (graph name → text)."""
    graphs: dict[str, list[str]] = defaultdict(list)
    for line in nquads.splitlines():
        if line.strip():
            triple, name = line.rstrip(" .").rsplit(" ", 1)
            graphs[name[1:-1]].append(triple + " .\n")
    return {name: "".join(lines) for name, lines in graphs.items()}


def write_stream(
    store, graphs: dict[str, str], batch: int, policy: str | int, pause: float = 0.0
) -> None:
    """Write ``graphs`` as an ingest does, ``batch`` articles a batch, under ``policy`` (``"per
    batch"``, ``"one transaction"``, or the characters written between two flushes), ``pause``
    seconds before each batch."""
    names, unflushed = list(graphs), 0
    for start in range(0, len(names), batch):
        part = names[start : start + batch]
        time.sleep(pause)
        if policy == "per batch":
            for name in part:
                store.backend.replace_graph(name, graphs[name])
        else:
            store.replace_articles_ntriples({name: graphs[name] for name in part})
        store.update(
            "INSERT DATA { "
            + " ".join(f'GRAPH <{n}> {{ <{n}> nkg:contentDigest "{start}" }}' for n in part)
            + " }"
        )
        unflushed += sum(len(graphs[name]) for name in part)
        if isinstance(policy, str) or unflushed >= policy:
            store.flush()
            unflushed = 0
    store.flush()


def measure(
    store, graphs: dict[str, str], batch: int, policy: str | int, pause: float = 0.0
) -> tuple[float, float]:
    """CPU seconds per article of the writing thread, and of the store's other threads until they
    are idle again."""
    me = psutil.Process()
    own, thread = sum(me.cpu_times()[:2]), time.thread_time()
    write_stream(store, graphs, batch, policy, pause)
    written = time.thread_time() - thread
    settle(limit=300.0)
    others = sum(me.cpu_times()[:2]) - own - (time.thread_time() - thread)
    return written / len(graphs), others / len(graphs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles extracted")
    parser.add_argument(
        "--at", type=lambda t: sorted(int(n) for n in t.split(",")), default=[1000, 10000, 30000]
    )
    parser.add_argument("--stream", type=int, default=2400, help="articles written at each size")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument(
        "--budgets",
        type=lambda t: [int(n) for n in t.split(",")],
        default=[],
        help="MB of RDF between two flushes, each measured beside the policies",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="seconds before each batch of --batch articles (its extraction); in proportion for "
        "the sizes of --batches",
    )
    parser.add_argument(
        "--batches",
        type=lambda t: [int(n) for n in t.split(",")],
        default=[],
        help="batch sizes measured side by side (one transaction, a flush per batch), instead of "
        "the policies",
    )
    parser.add_argument(
        "--policies",
        type=lambda t: [p.strip() for p in t.split(",") if p.strip()],
        default=["per batch", "one transaction"],
        help="the writers measured, a flush per batch: per batch, one transaction",
    )
    args = parser.parse_args()
    import pyoxigraph as ox

    from kg.ingestion import ingest
    from kg.store import GraphStore

    budgets = [mb * 1_000_000 for mb in args.budgets]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        topical_corpus.write(args.articles, tmp / "corpus")
        with GraphStore(tmp / "base") as store:
            ingest([tmp / "corpus"], store, batch_size=256)
            store.dump(tmp / "base.nq")
        nquads = "\n".join(
            line
            for line in (tmp / "base.nq").read_text(encoding="utf-8").splitlines()
            if "/id/article/" in line
        )
        copies = -(-args.stream // args.articles)
        # (what the line says, the writer's policy, articles per batch)
        if args.batches:
            variants = [(f"batches of {n}", "one transaction", n) for n in args.batches]
        else:
            variants = [
                (p if isinstance(p, str) else f"{p // 1_000_000} MB", p, args.batch)
                for p in [*args.policies, *budgets]
            ]
        names = [name for name, _, _ in variants]
        # every variant's store holds the same articles; at each size they are measured in turn,
        # so that the machine's load of the moment weighs on each alike
        stores = {name: GraphStore(tmp / f"variant-{n}") for n, name in enumerate(names)}
        held, copy = dict.fromkeys(names, 0), dict.fromkeys(names, 1)
        for size in args.at:
            for name, policy, batch in variants:
                store = stores[name]
                while held[name] < size:
                    text = shifted_copy(nquads, copy[name])
                    store.backend.ox.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
                    held[name] += args.articles
                    copy[name] += 1
                store.flush()
                settle(limit=300.0)
                graphs = {}
                for _ in range(copies):
                    graphs.update(article_graphs(shifted_copy(nquads, copy[name])))
                    copy[name] += 1
                graphs = dict(list(graphs.items())[: args.stream])
                pause = args.pause * batch / args.batch
                writer, others = measure(store, graphs, batch, policy, pause)
                held[name] += len(graphs)
                print(
                    f"{name:>15}, {size:>7,} stored: {len(graphs)} articles written, "
                    f"{1000 * writer:.2f} ms CPU per article in the writing thread, "
                    f"{1000 * others:.2f} ms in the store's threads, "
                    f"{1000 * (writer + others):.2f} ms in all",
                    flush=True,
                )
        for store in stores.values():
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
