import { EngineName } from './engine-env';

const TIMEOUT_MS = 15_000;

/** Runs one SQL statement on a fresh connection and returns its rows. */
export async function queryPostgres(url: string, sql: string): Promise<Record<string, unknown>[]> {
  // Drivers load on first use, so unit tests that import @kinship/testing do not pay for them.
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const [row] = await queryPostgres(url, 'show server_version');
  return `PostgreSQL ${String(row?.['server_version'])}`;
}

// A Kafka broker does not say which release it is over the protocol; the harness checks that it answers
// a metadata request and takes the release from whoever started it (jar version, image tag).
async function kafkaVersion(brokers: string, hint: string | undefined): Promise<string> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({
    clientId: 'kinship-engine-version',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: TIMEOUT_MS,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const release = hint ?? 'Apache Kafka (the broker does not report its release)';
    return `${release}, ${cluster.brokers.length} broker(s)`;
  } finally {
    await admin.disconnect();
  }
}

async function mongoVersion(url: string): Promise<string> {
  const { mongo } = await import('mongoose');
  const client = new mongo.MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS });
  await client.connect();
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    return info['ferretdbVersion']
      ? `FerretDB ${String(info['ferretdbVersion'])} (MongoDB ${String(info['version'])} wire protocol)`
      : `MongoDB ${String(info['version'])}`;
  } finally {
    await client.close();
  }
}

async function kurrentVersion(url: string): Promise<string> {
  // kurrentdb://host:port[,host:port]?tls=false: the first node's HTTP API reports the server version.
  const host = url.replace(/^[a-z+]+:\/\//, '').split(/[,/?]/)[0];
  const tls = /[?&]tls=true/.test(url) ? 'https' : 'http';
  const response = await fetch(`${tls}://${host}/info`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`GET /info answered ${response.status}`);
  const info = (await response.json()) as { esVersion?: string; dbVersion?: string };
  return `KurrentDB ${info.esVersion ?? info.dbVersion ?? 'unknown version'}`;
}

/** Asks the engine itself which version it is; also proves it answers. `hint` names Kafka's release. */
export async function engineVersion(name: EngineName, url: string, hint?: string): Promise<string> {
  switch (name) {
    case 'postgres':
      return postgresVersion(url);
    case 'kafka':
      return kafkaVersion(url, hint);
    case 'mongodb':
      return mongoVersion(url);
    case 'kurrentdb':
      return kurrentVersion(url);
  }
}
