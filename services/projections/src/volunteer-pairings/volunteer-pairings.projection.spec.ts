import { AidPaid, AidPaymentReversed, PairingBeneficiaryErased, PairingEnded, PairingStarted, PairingVisitAlertSet, PairingVisitRecorded } from '@kinship/contracts';
import { projectionSpec } from '../volunteer-testing/projection-harness';
import { PairingContinuityDocument, PAIRINGS } from './volunteer-pairings.document';
import { pairingContinuityProjection } from './volunteer-pairings.projection';

describe('pairing continuity projection', () => {
  const { write, harness } = projectionSpec((infra) => pairingContinuityProjection({ org: infra.org }));

  const pairing = (id: string) => harness().collection<PairingContinuityDocument>(PAIRINGS).get(id);
  const start = (pairingId: string) =>
    write().pairing('guangyi', pairingId, PairingStarted, {
      pairingId,
      stationId: 'guangyi',
      volunteerId: 'v-1',
      householdId: 'hh-1',
      beneficiaryResidentId: 'res-1',
      category: 'disabled',
      needs: 'v1.needs.cipher.text',
      alertAfterDays: 14,
      startedOn: '2026-05-01',
    });
  const visit = (pairingId: string, visitId: string, visitedOn: string) =>
    write().pairing('guangyi', pairingId, PairingVisitRecorded, { pairingId, visitId, volunteerId: 'v-1', householdId: 'hh-1', visitedOn, minutes: 60, kind: 'home-visit' });
  const paid = (pairingId: string, paymentId: string, amountFen: number) =>
    write().fund('guangrui', AidPaid, {
      centerId: 'guangrui',
      paymentId,
      stationId: 'guangyi',
      pairingId,
      householdId: 'hh-1',
      amountFen,
      purpose: 'medical',
      paidOn: '2026-06-01',
      fundedBy: [{ allocationId: 'alloc-1', amountFen }],
    });

  it('keeps the last visit, the visits and their time, and nothing personal', async () => {
    await start('p-visits');
    await visit('p-visits', 'visit-2', '2026-06-10');
    await visit('p-visits', 'visit-1', '2026-06-01');
    await write().pairing('guangyi', 'p-visits', PairingVisitAlertSet, { pairingId: 'p-visits', alertAfterDays: 7 });
    await harness().project();
    await harness().again();
    const doc = await pairing('p-visits');
    expect(doc).toMatchObject({ stationId: 'guangyi', centerId: 'guangrui', category: 'disabled', status: 'active', lastVisitOn: '2026-06-10', visits: 2, visitMinutes: 120, alertAfterDays: 7 });
    expect(JSON.stringify(doc)).not.toContain('v1.needs');
  });

  it('sums the aid the household received, net of reversals', async () => {
    await start('p-aid');
    await paid('p-aid', 'pay-1', 300_00);
    await paid('p-aid', 'pay-2', 100_00);
    await write().fund('guangrui', AidPaymentReversed, { centerId: 'guangrui', paymentId: 'pay-1', reason: 'paid-in-error', restored: [{ allocationId: 'alloc-1', amountFen: 300_00 }] });
    await harness().project();
    await harness().again();
    expect(await pairing('p-aid')).toMatchObject({ aidReceivedFen: 100_00, aidPayments: 1 });
  });

  it('keeps aid that arrived before the pairing itself', async () => {
    await paid('p-late', 'pay-3', 50_00);
    await start('p-late');
    await harness().project();
    expect(await pairing('p-late')).toMatchObject({ status: 'active', aidReceivedFen: 50_00, volunteerId: 'v-1' });
  });

  it('records the end and the erasure of the beneficiary', async () => {
    await start('p-ended');
    await write().pairing('guangyi', 'p-ended', PairingBeneficiaryErased, { pairingId: 'p-ended', beneficiaryResidentId: 'res-1' });
    await write().pairing('guangyi', 'p-ended', PairingEnded, { pairingId: 'p-ended', endedOn: '2026-06-12', reason: 'beneficiary-moved' });
    await harness().project();
    expect(await pairing('p-ended')).toMatchObject({ status: 'ended', endedOn: '2026-06-12', endReason: 'beneficiary-moved', beneficiaryErased: true });
  });
});
