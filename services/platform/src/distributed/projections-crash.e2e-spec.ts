import { Document } from '@kinship/documents';
import { call, Deployment, describeDistributed, directoryIds, eventually, Registered, ServiceProcess, sleep } from '@kinship/e2e-harness';

interface BuildRef {
  build: number;
  collections: Record<string, string>;
}

/** A stored document; `personal` is deciphered before builds are compared. */
type DirectoryDocument = Document & { residentId?: string; personal?: unknown };

// DESIGN §3–4: consumers are at-least-once and projections idempotent, so a projections process killed at any
// moment (no shutdown hook, offsets not committed) leaves a read model that a rebuild from the log would produce.
describeDistributed('the projections process killed again and again during a stream of registrations', (engines) => {
  let deployment: Deployment;
  let registry: ServiceProcess;
  let projections: ServiceProcess;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    deployment = new Deployment({ postgres: engines.postgres.url, kafka: engines.kafka.url, mongodb: engines.mongodb.url });
    await deployment.seedOrgHierarchy();
    [registry, projections] = await Promise.all([deployment.start('registry'), deployment.start('projections')]);
    staff = await deployment.token('station-staff', 'guangrui-1');
    operator = await deployment.token('operator', 'liangxi');
  }, 120_000);

  afterAll(async () => {
    await deployment?.cleanUp();
  }, 60_000);

  /** How far the resident directory of the running projections process has got. */
  async function directoryPosition(): Promise<number> {
    const reply = await call<{ projections: Array<{ name: string; position: number | null }> }>(`${projections.url}/operator/projections`, operator);
    return reply.body.projections.find((p) => p.name === 'resident-directory')?.position ?? 0;
  }

  /** The directory's collections of the build queries read, each document with its personal data deciphered. */
  async function activeBuild(): Promise<{ build: number; documents: Record<string, DirectoryDocument[]> }> {
    const [meta] = (await deployment.documents<Document & { active: BuildRef }>('projection-meta')).filter((m) => m._id === 'resident-directory');
    const { cipher, close } = await deployment.cipher();
    try {
      const documents: Record<string, DirectoryDocument[]> = {};
      for (const [logical, physical] of Object.entries(meta.active.collections)) {
        const stored = await deployment.documents<DirectoryDocument>(physical);
        // The ciphertext differs per encryption (a fresh IV each time); what it hides must not.
        documents[logical] = await Promise.all(
          stored
            .sort((a, b) => a._id.localeCompare(b._id))
            .map(async (doc) =>
              typeof doc.personal === 'string' && doc.residentId ? { ...doc, personal: await cipher.decrypt(doc.residentId, doc.personal) } : doc,
            ),
        );
      }
      return { build: meta.active.build, documents };
    } finally {
      await close();
    }
  }

  it('ends with a directory equal to a fresh rebuild from the log', async () => {
    const accepted: Registered[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const reply = await deployment.register(registry, 'guangrui-1', staff);
        expect(reply.status).toBe(201);
        accepted.push(reply.body);
        await sleep(100);
      }
    })();

    try {
      for (let kill = 1; kill <= 3; kill++) {
        const from = await directoryPosition();
        // Killed while it works through the stream, not while it boots: it must have applied something first.
        await eventually(async () => ((await directoryPosition()) > from ? true : undefined), 30_000, `progress before kill ${kill}`);
        await sleep(200 + 400 * kill);
        await projections.kill();
        projections = await deployment.start('projections');
      }
      await sleep(1500);
    } finally {
      writing = false;
      await writer;
    }

    const last = Math.max(...accepted.map((r) => r.position));
    await eventually(
      async () => {
        const reply = await call(`${projections.url}/stations/guangrui-1/directory?pageSize=1&afterPosition=${last}`, staff);
        return reply.status === 200 ? true : undefined;
      },
      60_000,
      'the directory reaching the last registration',
    );
    const listed = await directoryIds(projections, 'guangrui-1', staff);
    expect(listed.total).toBe(accepted.length);
    expect([...listed.ids].sort()).toEqual(accepted.map((r) => r.residentId).sort());

    const survived = await activeBuild();
    const rebuild = await call<{ state: string; build: BuildRef }>(`${projections.url}/operator/projections/resident-directory/rebuild?wait=true`, operator, {
      method: 'POST',
      timeoutMs: 90_000,
    });
    expect(rebuild.status).toBe(200);
    expect(rebuild.body.state).toBe('live');
    const rebuilt = await activeBuild();

    process.stdout.write(`[e2e] ${accepted.length} registrations, the projections process killed 3 times; rebuilt as build ${rebuilt.build}\n`);
    expect(rebuilt.build).toBeGreaterThan(survived.build);
    expect(survived.documents['residents']).toHaveLength(accepted.length);
    expect(rebuilt.documents).toEqual(survived.documents);
  }, 150_000);
});
