// Readiness probes for the engine scripts: a real protocol round trip, not just an open port.
// Usage: node deploy/local/probe.js kafka 127.0.0.1:9092 | node deploy/local/probe.js mongodb mongodb://127.0.0.1:27017/
// Prints one line describing the engine and exits 0 when it answers; exits 1 otherwise.
'use strict';

const TIMEOUT_MS = 5000;

async function probeKafka(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'kinship-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: TIMEOUT_MS,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Metadata answers only once the KRaft controller has elected itself and registered the broker.
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
    return `kafka cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s), controller ${cluster.controller}`;
  } finally {
    await admin.disconnect();
  }
}

async function probeMongo(url) {
  const { MongoClient } = require('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS, connectTimeoutMS: TIMEOUT_MS });
  await client.connect();
  try {
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    const info = await admin.command({ buildInfo: 1 });
    const ferret = info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}, ` : '';
    return `${ferret}MongoDB ${info.version} wire protocol`;
  } finally {
    await client.close();
  }
}

async function main() {
  const [kind, target] = process.argv.slice(2);
  if (!target) throw new Error('usage: probe.js kafka|mongodb <brokers|url>');
  const probes = { kafka: probeKafka, mongodb: probeMongo };
  const probe = probes[kind];
  if (!probe) throw new Error(`unknown engine ${kind}`);
  const timer = setTimeout(() => {
    process.stderr.write(`probe ${kind}: no answer from ${target} within ${TIMEOUT_MS * 2} ms\n`);
    process.exit(1);
  }, TIMEOUT_MS * 2);
  const line = await probe(target);
  clearTimeout(timer);
  process.stdout.write(`${line}\n`);
}

main().catch((error) => {
  const missing = error && error.code === 'MODULE_NOT_FOUND';
  process.stderr.write(
    missing ? `probe: ${error.message} (run npm ci in the repository first)\n` : `probe: ${error && error.message}\n`,
  );
  process.exit(1);
});
