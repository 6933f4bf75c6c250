import { PairingEnded, PairingStarted, PairingVisitRecorded } from '@kinship/contracts';
import { OUTSIDERS, readAs, readModelSpec } from '../volunteer-testing/read-model-http';
import { PairingContinuityPage } from './volunteer-pairings.queries';

describe('pairing continuity over HTTP', () => {
  const spec = readModelSpec(async (write) => {
    const start = (stationId: string, pairingId: string, alertAfterDays: number) =>
      write.pairing(stationId, pairingId, PairingStarted, {
        pairingId,
        stationId,
        volunteerId: `v-${pairingId}`,
        householdId: `hh-${pairingId}`,
        beneficiaryResidentId: `res-${pairingId}`,
        category: 'elderly-living-alone',
        alertAfterDays,
        startedOn: '2026-05-01',
      });
    const visit = (stationId: string, pairingId: string, visitedOn: string) =>
      write.pairing(stationId, pairingId, PairingVisitRecorded, {
        pairingId,
        visitId: `${pairingId}-${visitedOn}`,
        volunteerId: `v-${pairingId}`,
        householdId: `hh-${pairingId}`,
        visitedOn,
        minutes: 60,
        kind: 'home-visit',
      });
    await start('guangrui-1', 'p-kept', 14);
    await visit('guangrui-1', 'p-kept', '2026-06-10');
    await start('guangrui-1', 'p-quiet', 14);
    await visit('guangrui-1', 'p-quiet', '2026-05-20');
    await start('guangrui-1', 'p-never', 30);
    await start('guangrui-1', 'p-ended', 7);
    await write.pairing('guangrui-1', 'p-ended', PairingEnded, { pairingId: 'p-ended', endedOn: '2026-05-10', reason: 'beneficiary-moved' });
    return start('guangyi', 'p-guangyi', 7);
  });
  const http = () => spec.http();

  it('raises the pairings without a visit for longer than their alert allows, longest first', async () => {
    const reply = await readAs<PairingContinuityPage>(http(), ['station-staff', 'guangrui-1'], `/stations/guangrui-1/pairing-continuity?asOf=2026-06-15&afterPosition=${spec.head()}`);
    expect(reply.status).toBe(200);
    expect(reply.body.summary).toEqual({ active: 3, overdue: 2, ended: 1 });
    expect(reply.body.items.map(({ pairingId, daysWithoutVisit, overdue }) => ({ pairingId, daysWithoutVisit, overdue }))).toEqual([
      { pairingId: 'p-never', daysWithoutVisit: 45, overdue: true },
      { pairingId: 'p-quiet', daysWithoutVisit: 26, overdue: true },
      { pairingId: 'p-ended', daysWithoutVisit: 45, overdue: false },
      { pairingId: 'p-kept', daysWithoutVisit: 5, overdue: false },
    ]);
  });

  it('narrows to the overdue ones, judged on the day asked', async () => {
    const early = await readAs<PairingContinuityPage>(http(), ['station-lead', 'guangrui-1'], '/stations/guangrui-1/pairing-continuity?asOf=2026-05-25&overdue=true');
    expect(early.body.items.map((item) => item.pairingId)).toEqual([]);
    const later = await readAs<PairingContinuityPage>(http(), ['station-lead', 'guangrui-1'], '/stations/guangrui-1/pairing-continuity?asOf=2026-06-15&overdue=true&status=active');
    expect(later.body.items.map((item) => item.pairingId)).toEqual(['p-never', 'p-quiet']);
  });

  it("shows the chain's manager every station of the chain", async () => {
    const reply = await readAs<PairingContinuityPage>(http(), ['center-manager', 'guangrui'], '/centers/guangrui/pairing-continuity?asOf=2026-06-15&overdue=true');
    expect(reply.body.items.map((item) => item.pairingId)).toEqual(['p-guangyi', 'p-never', 'p-quiet']);
    expect((await readAs(http(), ['center-manager', 'huishan'], '/centers/guangrui/pairing-continuity')).status).toBe(403);
    expect((await readAs(http(), ['station-staff', 'guangrui-1'], '/centers/guangrui/pairing-continuity')).status).toBe(403);
  });

  it('refuses outsiders and callers without a token', async () => {
    for (const outsider of OUTSIDERS) expect((await readAs(http(), outsider, '/stations/guangrui-1/pairing-continuity')).status).toBe(403);
    expect((await readAs(http(), null, '/stations/guangrui-1/pairing-continuity')).status).toBe(401);
  });

  it('answers 400 problem+json to a bad query', async () => {
    for (const query of ['asOf=2026-13-01', 'overdue=maybe', 'category=young', 'status=paused']) {
      const reply = await readAs<{ code: string }>(http(), ['station-staff', 'guangrui-1'], `/stations/guangrui-1/pairing-continuity?${query}`);
      expect({ query, status: reply.status, code: reply.body.code }).toEqual({ query, status: 400, code: 'validation-failed' });
    }
  });
});
