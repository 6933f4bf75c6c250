import { EventEnvelope } from '@kinship/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../embedded/config';
import { RunningPlatform, startPlatform } from '../embedded/start-platform';
import { simulateHistory, SimulationResult } from './simulate-history';

/** The first months of the history, told into fresh platforms: what the log holds, and that a seed fixes it. */
describe('telling the Guangrui history', () => {
  const dirs: string[] = [];
  const platforms: RunningPlatform[] = [];

  const tell = async (seed: number, until: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kinship-history-'));
    dirs.push(dataDir);
    const platform = await startPlatform(loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'demo-residents': '0', 'log-level': 'silent' }, env: {} }));
    platforms.push(platform);
    const result = await simulateHistory(platform.app, platform.infra.events, { seed, until, pauseReadModels: true });
    const events: EventEnvelope[] = [];
    for (let page = await platform.infra.events.readAll({ fromPosition: 0, limit: 5000 }); page.length > 0; ) {
      events.push(...page);
      page = await platform.infra.events.readAll({ fromPosition: (page.at(-1) as EventEnvelope).position, limit: 5000 });
    }
    return { result, events };
  };

  /** What a history is apart from the ids the services generate and the ciphertexts of personal data. */
  const story = (events: EventEnvelope[]) => events.map((event) => `${event.occurredAt} ${event.tenantId} ${event.type}`);

  let first: { result: SimulationResult; events: EventEnvelope[] };
  let again: { result: SimulationResult; events: EventEnvelope[] };
  let other: { result: SimulationResult; events: EventEnvelope[] };

  beforeAll(async () => {
    first = await tell(7, '2004-07');
    again = await tell(7, '2004-07');
    other = await tell(8, '2004-05');
  }, 120_000);

  afterAll(async () => {
    for (const platform of platforms) await platform.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('registers the founding cohort of 600+ new citizens at Guangrui No.1 Village in May 2004', () => {
    const registered = first.events.filter((e) => e.type === 'registry.resident-registered' && e.occurredAt < '2004-06-01');
    expect(registered).toHaveLength(620);
    expect(new Set(registered.map((e) => e.tenantId))).toEqual(new Set(['guangrui-1']));
    expect(first.result.planned.present).toMatchObject({ 'guangrui-1': expect.any(Number) });
  });

  it('dates every event by the simulated day, in the order the history happened', () => {
    const instants = first.events.map((e) => e.occurredAt).sort();
    expect(instants[0] >= '2004-05-01').toBe(true);
    expect((instants.at(-1) as string) <= '2004-07-31T23:59:59.999Z').toBe(true);
    // The services' reactions follow asynchronously, with the instant of what they react to; commands are in order.
    const commands = first.events.filter((e) => e.metadata.actor.role !== 'system');
    const backwards = commands.filter((e, i) => i > 0 && e.occurredAt < (commands[i - 1] as EventEnvelope).occurredAt);
    expect(backwards.map((e) => `${e.occurredAt} ${e.type} ${e.metadata.actor.userId} after ${commands[commands.indexOf(e) - 1]?.occurredAt} ${commands[commands.indexOf(e) - 1]?.type}`)).toEqual([]);
  });

  it('sends the commands of every service: registry, cases, mediation, volunteering', () => {
    expect(first.result.commandsByKind).toMatchObject({
      'register-resident': expect.any(Number),
      'open-case': expect.any(Number),
      'enrol-volunteer': 82,
    });
    const types = new Set(first.events.map((e) => e.type));
    for (const type of ['registry.resident-registered', 'cases.case-opened', 'cases.case-closed', 'volunteering.volunteer-enrolled', 'volunteering.hours-verified']) {
      expect(types).toContain(type);
    }
    expect(first.result.events).toBe(first.events.length);
  });

  it('tells the same history for the same seed, and another for another seed', () => {
    expect(again.result.commandsByKind).toEqual(first.result.commandsByKind);
    expect(story(again.events)).toEqual(story(first.events));
    const firstMonth = (events: EventEnvelope[]) => story(events).filter((line) => line < '2004-06');
    expect(firstMonth(other.events)).not.toEqual(firstMonth(first.events));
  });
});
