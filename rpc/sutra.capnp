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
  flags @4 :List(Text);
  # What the access policy says about this node as shown to the caller (engine/redaction.h):
  # protection facts ("acquitted", "discharged", "wrongful_arrest", "juvenile",
  # "sexual_offence_victim"), "juvenile:redacted" / "sexual_offence_victim:redacted" when an
  # identity is withheld (its identifying properties are left out), and "hit-only" for a node
  # outside the caller's reach: then only `type` and the property "holding_stations" (the
  # ";"-joined codes of the stations holding it) are given — ask that station for the record.
  # Empty from the unauthenticated methods of older servers.
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
  # The graph service. Every call reads one consistent snapshot of the database.
  #
  # Access (DESIGN.md, "Policy and audit"): case data is read only inside an Investigation —
  # log in (`login`), state a purpose and the FIR it serves (`Session.investigate`), then ask.
  # Every Investigation call is decided by the access policy for the logged-in user and written
  # to the audit log, allowed or denied. A denial is an `Error` with code `permissionDenied`
  # whose message says why for a person to read ("node 12 is held outside your jurisdiction;
  # ask a supervisor for a grant ...", "the policy refuses search for a auditor
  # (role:auditor-no-case-data)"); the audit entry records the rule.

  search @0 (text :Text, limit :UInt32) -> (result :SearchResult);
  # Retired: always answers `error` with code `permissionDenied` ("log in and investigate ...").
  # Use `login`, `Session.investigate` and `Investigation.search`. (Before access control this
  # was an unaudited exact lookup; it is kept only so that old clients get a clear answer.)

  expand @1 (nodeId :UInt64, limit :UInt32) -> (result :ExpandResult);
  # Retired like `search`: always `permissionDenied`; use `Investigation.expand`.

  stats @2 () -> (result :StatsResult);
  # Counts of nodes and edges by type. Open to anyone: counts disclose no case data.

  login @3 (user :Text, password :Text) -> (result :LoginResult);
  # Checks the password of the Sutra account `user` (created with `sutra user add`). A wrong
  # password and an unknown user get the same `permissionDenied` message; the 5th failure in a
  # row locks the account until an administrator resets its password. Every attempt is
  # audited (without the password).
}

struct LoginResult {
  union {
    session @0 :Session;
    error @1 :Error;
  }
}

interface Session {
  # A logged-in user. The session ends at `logout`, when the client drops this capability (or
  # disconnects), or after 30 minutes without a call (the server may be configured otherwise);
  # an ended session answers every call with `permissionDenied`
  # "session expired after 30 minutes idle; log in again". Each call restarts the idle timer.

  investigate @0 (purpose :Text, caseRef :Text, needs :List(Text), breakGlassReason :Text)
      -> (result :InvestigationResult);
  # States why the user is looking: `purpose` (free text, required), `caseRef` the FIR the duty
  # serves ("0087/2021", or "STATION|0087/2021" when the number is not unique), `needs` the
  # protected identities the duty needs ("juvenile", "victim-identity"; without them such
  # identities are withheld), and `breakGlassReason` for emergency access outside the user's
  # jurisdiction ("" for none; flagged for review). The purpose is recorded with every call
  # made through the returned Investigation; whether it allows a call is decided per call.
  # `invalidArgument` for an empty purpose, an unknown need or a break-glass reason under 10
  # characters.

  logout @1 ();
  # Ends the session (audited). Later calls on it, or on its investigations, are refused.

  whoami @2 () -> (user :Text, role :Text, jurisdiction :Text, error :Error);
  # The logged-in account: role as "investigator", ...; jurisdiction as "station:MH-PUN-0012",
  # "district:Pune", "state:Maharashtra" or "national". Once the session has ended, `error` is
  # set (`permissionDenied`, the expiry message) and the other fields are empty.
}

struct InvestigationResult {
  union {
    investigation @0 :Investigation;
    error @1 :Error;
  }
}

interface Investigation {
  # Reads of case data under one stated purpose. Each call first checks that the session is
  # still open, then goes through the access policy and the audit log as `Sutra` describes.
  # Nodes outside the user's reach come back as hits (flag "hit-only", see `Node.flags`), or,
  # when the node asked for is itself out of reach, as `permissionDenied`.

  search @0 (text :Text, limit :UInt32) -> (result :SearchResult);
  # Exact lookup of `text` as a phone number (any common Indian spelling), a vehicle
  # registration (any spacing or case), an FIR number, or a person's whole name
  # (case-insensitive). `limit` must be 1..maxLimit and `text` at most maxSearchTextBytes bytes;
  # otherwise the answer is `error` with code `invalidArgument`.

  expand @1 (nodeId :UInt64, limit :UInt32) -> (result :ExpandResult);
  # The node `nodeId`, up to `limit` of its neighbours and the edges joining them to it.
  # `limit` must be 1..maxLimit. An id no node has is answered `notFound`.

  neighborhood @2 (nodeId :UInt64, hops :UInt32, limit :UInt32) -> (result :ExpandResult);
  # Everything within `hops` links (1..maxHops) of `nodeId`: at most `limit` nodes (1..maxLimit,
  # the start included) and the links among them. `totalNeighbors` counts the links seen;
  # `truncated` says some were not followed because of the limit.

  paths @3 (from :UInt64, to :UInt64, k :UInt32) -> (result :PathsResult);
  # Up to `k` (1..maxPaths) shortest loopless paths between two nodes (counted in links),
  # shortest first, over every kind of link. Both ends must be in the user's full view; nodes
  # on the way that are not come back as hits.

  query @4 (cypher :Text) -> (result :QueryResult);
  # A read-only openCypher query over the part of the graph in the user's full view (nodes
  # outside it do not exist for the query). At most maxQueryTextBytes bytes. A syntax or
  # runtime error of the query is `invalidArgument` with the Cypher error in the message.
}

const maxHops :UInt32 = 4;
const maxPaths :UInt32 = 20;
const maxQueryTextBytes :UInt32 = 65536;

struct Path {
  nodes @0 :List(Node);  # from `from` to `to`
  edges @1 :List(Edge);  # edges[i] joins nodes[i] and nodes[i + 1]
  cost @2 :Float64;      # the path's length under the server's cost (hops, for now)
}

struct Paths {
  paths @0 :List(Path);  # ascending cost; empty when the two nodes are not connected
  capped @1 :Bool;       # a search cap stopped the search: more or shorter paths may exist
}

struct PathsResult {
  union {
    found @0 :Paths;
    notFound @1 :Void;  # `from` or `to` is no node's id
    error @2 :Error;
  }
}

struct QueryAnswer {
  columns @0 :List(Text);
  rows @1 :List(Text);
  # One JSON array per row, a value per column, in column order. Values are JSON as `sutra
  # query --format json` prints them: null, booleans, numbers, strings, lists and maps as
  # themselves; a node as {"id", "labels", "properties"}, a relationship as {"id", "type",
  # "start", "end", "properties"}, a path as {"nodes": [...], "relationships": [...]}. When a
  # column holds nodes, the last column, "flags", lists each row's protection flags.
  hiddenNodes @2 :UInt64;  # nodes the query could not see (outside the user's jurisdiction)
}

struct QueryResult {
  union {
    answer @0 :QueryAnswer;
    error @1 :Error;
  }
}
