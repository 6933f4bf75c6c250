import { volunteeringEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { ResidentLinkCommand, residentLinkDecider, ResidentLinkEvent } from './resident-link.decider';

const link = (data: ResidentLinkCommand['data']): ResidentLinkCommand => ({
  type: 'LinkResident',
  data,
  metadata: { now: '2026-06-15T02:00:00.000Z', actor: { userId: 'staff-7', role: 'station-staff' }, correlationId: 'corr-1', tenantId: 'liangxi' },
});
const asVolunteer = { residentId: 'res-1', stationId: 'guangrui-1', link: { kind: 'volunteer' as const, volunteerId: 'vol-1' } };
const linked: ResidentLinkEvent = { type: 'volunteering.resident-linked', data: asVolunteer };

const spec = deciderSpec(residentLinkDecider, { contracts: volunteeringEventContracts });

describe("a resident's links into volunteering", () => {
  it('records where the resident appears', () => {
    const state = spec.given([]).when(link(asVolunteer)).then([linked]);
    expect(state.links).toEqual([{ stationId: 'guangrui-1', link: asVolunteer.link }]);
  });

  it('records each place once', () => {
    spec.given([linked]).when(link(asVolunteer)).then([]);
  });

  it('records the same resident as a beneficiary too', () => {
    const asBeneficiary = { ...asVolunteer, link: { kind: 'pairing' as const, pairingId: 'pair-1' } };
    spec.given([linked]).when(link(asBeneficiary)).then([{ type: 'volunteering.resident-linked', data: asBeneficiary }]);
  });
});
