// The Kuzu side of bench_cypher: loads a data set into a Kuzu database and times Cypher queries
// through Kuzu's Node.js API, the way bench_cypher times the same queries on Sutra.
//
//   node cypher_peer.mjs JOB.json  >  answers and timings as one JSON object on stdout
//
// JOB.json (written by bench_cypher):
//   kuzu      absolute path of the installed package (.../node_modules/kuzu)
//   database  ":memory:" or a directory for an on-disk database (created; must not exist yet)
//   threads   threads per query (0: Kuzu's default, every core)
//   load      statements run in order (schema, then COPY ... FROM): the bulk load, timed whole
//   queries   [{name, text, params: [{...}, ...]}]: each parameter set is one query
//   runs      how many times every query runs with every parameter set
//
// Timing policy (the same as bench_cypher's for Sutra, whose RunQuery parses and plans every
// call): one query = prepare + execute + fetch every row, timed on its own; the connection and
// database are set up once, outside any timing. Output:
//   {version, threads, load_seconds, load_cpu_seconds (user + system, all threads),
//    queries: {name: {latencies: [s...], answers: [...], errors, first_error}}}
// where latencies holds runs x params seconds and answers the first column of the first row of
// each parameter set's first run (null when the query returned no row; numbers as JSON numbers).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const kuzu = require(job.kuzu);

const db = new kuzu.Database(job.database);
const conn = job.threads > 0 ? new kuzu.Connection(db, job.threads) : new kuzu.Connection(db);
db.initSync();
conn.initSync();

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Kuzu returns INT64 as a JS number when it fits and as a BigInt otherwise; counts and path
// lengths always fit.
function plain(value) {
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined) return null;
  return value;
}

function runAll(result) {
  // A multi-statement text gives an array of results; every statement here is a single one.
  const results = Array.isArray(result) ? result : [result];
  let rows = [];
  for (const r of results) rows = rows.concat(r.getAllSync());
  return rows;
}

const loadStart = process.hrtime.bigint();
const loadCpuStart = process.cpuUsage();
for (const statement of job.load) {
  try {
    runAll(conn.querySync(statement));
  } catch (error) {
    process.stderr.write(`cypher_peer: load failed at: ${statement}\n${error.message}\n`);
    process.exit(1);
  }
}
const loadSeconds = seconds(loadStart);
const loadCpu = process.cpuUsage(loadCpuStart);  // every thread of the process, microseconds

const out = {
  version: kuzu.VERSION,
  threads: job.threads,
  load_seconds: loadSeconds,
  load_cpu_seconds: (loadCpu.user + loadCpu.system) / 1e6,
  queries: {},
};
for (const query of job.queries) {
  const latencies = [];
  const answers = new Array(query.params.length).fill(null);
  let errors = 0;
  let firstError = '';
  for (let run = 0; run < job.runs; ++run) {
    query.params.forEach((params, i) => {
      const start = process.hrtime.bigint();
      try {
        const prepared = conn.prepareSync(query.text);
        if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
        const rows = runAll(conn.executeSync(prepared, params));
        latencies.push(seconds(start));
        if (run === 0 && rows.length > 0) answers[i] = plain(Object.values(rows[0])[0]);
      } catch (error) {
        ++errors;
        if (firstError === '') firstError = error.message;
      }
    });
  }
  out.queries[query.name] = { latencies, answers, errors, first_error: firstError };
}
conn.closeSync();
db.closeSync();
process.stdout.write(JSON.stringify(out) + '\n');
