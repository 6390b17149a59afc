#!/usr/bin/python3
"""The peers of bench_links: python3-igraph and python3-networkx on the graph bench_links wrote.

Reads DIR/edges.txt ("n m" then one "u v" line per undirected link, nodes 0..n-1),
DIR/sources.txt (betweenness sources, one per line; empty = every node: exact), DIR/seeds.txt
(2-hop neighbourhood seeds) and DIR/pairs.txt ("s t" per line, shortest paths). Runs each
operation --repeat times and prints one JSON object: per operation the median seconds, or a
"skipped" reason. Writes each operation's answer to DIR/<tool>.<op>.txt for bench_links to
compare with Sutra's.
"""
import argparse
import json
import statistics
import sys
import time

# Sources from which networkx's betweenness is compared on graphs too large to time it.
CHECK_SOURCES = 4


def read_lines(path):
    with open(path) as f:
        return [line.split() for line in f if line.strip()]


def timed(repeat, body):
    times, answer = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        answer = body()
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def write(path, values):
    with open(path, "w") as f:
        for v in values:
            f.write(f"{v}\n")


def run_igraph(n, edges, sources, seeds, pairs, ops, repeat, out):
    import igraph
    g = igraph.Graph(n=n, edges=edges, directed=False)
    results = {}
    if "pagerank" in ops:
        s, pr = timed(repeat, lambda: g.pagerank(damping=0.85))
        write(out + ".pagerank.txt", pr)
        results["pagerank"] = s
    if "components" in ops:
        s, comp = timed(repeat, lambda: g.connected_components())
        write(out + ".components.txt", comp.membership)
        results["components"] = s
    if "betweenness" in ops:
        if sources:
            results["betweenness"] = {"skipped": "python-igraph %s has no betweenness from "
                                      "chosen sources (sampled)" % igraph.__version__}
        else:
            s, bc = timed(1, lambda: g.betweenness(directed=False))
            write(out + ".betweenness.txt", bc)
            results["betweenness"] = s
    if "communities" in ops:
        s, cl = timed(repeat, lambda: g.community_multilevel())
        write(out + ".communities.txt", [cl.modularity])
        results["communities"] = s
    if "two_hop" in ops:
        s, hoods = timed(repeat, lambda: g.neighborhood(seeds, order=2))
        write(out + ".two_hop.txt", [len(h) for h in hoods])
        results["two_hop"] = s

    def paths():
        return [len(g.get_shortest_paths(a, to=b, output="vpath")[0]) - 1 for a, b in pairs]
    if "shortest_path" in ops:
        s, lengths = timed(repeat, paths)
        write(out + ".shortest_path.txt", lengths)
        results["shortest_path"] = s
    return results


def run_networkx(n, edges, sources, seeds, pairs, ops, repeat, out, max_slow_edges):
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    big = len(edges) > max_slow_edges
    slow = "pure Python: minutes on %d links (limit --networkx-max-edges %d)" % (
        len(edges), max_slow_edges)
    results = {}
    if "pagerank" in ops:
        s, pr = timed(repeat, lambda: nx.pagerank(g, alpha=0.85, tol=1e-10))
        write(out + ".pagerank.txt", [pr[v] for v in range(n)])
        results["pagerank"] = s
    if "components" in ops:
        def components():
            membership = [0] * n
            for c, nodes in enumerate(nx.connected_components(g)):
                for v in nodes:
                    membership[v] = c
            return membership
        s, membership = timed(repeat, components)
        write(out + ".components.txt", membership)
        results["components"] = s
    if "betweenness" in ops:
        if big and sources:
            # Too slow to time from every sampled source; the answers are still compared, from
            # the first CHECK_SOURCES of them (bench_links computes the same).
            bc = nx.betweenness_centrality_subset(
                g, sources=sources[:CHECK_SOURCES], targets=list(range(n)), normalized=False)
            write(out + ".betweenness.txt", [bc[v] for v in range(n)])
            results["betweenness"] = {"skipped": slow + "; answers compared from %d of the "
                                      "sources" % CHECK_SOURCES}
        elif big:
            results["betweenness"] = {"skipped": slow}
        elif sources:
            s, bc = timed(1, lambda: nx.betweenness_centrality_subset(
                g, sources=sources, targets=list(range(n)), normalized=False))
            write(out + ".betweenness.txt", [bc[v] for v in range(n)])
            results["betweenness"] = s
        else:
            s, bc = timed(1, lambda: nx.betweenness_centrality(g, normalized=False))
            write(out + ".betweenness.txt", [bc[v] for v in range(n)])
            results["betweenness"] = s
    if "communities" in ops:
        if big:
            results["communities"] = {"skipped": slow}
        else:
            def louvain():
                parts = nx.community.louvain_communities(g, seed=1)
                return nx.community.modularity(g, parts)
            s, q = timed(1, louvain)
            write(out + ".communities.txt", [q])
            results["communities"] = s
    if "two_hop" in ops:
        s, sizes = timed(repeat, lambda: [
            len(nx.single_source_shortest_path_length(g, v, cutoff=2)) for v in seeds])
        write(out + ".two_hop.txt", sizes)
        results["two_hop"] = s

    def paths():
        lengths = []
        for a, b in pairs:
            try:
                lengths.append(len(nx.bidirectional_shortest_path(g, a, b)) - 1)
            except nx.NetworkXNoPath:
                lengths.append(-1)
        return lengths
    if "shortest_path" in ops:
        s, lengths = timed(repeat, paths)
        write(out + ".shortest_path.txt", lengths)
        results["shortest_path"] = s
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--tool", choices=["igraph", "networkx"], required=True)
    parser.add_argument("--ops", default="pagerank,components,betweenness,communities,two_hop,"
                        "shortest_path")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--networkx-max-edges", type=int, default=300000)
    args = parser.parse_args()
    rows = read_lines(args.dir + "/edges.txt")
    n = int(rows[0][0])
    edges = [(int(a), int(b)) for a, b in rows[1:]]
    sources = [int(r[0]) for r in read_lines(args.dir + "/sources.txt")]
    seeds = [int(r[0]) for r in read_lines(args.dir + "/seeds.txt")]
    pairs = [(int(a), int(b)) for a, b in read_lines(args.dir + "/pairs.txt")]
    ops = set(args.ops.split(","))
    out = args.dir + "/" + args.tool
    if args.tool == "igraph":
        results = run_igraph(n, edges, sources, seeds, pairs, ops, args.repeat, out)
    else:
        results = run_networkx(n, edges, sources, seeds, pairs, ops, args.repeat, out,
                               args.networkx_max_edges)
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
