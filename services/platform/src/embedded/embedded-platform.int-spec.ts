import { generateResidentIdNumber } from '@kinship/privacy';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../cli/cli';
import { EmbeddedConfig, loadConfig } from './config';
import { RunningPlatform, startPlatform } from './start-platform';

/** The embedded platform as a user runs it: one process, files in a data directory, HTTP on a real port. */
describe('the embedded platform', () => {
  let dataDir: string;
  let config: EmbeddedConfig;
  let platform: RunningPlatform;
  let staff: string;

  const name = '欧阳秀英';
  const idNumber = generateResidentIdNumber('341200', '1988-06-15', 321, 'female');
  const registration = {
    name,
    sex: 'female',
    birthDate: '1988-06-15',
    idNumber,
    phone: '13912345678',
    origin: { province: '安徽省', city: '阜阳市' },
    arrivalDate: '2026-01-15',
    address: { compound: '广瑞一村东区', building: '12', unit: '2', room: '301' },
    employer: '无锡某电子厂',
    consent: { given: true, scope: ['registry'] },
  };

  const call = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kinship-platform-'));
    config = loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'demo-residents': '20', 'log-level': 'silent' }, env: {} });
    platform = await startPlatform(config);
    staff = await issueToken(config, 'station-staff', 'guangrui-1');
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo district into a fresh data directory and serves its directory', async () => {
    expect(platform.seeded).toBe(20);
    const directory = await call('/stations/guangrui-1/directory?pageSize=100', { token: staff });
    expect(directory.status).toBe(200);
    expect((directory.body['items'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers health, metrics and the API description without a token, and nothing else', async () => {
    expect((await fetch(`${platform.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${platform.url}/metrics`)).text()).toContain('kinship_consumer_lag');
    const docs = (await (await fetch(`${platform.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/stations/{stationId}/residents', '/stations/{stationId}/directory']));
    const anonymous = await call('/stations/guangrui-1/directory');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/problem+json');
  });

  it('registers a resident, finds them in the directory by ID number, and keeps them across a restart', async () => {
    const registered = await call('/stations/guangrui-1/residents', { method: 'POST', token: staff, body: registration });
    expect(registered.status).toBe(201);
    const query = `/stations/guangrui-1/directory?idNumber=${idNumber}&afterPosition=${registered.body['position']}`;
    const found = await call(query, { token: staff });
    expect(found.body['total']).toBe(1);
    expect(found.body['items']).toEqual([expect.objectContaining({ residentId: registered.body['residentId'], personal: expect.objectContaining({ name: '欧***' }) })]);

    await platform.stop();
    platform = await startPlatform({ ...config, demoResidents: 20 });
    const afterRestart = await call(`/stations/guangrui-1/directory?idNumber=${idNumber}`, { token: await issueToken(config, 'station-staff', 'guangrui-1') });
    expect(afterRestart.body['total']).toBe(1);
    expect(platform.seeded).toBe(0);
  });

  it('after an erasure shows no personal field anywhere and keeps neither name nor ID number in clear in any file', async () => {
    const found = await call(`/stations/guangrui-1/directory?idNumber=${idNumber}`, { token: staff });
    const residentId = (found.body['items'] as Array<{ residentId: string }>)[0]?.residentId as string;
    const lead = await issueToken(config, 'station-lead', 'guangrui-1');
    const erased = await call(`/stations/guangrui-1/residents/${residentId}/erasure`, {
      method: 'POST',
      token: lead,
      body: { requestedBy: 'the resident in person', reason: 'asked to be forgotten' },
    });
    expect(erased.status).toBe(200);

    const record = await call(`/stations/guangrui-1/residents/${residentId}`, { token: staff });
    expect(record.body).toEqual(expect.objectContaining({ status: 'erased', personal: null }));
    const entry = await call(`/stations/guangrui-1/directory/${residentId}?afterPosition=${erased.body['position']}`, { token: staff });
    expect(entry.body).toEqual(expect.objectContaining({ status: 'erased', personal: null }));
    const manager = await issueToken(config, 'center-manager', 'guangrui');
    const chain = await call('/centers/guangrui/directory?pageSize=100', { token: manager });
    expect(JSON.stringify(chain.body)).not.toContain('欧*');
    expect((await call(`/stations/guangrui-1/directory?idNumber=${idNumber}`, { token: staff })).body['total']).toBe(0);

    await platform.stop();
    const files = readdirSync(dataDir).filter((file) => file.endsWith('.sqlite') || file.endsWith('-wal') || file.endsWith('-shm'));
    expect(files).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite', 'keys.sqlite']));
    for (const file of files) {
      const bytes = readFileSync(join(dataDir, file));
      expect({ file, name: bytes.includes(Buffer.from(name, 'utf8')) }).toEqual({ file, name: false });
      expect({ file, idNumber: bytes.includes(Buffer.from(idNumber, 'utf8')) }).toEqual({ file, idNumber: false });
      expect({ file, phone: bytes.includes(Buffer.from('13912345678', 'utf8')) }).toEqual({ file, phone: false });
    }
    platform = await startPlatform(config);
  });
});
