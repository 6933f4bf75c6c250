import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

// The deployment assets of the distributed mode, checked without a Docker engine or a cluster: the Dockerfile
// statically, the compose file loaded as Docker Compose loads it (compose-go), and the Kubernetes overlays rendered
// with kustomize and validated against the API schemas. deploy/k8s-check builds those tools on the first run and
// caches them under tmp/k8s-check.

const REPO = resolve(__dirname, '../../../..');
const CHECKER = join(REPO, 'deploy/k8s-check');
const CACHE = process.env['KINSHIP_K8S_CHECK_CACHE'] ?? join(REPO, 'tmp/k8s-check');
const SERVICES = ['registry', 'case-management', 'volunteering', 'brokerage', 'projections'] as const;
const TOPICS = ['registry.events.v1', 'cases.events.v1', 'volunteering.events.v1', 'brokerage.events.v1', 'district.indicators.v1'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd: REPO, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const at = (value: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((node, key) => (typeof key === 'number' ? list(node)[key] : obj(node)[key]), value);

beforeAll(async () => {
  // First run on a fresh machine: Go modules + build, a virtualenv from PyPI, Strimzi's jars from Maven Central.
  const setup = await run(join(CHECKER, 'setup.sh'), [], 15 * 60_000);
  if (setup.code !== 0) throw new Error(`deploy/k8s-check/setup.sh failed:\n${setup.stderr}${setup.stdout}`);
}, 15 * 60_000);

describe('the Kubernetes overlays', () => {
  interface Resource {
    apiVersion: string;
    kind: string;
    metadata: { name: string; labels?: Record<string, string> };
    spec?: unknown;
  }
  const rendered: Record<string, Resource[]> = {};
  const ofKind = (overlay: string, kind: string) => (rendered[overlay] ?? []).filter((r) => r.kind === kind);
  const serviceContainers = (overlay: string) =>
    ofKind(overlay, 'Deployment').map((d) => ({ deployment: d, container: obj(at(d.spec, 'template', 'spec', 'containers', 0)) }));

  beforeAll(async () => {
    for (const overlay of ['station', 'district']) {
      const result = await run(join(CHECKER, 'check.sh'), [join(REPO, 'k8s/overlays', overlay)], 120_000);
      if (result.code !== 0) throw new Error(`k8s/overlays/${overlay} does not validate:\n${result.stdout}${result.stderr}`);
      rendered[overlay] = JSON.parse(readFileSync(join(CACHE, 'rendered', `${overlay}.json`), 'utf8')) as Resource[];
    }
  }, 240_000);

  describe.each(['station', 'district'])('the %s overlay', (overlay) => {
    it('runs each service from the one image, with a Service, probes on /health and bounded resources', () => {
      expect(ofKind(overlay, 'Deployment').map((d) => d.metadata.name).sort()).toEqual([...SERVICES].sort());
      expect(ofKind(overlay, 'Service').map((s) => s.metadata.name).sort()).toEqual([...SERVICES].sort());
      for (const { deployment, container } of serviceContainers(overlay)) {
        const service = list(container['env']).map(obj).find((e) => e['name'] === 'SERVICE');
        expect(service?.['value']).toBe(deployment.metadata.name);
        expect(existsSync(join(REPO, 'services', deployment.metadata.name))).toBe(true);
        expect(at(container, 'readinessProbe', 'httpGet', 'path')).toBe('/health/ready');
        expect(at(container, 'livenessProbe', 'httpGet', 'path')).toBe('/health/live');
        for (const bound of ['requests', 'limits']) {
          expect(at(container, 'resources', bound)).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        }
        expect(at(container, 'securityContext', 'allowPrivilegeEscalation')).toBe(false);
        expect(at(deployment.spec, 'template', 'spec', 'securityContext', 'runAsNonRoot')).toBe(true);
      }
    });

    it('holds no secret values: every secret comes from the kinship-secrets Secret created per environment', () => {
      expect(ofKind(overlay, 'Secret')).toEqual([]);
      for (const { container } of serviceContainers(overlay)) {
        const fromSecrets = list(container['env']).map(obj).filter((e) => at(e, 'valueFrom', 'secretKeyRef'));
        expect(fromSecrets.map((e) => e['name']).sort()).toEqual(['DATABASE_URL', 'KINSHIP_MASTER_KEY', 'KURRENTDB_URL', 'MONGODB_URL']);
        for (const variable of fromSecrets) expect(at(variable, 'valueFrom', 'secretKeyRef', 'name')).toBe('kinship-secrets');
        const settings = ofKind(overlay, 'ConfigMap').find((c) => c.metadata.name.startsWith('kinship-settings'));
        expect(at(container, 'envFrom', 0, 'configMapRef', 'name')).toBe(settings?.metadata.name);
      }
    });

    it('denies traffic by default and allows only the API port in and DNS, Kafka, the databases and JWKS out', () => {
      const policies = ofKind(overlay, 'NetworkPolicy');
      const deny = policies.find((p) => p.metadata.name === 'kinship-default-deny');
      expect(at(deny?.spec, 'policyTypes')).toEqual(['Ingress', 'Egress']);
      expect(at(deny?.spec, 'ingress')).toBeUndefined();
      expect(at(deny?.spec, 'egress')).toBeUndefined();
      const egressPorts = policies.flatMap((p) => list(at(p.spec, 'egress')).flatMap((rule) => list(obj(rule)['ports']).map((port) => obj(port)['port'])));
      expect(new Set(egressPorts)).toEqual(new Set([53, 9092, 9093, 5432, 27017, 2113, 443]));
      const ingressPorts = policies.flatMap((p) => list(at(p.spec, 'ingress')).flatMap((rule) => list(obj(rule)['ports']).map((port) => obj(port)['port'])));
      expect(ingressPorts).toEqual(['http']);
    });

    it('puts every resource in the kinship namespace', () => {
      const outside = (rendered[overlay] ?? []).filter((r) => r.kind !== 'Namespace' && obj(r.metadata)['namespace'] !== 'kinship');
      expect(outside.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual([]);
    });

    it('declares the Kafka cluster and every topic of DESIGN §3 as Strimzi resources', () => {
      expect(ofKind(overlay, 'Kafka').map((k) => k.apiVersion)).toEqual(['kafka.strimzi.io/v1beta2']);
      expect(ofKind(overlay, 'KafkaNodePool')).toHaveLength(1);
      expect(ofKind(overlay, 'KafkaTopic').map((t) => t.metadata.name).sort()).toEqual([...TOPICS].sort());
    });
  });

  describe('the station overlay', () => {
    it('runs one replica of everything, without autoscaling, on a one-node Kafka', () => {
      for (const deployment of ofKind('station', 'Deployment')) expect(at(deployment.spec, 'replicas')).toBe(1);
      expect(ofKind('station', 'HorizontalPodAutoscaler')).toEqual([]);
      expect(at(ofKind('station', 'KafkaNodePool')[0]?.spec, 'replicas')).toBe(1);
      for (const topic of ofKind('station', 'KafkaTopic')) expect(at(topic.spec, 'replicas')).toBe(1);
    });
  });

  describe('the district overlay', () => {
    it('runs at least two replicas of each service, spread over nodes and kept up through drains', () => {
      for (const deployment of ofKind('district', 'Deployment')) {
        expect(at(deployment.spec, 'replicas')).toBeGreaterThanOrEqual(2);
        const term = at(deployment.spec, 'template', 'spec', 'affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 0, 'podAffinityTerm');
        expect(at(term, 'topologyKey')).toBe('kubernetes.io/hostname');
        expect(at(term, 'matchLabelKeys')).toEqual(['app.kubernetes.io/name']);
      }
      for (const budget of ofKind('district', 'PodDisruptionBudget')) {
        expect(at(budget.spec, 'minAvailable')).toBeGreaterThanOrEqual(1);
        expect(at(budget.spec, 'maxUnavailable')).toBeUndefined();
      }
    });

    it('autoscales every service between two and more replicas on CPU', () => {
      const autoscalers = ofKind('district', 'HorizontalPodAutoscaler');
      expect(autoscalers.map((h) => at(h.spec, 'scaleTargetRef', 'name')).sort()).toEqual([...SERVICES].sort());
      for (const autoscaler of autoscalers) {
        expect(autoscaler.apiVersion).toBe('autoscaling/v2');
        expect(at(autoscaler.spec, 'minReplicas')).toBeGreaterThanOrEqual(2);
        expect(Number(at(autoscaler.spec, 'maxReplicas'))).toBeGreaterThan(Number(at(autoscaler.spec, 'minReplicas')));
      }
    });

    it('replicates Kafka three ways and acknowledges writes on two', () => {
      expect(at(ofKind('district', 'KafkaNodePool')[0]?.spec, 'replicas')).toBe(3);
      for (const topic of ofKind('district', 'KafkaTopic')) {
        expect(at(topic.spec, 'replicas')).toBe(3);
        expect(at(topic.spec, 'config', 'min.insync.replicas')).toBe(2);
      }
    });
  });

  describe('when a manifest is broken', () => {
    const scratch: string[] = [];
    afterAll(() => {
      for (const dir of scratch) {
        const rendered = join(CACHE, 'rendered', basename(dir));
        for (const path of [dir, `${rendered}.yaml`, `${rendered}.json`]) rmSync(path, { recursive: true, force: true });
      }
    });

    /** An overlay in a temporary folder on top of the district overlay, with `patches` (kustomize YAML) and extra resources. */
    async function checkBrokenOverlay(patches: string, extra = ''): Promise<Run> {
      const dir = mkdtempSync(join(tmpdir(), 'k8s-check-broken-'));
      scratch.push(dir);
      const resources = [relative(dir, join(REPO, 'k8s/overlays/district'))];
      if (extra) {
        writeFileSync(join(dir, 'extra.yaml'), extra);
        resources.push('extra.yaml');
      }
      const kustomization = [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        `resources: [${resources.map((r) => JSON.stringify(r)).join(', ')}]`,
        patches,
      ].join('\n');
      writeFileSync(join(dir, 'kustomization.yaml'), kustomization);
      return run(join(CHECKER, 'check.sh'), [dir], 120_000);
    }

    it('fails a Deployment whose replicas is not a number', async () => {
      const result = await checkBrokenOverlay(
        ['patches:', '  - target: { kind: Deployment, name: registry }', '    patch: |-', '      - { op: replace, path: /spec/replicas, value: two }'].join('\n'),
      );
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain("ERROR Deployment/registry: spec.replicas: 'two' is not of type 'integer'");
    });

    it('fails a field the Kubernetes API does not know', async () => {
      const result = await checkBrokenOverlay(
        [
          'patches:',
          '  - target: { kind: Deployment, name: brokerage }',
          '    patch: |-',
          '      - { op: add, path: /spec/template/spec/containers/0/readinessProbe/httpGet/pathh, value: /ready }',
        ].join('\n'),
      );
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain("ERROR Deployment/brokerage: spec.template.spec.containers.0.readinessProbe.httpGet: Additional properties are not allowed ('pathh' was unexpected)");
    });

    it('fails a Strimzi resource that breaks Strimzi’s schema or cannot be placed on the brokers', async () => {
      const result = await checkBrokenOverlay(
        [
          'patches:',
          '  - target: { kind: KafkaTopic, name: cases.events.v1 }',
          '    patch: |-',
          '      - { op: replace, path: /spec/partitions, value: six }',
          '      - { op: replace, path: /spec/replicas, value: 5 }',
          '  - target: { kind: Kafka }',
          '    patch: |-',
          '      - { op: replace, path: /spec/kafka/listeners/0/type, value: public }',
        ].join('\n'),
      );
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain("ERROR KafkaTopic/cases.events.v1: spec.partitions: 'six' is not of type 'integer'");
      expect(result.stdout).toContain('ERROR KafkaTopic/cases.events.v1: 5 replicas, but its cluster has 3 broker(s)');
      expect(result.stdout).toContain("ERROR Kafka/kinship: spec.kafka.listeners.0.type: 'public' is not one of");
    });

    it('fails a kind no schema knows, a reference to nothing, and a secret value in the manifests', async () => {
      const extra = [
        'apiVersion: example.org/v1',
        'kind: Widget',
        'metadata: { name: gadget }',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata: { name: kinship-secrets }',
        'stringData: { KINSHIP_MASTER_KEY: not-in-git }',
      ].join('\n');
      const result = await checkBrokenOverlay(
        ['patches:', '  - target: { kind: Service, name: projections }', '    patch: |-', '      - { op: replace, path: /spec/selector, value: { app.kubernetes.io/name: projection } }'].join('\n'),
        extra,
      );
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain('ERROR Widget/gadget: no schema for example.org/v1 Widget');
      expect(result.stdout).toContain('ERROR Service/projections: its selector');
      expect(result.stdout).toContain('ERROR Secret/kinship-secrets: secret values do not belong in the manifests');
    });

    it('fails an overlay kustomize cannot render', async () => {
      const result = await checkBrokenOverlay('patches:\n  - path: missing-patch.yaml');
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain('kustomize could not render');
    });
  });
});

describe('the service image (Dockerfile)', () => {
  interface Instruction {
    keyword: string;
    args: string;
  }
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  // As the builder reads it: comment lines dropped, continuation lines joined.
  const instructions: Instruction[] = dockerfile
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, '')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [, keyword = '', args = ''] = /^\s*(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args };
    });
  const stages: Array<{ name: string; from: string; body: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [, from = '', name = String(stages.length)] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ name, from, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  const final = stages.at(-1) ?? { name: '', from: '', body: [] };
  const ignored = dockerIgnore(readFileSync(join(REPO, '.dockerignore'), 'utf8'));
  const instruction = (keyword: string, args = '', within = instructions) =>
    within.find((i) => i.keyword === keyword && i.args.includes(args))?.args ?? '';
  const promotedRun = instruction('RUN', 'node -e');
  // The package names after the script: `node -e '<script>' name... && npm ci ...`.
  const promoted = (/'\s*((?:[@\w./-]+\s*)+)&&/.exec(promotedRun)?.[1] ?? '').trim().split(/\s+/);

  it('builds from Node 20 on Debian bookworm-slim, in stages that exist before they are used', () => {
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(nodeImage).toMatch(/^node:20(\.\d+)*-bookworm-slim$/);
    expect(stages.map((s) => s.from)).toEqual(stages.map(() => '${NODE_IMAGE}'));
    stages.forEach((stage, index) => {
      for (const { args } of stage.body.filter((i) => i.keyword === 'COPY')) {
        const source = /--from=(\S+)/.exec(args)?.[1];
        if (source) expect(stages.slice(0, index).map((s) => s.name)).toContain(source);
      }
    });
  });

  it('copies from the build context only paths that exist and that .dockerignore lets through', () => {
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const { args } of copies) {
      const sources = args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(join(REPO, source))).toBe(true);
        expect({ source, ignored: ignored(source) }).toEqual({ source, ignored: false });
      }
    }
    // Every source a service loads is sent; tests, the test harness and local state are not.
    const { files } = runtimeGraph();
    expect(files).toEqual(expect.arrayContaining(['libs/eventsourcing/src/index.ts']));
    expect(files.filter(ignored)).toEqual([]);
    expect(ignored('services/platform/src/main.ts')).toBe(false);
    expect(ignored('libs/eventsourcing/src/sqlite/sqlite-event-store.spec.ts')).toBe(true);
    expect(ignored('services/platform/src/deployment/manifests.int-spec.ts')).toBe(true);
    expect(ignored('libs/testing/src/index.ts')).toBe(true);
    expect(ignored('node_modules/zod/package.json')).toBe(true);
    expect(ignored('tmp/k8s-check/bin/render')).toBe(true);
    expect(ignored('.git/HEAD')).toBe(true);
  });

  it('runs the service SERVICE names through @swc-node/register, as a non-root user, with a health check on /health', () => {
    expect(final.body.filter((i) => i.keyword === 'USER').at(-1)?.args).toBe('node');
    expect(final.body.find((i) => i.keyword === 'ARG' && i.args.startsWith('SERVICE'))).toBeDefined();
    expect(final.body.find((i) => i.keyword === 'ENV' && i.args.startsWith('SERVICE=${SERVICE}'))).toBeDefined();
    const command = instruction('CMD', '', final.body);
    expect(command).toContain('exec node --enable-source-maps -r @swc-node/register \\"services/$SERVICE/src/main.ts\\"');
    const healthcheck = instruction('HEALTHCHECK', '', final.body);
    expect(healthcheck).toContain('/health`');
    expect(final.body.find((i) => i.keyword === 'ENTRYPOINT')?.args).toBe('["/usr/bin/tini", "--"]');
  });

  it('installs production dependencies only, plus the dev dependencies the services need at run time', () => {
    const install = instruction('RUN', 'npm ci');
    expect(install).toContain('npm ci --omit=dev');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Json; devDependencies: Json };
    for (const name of promoted) expect({ name, listed: name in pkg.dependencies || name in pkg.devDependencies }).toEqual({ name, listed: true });
    const available = new Set([...Object.keys(pkg.dependencies), ...promoted]);
    // @swc-node/register needs its peers @swc/core and typescript to run the sources.
    expect(promoted).toEqual(expect.arrayContaining(['@swc-node/register', '@swc/core', 'typescript']));
    const { packages } = runtimeGraph();
    expect(packages.map((i) => i.pkg)).toEqual(expect.arrayContaining(['@nestjs/common', 'zod']));
    expect(packages.filter(({ pkg: name }) => !available.has(name))).toEqual([]);
  });

  it('rewrites a copy of package.json so that npm keeps those packages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockerfile-promote-'));
    try {
      writeFileSync(join(dir, 'package.json'), readFileSync(join(REPO, 'package.json')));
      // The RUN line up to `&& npm ci`, run as the builder's shell would.
      const script = promotedRun.slice(0, promotedRun.indexOf('&& npm ci'));
      const result = await new Promise<Run>((done) =>
        execFile('/bin/sh', ['-c', script], { cwd: dir }, (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr })),
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const rewritten = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Json; devDependencies: Json };
      for (const name of promoted) {
        expect(rewritten.dependencies[name]).toBeDefined();
        expect(rewritten.devDependencies[name]).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the compose stack (deploy/compose.yaml)', () => {
  const APP_ENVIRONMENT = ['EVENT_STORE', 'BUS', 'DOCUMENTS', 'DATABASE_URL', 'KURRENTDB_URL', 'KAFKA_BROKERS', 'MONGODB_URL', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'JWKS_URL', 'KINSHIP_MASTER_KEY'];
  const scratch = mkdtempSync(join(tmpdir(), 'kinship-compose-'));
  const secrets = { KINSHIP_MASTER_KEY: randomBytes(32).toString('base64'), POSTGRES_PASSWORD: randomBytes(12).toString('hex'), MONGODB_PASSWORD: randomBytes(12).toString('hex') };
  let project: Json;
  const service = (name: string) => obj(at(project, 'services', name));

  /** The project `docker compose --env-file FILE [--profile kurrentdb] config` would run, as JSON. */
  function loadCompose(env: Record<string, string>, profiles: string[]): Promise<Run> {
    const envFile = join(scratch, `${Object.keys(env).join('-') || 'empty'}.env`);
    writeFileSync(envFile, Object.entries(env).map(([key, value]) => `${key}=${value}\n`).join(''));
    const flags = profiles.flatMap((profile) => ['-profile', profile]);
    return run(join(CACHE, 'bin/render'), ['-compose', join(REPO, 'deploy/compose.yaml'), '-env-file', envFile, ...flags], 30_000);
  }

  beforeAll(async () => {
    const loaded = await loadCompose(secrets, ['kurrentdb']);
    if (loaded.code !== 0) throw new Error(`deploy/compose.yaml does not load:\n${loaded.stderr}`);
    project = JSON.parse(loaded.stdout) as Json;
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('loads as Docker Compose would: Kafka (KRaft), PostgreSQL, MongoDB, KurrentDB and the five services', () => {
    expect(Object.keys(obj(project['services'])).sort()).toEqual(
      [...SERVICES, 'kafka', 'kafka-topics', 'postgres', 'mongodb', 'kurrentdb', 'oidc'].sort(),
    );
    expect(String(service('kafka')['image'])).toMatch(/^apache\/kafka:4\./);
    expect(at(service('kafka'), 'environment', 'KAFKA_PROCESS_ROLES')).toBe('broker,controller');
    expect(String(service('postgres')['image'])).toMatch(/^postgres:/);
    expect(String(service('mongodb')['image'])).toMatch(/^mongo:/);
    expect(String(service('kurrentdb')['image'])).toContain('kurrentdb');
  });

  it('runs each service in its own container built from the Dockerfile, with SERVICE set', () => {
    for (const name of SERVICES) {
      const build = obj(service(name)['build']);
      expect(build['context']).toBe(REPO);
      expect(existsSync(join(REPO, String(build['dockerfile'])))).toBe(true);
      expect(at(build, 'args', 'SERVICE')).toBe(name);
      expect(at(service(name), 'environment', 'SERVICE')).toBe(name);
      expect(service(name)['image']).toBe(`kinship/${name}:dev`);
    }
  });

  it('configures the services through the environment, taking the secrets from the env file', () => {
    for (const name of SERVICES) {
      const environment = obj(service(name)['environment']);
      expect(Object.keys(environment)).toEqual(expect.arrayContaining(APP_ENVIRONMENT));
      expect(environment).toMatchObject({
        EVENT_STORE: 'postgres',
        BUS: 'kafka',
        DOCUMENTS: 'mongodb',
        KAFKA_BROKERS: 'kafka:9092',
        KINSHIP_MASTER_KEY: secrets.KINSHIP_MASTER_KEY,
        DATABASE_URL: `postgres://kinship:${secrets.POSTGRES_PASSWORD}@postgres:5432/kinship`,
        MONGODB_URL: `mongodb://kinship:${secrets.MONGODB_PASSWORD}@mongodb:27017/kinship?authSource=admin`,
        OIDC_ISSUER: 'http://oidc:8080/kinship',
        JWKS_URL: 'http://oidc:8080/kinship/jwks',
      });
    }
    expect(at(service('postgres'), 'environment', 'POSTGRES_PASSWORD')).toBe(secrets.POSTGRES_PASSWORD);
    expect(at(service('mongodb'), 'environment', 'MONGO_INITDB_ROOT_PASSWORD')).toBe(secrets.MONGODB_PASSWORD);
  });

  it('refuses to load without the master key, and runs without KurrentDB unless its profile is on', async () => {
    const { KINSHIP_MASTER_KEY: _omitted, ...withoutKey } = secrets;
    const missing = await loadCompose(withoutKey, ['kurrentdb']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('required variable KINSHIP_MASTER_KEY is missing a value');
    const withoutProfile = await loadCompose(secrets, []);
    expect(withoutProfile.code).toBe(0);
    expect(Object.keys(obj((JSON.parse(withoutProfile.stdout) as Json)['services']))).not.toContain('kurrentdb');
  });

  it('checks the health of every long-running container that has a shell, and starts services after their engines', () => {
    // The topic job exits when done; the development OIDC issuer's image has no shell to run a check in.
    const withoutHealthcheck = Object.entries(obj(project['services']))
      .filter(([, definition]) => !obj(obj(definition)['healthcheck'])['test'])
      .map(([name]) => name);
    expect(withoutHealthcheck.sort()).toEqual(['kafka-topics', 'oidc']);
    for (const name of SERVICES) {
      expect(list(at(service(name), 'healthcheck', 'test')).join(' ')).toContain("fetch('http://127.0.0.1:3000/health')");
      expect(service(name)['depends_on']).toMatchObject({
        postgres: { condition: 'service_healthy', required: true },
        mongodb: { condition: 'service_healthy', required: true },
        kafka: { condition: 'service_healthy', required: true },
        'kafka-topics': { condition: 'service_completed_successfully', required: true },
        kurrentdb: { condition: 'service_healthy', required: false },
      });
    }
  });

  it('publishes no host port twice', () => {
    const published = Object.values(obj(project['services'])).flatMap((definition) =>
      list(obj(definition)['ports']).map((port) => String(obj(port)['published'])),
    );
    expect(published.length).toBeGreaterThanOrEqual(SERVICES.length);
    expect(new Set(published).size).toBe(published.length);
  });

  it('creates the same topics as the Kubernetes overlays', () => {
    const script = list(service('kafka-topics')['command']).join(' ');
    const created = /for topic in ([^;]+);/.exec(script)?.[1]?.trim().split(/\s+/);
    expect(created?.sort()).toEqual([...TOPICS].sort());
  });
});

/** `.dockerignore` as the builder applies it: the last matching pattern wins, and a pattern also covers what is below it. */
function dockerIgnore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const glob = (negated ? line.slice(1) : line).replace(/\/+$/, '');
      const source = glob
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) => ({ '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' })[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
        .join('');
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const { negated, regex } of patterns) {
      if (prefixes.some((prefix) => regex.test(prefix))) excluded = !negated;
    }
    return excluded;
  };
}

/** What a service loads at run time: followed from each service's entry points through our own imports. */
function runtimeGraph(): { files: string[]; packages: Array<{ pkg: string; from: string }> } {
  const aliases = (JSON.parse(readFileSync(join(REPO, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } })
    .compilerOptions.paths;
  const entries = SERVICES.flatMap((name) => ['main.ts', 'index.ts'].map((file) => join(REPO, 'services', name, 'src', file))).filter((f) => existsSync(f));
  const seen = new Set<string>();
  const found = new Map<string, string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    // Type-only imports vanish when transpiled; everything else is loaded.
    const code = readFileSync(file, 'utf8').replace(/^\s*(import|export)\s+type\s[^;]*;/gm, '');
    const statements = [
      /^\s*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"\n]+)['"]/gm,
      /^\s*import\s*['"]([^'"\n]+)['"]/gm,
      /\b(?:require|import)\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    ];
    for (const target of statements.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''))) {
      if (target.startsWith('.')) {
        const resolved = resolveSource(resolve(dirname(file), target));
        if (resolved) queue.push(resolved);
      } else if (aliases[target]) {
        queue.push(join(REPO, aliases[target]?.[0] ?? ''));
      } else if (!target.startsWith('node:') && !builtinModules.includes(target)) {
        const pkg = target.split('/').slice(0, target.startsWith('@') ? 2 : 1).join('/');
        if (!found.has(pkg)) found.set(pkg, relative(REPO, file));
      }
    }
  }
  return { files: [...seen].map((file) => relative(REPO, file)), packages: [...found].map(([pkg, from]) => ({ pkg, from })) };
}

function resolveSource(base: string): string | undefined {
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
