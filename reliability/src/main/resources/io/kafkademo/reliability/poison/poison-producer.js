// Poison input from a non-Java client: kafkajs over SASL_SSL with SCRAM-SHA-512, trusting the broker's CA (PEM).
// Writes COUNT records to TOPIC, spread over PARTITIONS partitions so that every partition gets poison interleaved with
// good records: invalid UTF-8, null values and keys, missing and garbage headers, 1 MiB values.
//
// Every decodable record is "This is message N from host HOST..." (N counting decodable records only, so that a gap in
// the acknowledged numbers means a failed send) and, once acknowledged, is logged exactly as the services log theirs
// ("wrote message N to T (partition: P, offset: O)"), so the same message accounting covers it.
// The positions of the undecodable and null-value records go to SUMMARY_FILE (JSON), to check what became of each.
//
// Environment: BROKERS, SASL_USERNAME, SASL_PASSWORD, CA_FILE, TOPIC, PARTITIONS, COUNT, HOST, SUMMARY_FILE.
'use strict';

const fs = require('fs');
const crypto = require('crypto');
const { Kafka, logLevel } = require('kafkajs');

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const topic = env('TOPIC');
const partitions = Number(env('PARTITIONS'));
const count = Number(env('COUNT'));
const host = env('HOST');
const ONE_MIB = 1024 * 1024;
// Sends in flight at once: one record per request, so that each record's offset is known.
const CONCURRENCY = 8;

// Spring Boot's text layout, so the services' log parser reads these lines too.
const log = (level, message) =>
  process.stdout.write(`${new Date().toISOString()} ${level.padStart(5)} ${process.pid} --- [${host}] [main] `
    + `poison-producer : ${message}\n`);

const text = (sequence) => `This is message ${sequence} from host ${host}`;

const ourHeaders = () => ({
  'kafka-demo-sent-at': String(Date.now()),
});

const garbageHeaders = () => ({
  'kafka-demo-sent-at': 'yesterday',
  'kafka-demo-sequence': Buffer.from([0xff, 0xfe, 0x00]),
  'kafka-demo-host': Buffer.alloc(0),
  'x-binary': crypto.randomBytes(16),
  '': 'a header without a name',
});

const invalidUtf8 = [
  Buffer.from([0xc3, 0x28]), // a two-byte sequence with a bad continuation byte
  Buffer.concat([Buffer.from('lone continuation '), Buffer.from([0x80, 0x81])]),
  Buffer.from([0xc0, 0xaf]), // overlong '/'
  Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate
  Buffer.concat([Buffer.from('truncated at the end '), Buffer.from([0xe2, 0x82])]),
  Buffer.from([0xf5, 0x80, 0x80, 0x80]), // beyond U+10FFFF
];

let nextSequence = 0;

// What record i is (called once per record, in order).
function record(i) {
  const r = shape(i);
  if (r.kind === 'good' || r.kind === 'big') {
    r.sequence = nextSequence++;
    const value = text(r.sequence);
    r.value = r.kind === 'big' ? `${value} ${'x'.repeat(ONE_MIB - value.length - 1)}` : value;
    if (r.headers === OUR_HEADERS) {
      r.headers = ourHeaders();
    }
  }
  return r;
}

const OUR_HEADERS = 'ours';

// 1 in 50 is a 1 MiB value; of the rest, per 10: 5 good (with our headers, none, or garbage ones; string, null or
// binary keys), 3 undecodable, 2 null values.
function shape(i) {
  const partition = i % partitions;
  if (i % 50 === 25) {
    return { kind: 'big', partition, key: String(i), headers: OUR_HEADERS };
  }
  switch (i % 10) {
    case 0: return { kind: 'good', partition, key: String(i), headers: OUR_HEADERS };
    case 1: return { kind: 'invalid', partition, key: null, value: invalidUtf8[i % invalidUtf8.length] };
    case 2: return { kind: 'good', partition, key: null }; // no headers, like the Go service
    case 3: return { kind: 'null', partition, key: String(i), value: null, headers: ourHeaders() };
    case 4: return { kind: 'good', partition, key: String(i), headers: garbageHeaders() };
    case 5: return { kind: 'invalid', partition, key: String(i), value: invalidUtf8[i % invalidUtf8.length], headers: garbageHeaders() };
    case 6: return { kind: 'null', partition, key: null, value: null };
    case 7: return {
      kind: 'good', partition, key: crypto.randomBytes(8),
      headers: { 'kafka-demo-sent-at': '99999999999999999999999', 'kafka-demo-host': Buffer.from([0xc3, 0x28]) },
    };
    case 8: return { kind: 'invalid', partition, key: crypto.randomBytes(4), value: invalidUtf8[i % invalidUtf8.length] };
    default: return { kind: 'good', partition, key: crypto.randomBytes(8), headers: OUR_HEADERS };
  }
}

async function main() {
  const kafka = new Kafka({
    clientId: host,
    brokers: env('BROKERS').split(','),
    ssl: { ca: [fs.readFileSync(env('CA_FILE'), 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username: env('SASL_USERNAME'), password: env('SASL_PASSWORD') },
    connectionTimeout: 10000,
    requestTimeout: 60000,
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log: entry }) =>
      log(level <= logLevel.ERROR ? 'ERROR' : 'WARN', `kafkajs: ${entry.message}`),
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: CONCURRENCY });
  await producer.connect();
  const summary = { topic, host, sent: 0, good: 0, big: 0, failed: 0, invalid: [], nullValues: [] };
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const r = record(i);
      const message = { partition: r.partition, key: r.key, value: r.value };
      if (r.headers) {
        message.headers = r.headers;
      }
      try {
        const [meta] = await producer.send({ topic, acks: -1, messages: [message] });
        const offset = Number(meta.baseOffset);
        summary.sent++;
        if (r.kind === 'good' || r.kind === 'big') {
          summary[r.kind]++;
          log('INFO', `wrote message ${r.sequence} to ${topic} (partition: ${meta.partition}, offset: ${offset})`);
        } else {
          (r.kind === 'invalid' ? summary.invalid : summary.nullValues).push({ partition: meta.partition, offset });
          log('INFO', `wrote a ${r.kind === 'invalid' ? 'non-UTF-8' : 'null'} value to ${topic}-${meta.partition}@${offset}`);
        }
      } catch (error) {
        summary.failed++;
        const what = r.sequence !== undefined ? `message ${r.sequence}` : `a ${r.kind} record`;
        log('WARN', `failed to send ${what} to ${topic}: ${error.name}: ${error.message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await producer.disconnect();
  fs.writeFileSync(env('SUMMARY_FILE'), JSON.stringify(summary));
  log('INFO', `sent ${summary.sent} of ${count} records: ${summary.good} good, ${summary.big} of 1 MiB, `
    + `${summary.invalid.length} not UTF-8, ${summary.nullValues.length} null values; ${summary.failed} failed`);
  return summary.failed === 0 ? 0 : 2;
}

main().then((code) => process.exit(code), (error) => {
  log('ERROR', `poison producer failed: ${error.stack || error}`);
  process.exit(1);
});
