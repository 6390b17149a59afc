# The Sutra RPC contract: how the viewer, analysts' scripts and other services read the crime
# graph. Any language with Cap'n Proto support can call it; the C++ client in rpc/client.h is
# one such caller.
#
# Conventions that hold for every method:
# - Identifiers are the store's stable 64-bit ids. An id is never reused, so a client may keep
#   ids across calls and sessions.
# - "Not found" is a value, never an error: a search that matches nothing returns an empty list,
#   and expanding an unknown id answers `notFound`.
# - A bad request (a limit of 0, a limit above `maxLimit`, an over-long search text) is answered
#   with an `Error` whose code is `invalidArgument` and whose message names the parameter and the
#   accepted range. A failure inside the server (an unreadable database) is an `Error` as well.
#   A Cap'n Proto exception (a `DISCONNECTED` or `FAILED` RPC) means the transport or the server
#   process failed, not that the request was wrong.
# - Every answer is bounded by the limit the caller gave; a neighbourhood that was cut says so
#   (`Subgraph.truncated`) and says by how much (`Subgraph.totalNeighbors`), so a hub is never
#   cut silently.
# - Evolution: fields, enumerants and methods are only ever appended. A client that receives an
#   enumerant it does not know (a node type added later) must treat it as "newer than me", not as
#   garbage; the C++ client reports it as an error naming the ordinal.

@0xfeb0dbed0a34f715;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("sutra::rpc::schema");

const maxLimit :UInt32 = 10000;
# The largest `limit` any method accepts. Larger requests are refused with `invalidArgument`
# rather than silently capped, so a caller never mistakes a capped answer for a complete one.

const maxSearchTextBytes :UInt32 = 256;
# The longest `Sutra.search` text accepted, in UTF-8 bytes. Names, phone numbers, vehicle
# registrations and FIR numbers are all far shorter.

enum NodeType {
  # The kinds of node in the crime graph. Names match storage/model.h and the labels used in
  # Cypher and CSV files ("Case", "PersonRecord", ...). Ordinals here are the wire encoding only;
  # they are not the storage format's numbers.
  case @0;          # an FIR (First Information Report) as registered at a police station
  personRecord @1;  # one person as written in one FIR
  person @2;        # a resolved human: the records entity resolution says are the same person
  vehicle @3;       # a vehicle, by normalised registration number (e.g. "MH12AB1234")
  phone @4;         # a phone number in E.164 form ("+919822012345")
  location @5;      # an address or place
  station @6;       # a police station: the unit of jurisdiction
}

enum EdgeType {
  # The kinds of link. Direction is fixed per type and noted beside it. Names match
  # storage/model.h ("ACCUSED_IN", ...).
  accusedIn @0;      # PersonRecord -> Case
  victimIn @1;       # PersonRecord -> Case
  complainantIn @2;  # PersonRecord -> Case
  witnessIn @3;      # PersonRecord -> Case
  arrestedIn @4;     # PersonRecord -> Case
  sameAs @5;         # PersonRecord -> Person (an entity-resolution decision)
  uses @6;           # PersonRecord/Person -> Phone
  owns @7;           # PersonRecord/Person -> Vehicle
  drove @8;          # PersonRecord/Person -> Vehicle
  residesAt @9;      # PersonRecord/Person -> Location
  occurredAt @10;    # Case -> Location
  registeredAt @11;  # Case -> Station
  seizedIn @12;      # Vehicle -> Case
  usedIn @13;        # Vehicle -> Case
  called @14;        # Phone -> Phone (a call detail record)
}

struct Value {
  # A typed property value, carried as it is stored: an integer stays an integer, so a client
  # never has to guess a type from text. Dates are text in ISO-8601 form ("2023-04-17", or
  # "1988" when only the year is known) so that partial dates survive as written.
  union {
    int @0 :Int64;      # counts, ages in years, durations in seconds
    float @1 :Float64;  # latitudes/longitudes in decimal degrees, scores
    bool @2 :Bool;
    text @3 :Text;      # UTF-8
  }
}

struct Property {
  # One named property of a node or edge. Within one node or edge, keys are unique and sent in
  # ascending byte order.
  key @0 :Text;   # e.g. "name", "fir_number", "registered_on" (see datasets/README.md)
  value @1 :Value;
}

struct Provenance {
  # Who asserted an edge. Every edge has one: an investigator can always ask "says who?".
  fir @0 :Text;      # the FIR the assertion comes from; "" for derived edges such as sameAs
  station @1 :Text;  # the code of the station that registered that FIR ("MH-PUN-0012")
  batch @2 :UInt64;  # the load batch that wrote the edge (numbered by the store, from 1)
}

struct Node {
  id @0 :UInt64;                   # stable, never reused
  type @1 :NodeType;
  label @2 :Text;
  # A short human label computed by the server (a person's name, a case's FIR number, a phone
  # number) so that every client labels a node the same way. Derived from `properties`; it
  # carries no information of its own.
  properties @3 :List(Property);
}

struct Edge {
  id @0 :UInt64;    # stable, never reused
  type @1 :EdgeType;
  from @2 :UInt64;  # id of the source node (direction is fixed by `type`)
  to @3 :UInt64;    # id of the target node
  properties @4 :List(Property);  # e.g. "started_at" and "duration_s" (seconds) on `called`
  provenance @5 :Provenance;
}

struct Subgraph {
  # A neighbourhood: the expanded node first, then up to `limit` of its neighbours, and the
  # edges joining them to it. Invariant: both ends of every edge are in `nodes`.
  nodes @0 :List(Node);
  edges @1 :List(Edge);
  totalNeighbors @2 :UInt64;
  # How many neighbours the expanded node has in all, including those not returned.
  truncated @3 :Bool;
  # True exactly when some neighbours were left out because of the limit; ask again with a
  # larger limit (up to `maxLimit`) to see more.
}

enum ErrorCode {
  # Why a request could not be answered. Mirrors the status codes of storage/status.h.
  invalidArgument @0;     # the request is wrong; the message names the parameter. Do not retry.
  notFound @1;            # a thing that must exist (not a looked-up id) is missing
  alreadyExists @2;
  failedPrecondition @3;  # the server is not in a state to answer (e.g. database not loaded)
  permissionDenied @4;    # the caller may not do this
  corruption @5;          # stored data does not decode; report it to the operator
  ioError @6;             # the disk or the database refused an operation; may succeed later
  unavailable @7;         # a resource the server needs cannot be reached; retry later
  internal @8;            # a bug in Sutra; the message carries detail for a report
}

struct Error {
  code @0 :ErrorCode;
  message @1 :Text;  # for a person to read: names the parameter, id or file involved
}

struct SearchResult {
  union {
    nodes @0 :List(Node);  # the matches in id order, at most `limit`; empty when none match
    error @1 :Error;
  }
}

struct ExpandResult {
  union {
    found @0 :Subgraph;
    notFound @1 :Void;  # no node has the requested id: an answer, not an error
    error @2 :Error;
  }
}

struct TypeCount {
  name @0 :Text;    # a NodeType or EdgeType name as in storage/model.h: "Case", "ACCUSED_IN"
  count @1 :UInt64;
}

struct Stats {
  # Every type is listed, with a count of 0 when the graph has none of it. Types are named
  # rather than enumerated so that a dashboard shows types added after it was written.
  nodesByType @0 :List(TypeCount);
  edgesByType @1 :List(TypeCount);
  totalNodes @2 :UInt64;  # the sum of nodesByType's counts
  totalEdges @3 :UInt64;  # the sum of edgesByType's counts
}

struct StatsResult {
  union {
    stats @0 :Stats;
    error @1 :Error;
  }
}

interface Sutra {
  # The graph-reading service. Every call reads one consistent snapshot of the database.

  search @0 (text :Text, limit :UInt32) -> (result :SearchResult);
  # Exact lookup of `text` as a phone number (any common Indian spelling), a vehicle
  # registration (any spacing or case), an FIR number, or a person's whole name
  # (case-insensitive). `limit` must be 1..maxLimit and `text` at most maxSearchTextBytes bytes;
  # otherwise the answer is `error` with code `invalidArgument`.

  expand @1 (nodeId :UInt64, limit :UInt32) -> (result :ExpandResult);
  # The node `nodeId`, up to `limit` of its neighbours and the edges joining them to it.
  # `limit` must be 1..maxLimit; otherwise `error` with code `invalidArgument`.
  # An id no node has is answered `notFound`.

  stats @2 () -> (result :StatsResult);
  # Counts of nodes and edges by type.
}
