import { registryEventContracts, ResidentRegisteredData } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { ResidentCommand, residentDecider, ResidentEvent, ResidentState, returnSnapshot, transferSnapshot } from './resident.decider';

const STATION = 'guangrui-1';
const OTHER_STATION = 'guangyi';
const RESIDENT = 'res-0001';

/** 10:00 at the station on that day, or the exact instant when one is given. */
const on = (dateOrInstant: string) => (dateOrInstant.includes('T') ? dateOrInstant : `${dateOrInstant}T02:00:00Z`);

function command<T extends ResidentCommand['type']>(
  type: T,
  data: Extract<ResidentCommand, { type: T }>['data'],
  today = '2026-09-01',
): ResidentCommand {
  return {
    type,
    data,
    metadata: { now: on(today), actor: { userId: 'staff-1', role: 'station-staff' }, correlationId: 'corr-1', tenantId: STATION },
  } as ResidentCommand;
}

const registration: ResidentRegisteredData = {
  residentId: RESIDENT,
  stationId: STATION,
  personal: 'v1.cipher.personal-at-registration',
  idNumberHash: 'hash-of-id-number',
  sex: 'female',
  origin: { province: '安徽省', city: '阜阳市' },
  arrivalDate: '2026-01-10',
  compound: '广瑞一村',
  occupation: 'factory worker',
  childrenNeedingSchool: [{ birthYear: 2019, schoolLevel: 'primary' }],
  consent: { given: true, recordedAt: '2026-01-10T03:00:00+08:00', scope: ['registry', 'services'] },
};

const registered: ResidentEvent = { type: 'registry.resident-registered', data: registration };
const movedOut: ResidentEvent = { type: 'registry.resident-moved-out', data: { residentId: RESIDENT, movedOutOn: '2026-08-01', reason: 'left the city' } };
const transferredOut: ResidentEvent = {
  type: 'registry.resident-transferred-out',
  data: { residentId: RESIDENT, toStationId: OTHER_STATION, transferredOn: '2026-08-01' },
};
const erased: ResidentEvent = {
  type: 'registry.resident-personal-data-erased',
  data: { residentId: RESIDENT, requestedBy: 'the resident', reason: 'asked to be forgotten' },
};
const permitApplied: ResidentEvent = { type: 'registry.residence-permit-applied', data: { residentId: RESIDENT, appliedOn: '2026-07-15' } };
const permitIssued: ResidentEvent = {
  type: 'registry.residence-permit-issued',
  data: { residentId: RESIDENT, issuedOn: '2026-07-20', validUntil: '2027-07-20' },
};
const permitLapsed: ResidentEvent = { type: 'registry.residence-permit-lapsed', data: { residentId: RESIDENT, lapsedOn: '2027-07-21' } };
const holdingPermit = [registered, permitApplied, permitIssued];

const spec = deciderSpec(residentDecider, { contracts: registryEventContracts });

function stateAfter(events: readonly ResidentEvent[]): ResidentState {
  return events.reduce(residentDecider.evolve, residentDecider.initialState());
}

describe('the resident', () => {
  describe('when a newcomer is registered', () => {
    it('takes them into view with their encrypted details', () => {
      const state = spec
        .given([])
        .when(command('RegisterResident', registration))
        .then([{ type: 'registry.resident-registered', data: registration }]);
      expect(state).toMatchObject({ status: 'present', resident: { residentId: RESIDENT, permit: { status: 'none' } } });
    });

    it('registers on the day of arrival counted at the station, ahead of UTC', () => {
      const arrivingToday = { ...registration, arrivalDate: '2026-09-02' };
      spec
        .given([])
        .when(command('RegisterResident', arrivingToday, '2026-09-01T17:00:00Z'))
        .then([{ type: 'registry.resident-registered', data: arrivingToday }]);
    });

    it('leaves out the details that were not given', () => {
      const { occupation: _occupation, ...withoutOccupation } = registration;
      const [event] = residentDecider.decide(command('RegisterResident', { ...withoutOccupation, occupation: undefined }), stateAfter([]));
      expect(Object.keys(event.data)).not.toContain('occupation');
    });

    it('rejects a second registration on the same stream', () => {
      spec.given([registered]).when(command('RegisterResident', registration)).thenRejects('resident-already-registered', { status: 409 });
    });

    it('rejects a registration on the stream of a resident who moved out', () => {
      spec
        .given([registered, movedOut])
        .when(command('RegisterResident', registration))
        .thenRejects('resident-already-registered', { status: 409, details: { status: 'moved-out' } });
    });

    it('rejects an arrival date after today', () => {
      spec
        .given([])
        .when(command('RegisterResident', { ...registration, arrivalDate: '2026-09-02' }))
        .thenRejects('arrival-date-in-future', { status: 422, details: { arrivalDate: '2026-09-02', today: '2026-09-01' } });
    });

    it('rejects an arrival date that is not a calendar date', () => {
      spec
        .given([])
        .when(command('RegisterResident', { ...registration, arrivalDate: '2026-02-30' }))
        .thenRejects('invalid-date', { status: 422, details: { field: 'arrivalDate' } });
    });

    it('rejects a registration without consent', () => {
      spec
        .given([])
        .when(command('RegisterResident', { ...registration, consent: { ...registration.consent, given: false } }))
        .thenRejects('consent-required', { status: 422 });
    });

    it('rejects a consent without a scope', () => {
      spec
        .given([])
        .when(command('RegisterResident', { ...registration, consent: { ...registration.consent, scope: [] } }))
        .thenRejects('consent-required', { status: 422 });
    });
  });

  describe('when details are corrected', () => {
    it('records only the details that actually change', () => {
      const state = spec
        .given([registered])
        .when(
          command('CorrectResidentDetails', {
            residentId: RESIDENT,
            sex: 'female',
            origin: { province: '河南省', city: '信阳市' },
            childrenNeedingSchool: [{ birthYear: 2019, schoolLevel: 'primary' }],
            reason: 'origin misheard at registration',
          }),
        )
        .then([
          {
            type: 'registry.resident-details-corrected',
            data: { residentId: RESIDENT, origin: { province: '河南省', city: '信阳市' }, reason: 'origin misheard at registration' },
          },
        ]);
      expect(state).toMatchObject({ status: 'present', resident: { origin: { province: '河南省', city: '信阳市' }, sex: 'female' } });
    });

    it('records a re-encrypted personal document and a new ID-number hash', () => {
      spec
        .given([registered])
        .when(
          command('CorrectResidentDetails', { residentId: RESIDENT, personal: 'v1.cipher.corrected', idNumberHash: 'hash-of-corrected-id', reason: 'typo in ID number' }),
        )
        .then([
          {
            type: 'registry.resident-details-corrected',
            data: { residentId: RESIDENT, personal: 'v1.cipher.corrected', idNumberHash: 'hash-of-corrected-id', reason: 'typo in ID number' },
          },
        ]);
    });

    it('still corrects the record of a resident who moved out', () => {
      spec
        .given([registered, movedOut])
        .when(command('CorrectResidentDetails', { residentId: RESIDENT, occupation: 'cook', reason: 'wrong occupation' }))
        .then([{ type: 'registry.resident-details-corrected', data: { residentId: RESIDENT, occupation: 'cook', reason: 'wrong occupation' } }]);
    });

    it('rejects a correction that changes nothing, counting earlier corrections', () => {
      const correctedOrigin: ResidentEvent = {
        type: 'registry.resident-details-corrected',
        data: { residentId: RESIDENT, origin: { province: '河南省', city: '信阳市' }, reason: 'misheard' },
      };
      spec
        .given([registered, correctedOrigin])
        .when(command('CorrectResidentDetails', { residentId: RESIDENT, origin: { province: '河南省', city: '信阳市' }, sex: 'female', reason: 'again' }))
        .thenRejects('correction-changes-nothing', { status: 422 });
    });

    it('rejects a correction without a reason', () => {
      spec
        .given([registered])
        .when(command('CorrectResidentDetails', { residentId: RESIDENT, occupation: 'cook', reason: '  ' }))
        .thenRejects('reason-required', { status: 422, details: { field: 'reason' } });
    });

    it('rejects a correction of a resident transferred to another station', () => {
      spec
        .given([registered, transferredOut])
        .when(command('CorrectResidentDetails', { residentId: RESIDENT, occupation: 'cook', reason: 'wrong occupation' }))
        .thenRejects('resident-transferred-out', { status: 409, details: { toStationId: OTHER_STATION } });
    });

    it('rejects a correction of a resident who was never registered', () => {
      spec
        .given([])
        .when(command('CorrectResidentDetails', { residentId: RESIDENT, occupation: 'cook', reason: 'wrong occupation' }))
        .thenRejects('resident-not-found', { status: 404 });
    });
  });

  describe('when the resident moves within the station', () => {
    it('records the new compound and address today unless told the day', () => {
      const state = spec
        .given([registered])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.new-address' }))
        .then([
          {
            type: 'registry.resident-moved-within-station',
            data: { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.new-address', movedOn: '2026-09-01' },
          },
        ]);
      expect(state).toMatchObject({ resident: { compound: '广瑞二村', personal: 'v1.cipher.new-address' } });
    });

    it('records a move on the day given', () => {
      spec
        .given([registered])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x', movedOn: '2026-08-15' }))
        .then([{ type: 'registry.resident-moved-within-station', data: { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x', movedOn: '2026-08-15' } }]);
    });

    it('rejects a move of a resident who moved out', () => {
      spec
        .given([registered, movedOut])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x' }))
        .thenRejects('resident-moved-out', { status: 409, details: { movedOutOn: '2026-08-01' } });
    });

    it('rejects a move of a resident transferred to another station', () => {
      spec
        .given([registered, transferredOut])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x' }))
        .thenRejects('resident-transferred-out', { status: 409 });
    });

    it('rejects a move dated in the future', () => {
      spec
        .given([registered])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x', movedOn: '2026-09-02' }))
        .thenRejects('date-in-future', { status: 422, details: { field: 'movedOn' } });
    });

    it('rejects a move dated before arrival', () => {
      spec
        .given([registered])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x', movedOn: '2026-01-09' }))
        .thenRejects('date-before-arrival', { status: 422, details: { arrivalDate: '2026-01-10' } });
    });

    it('rejects a move of a resident who was never registered', () => {
      spec
        .given([])
        .when(command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x' }))
        .thenRejects('resident-not-found', { status: 404 });
    });
  });

  describe('when the resident moves out', () => {
    it('records the day and the reason', () => {
      const state = spec
        .given([registered])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-08-01', reason: 'left the city' }))
        .then([movedOut]);
      expect(state).toMatchObject({ status: 'moved-out', movedOutOn: '2026-08-01' });
    });

    it('rejects a second move-out', () => {
      spec
        .given([registered, movedOut])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-08-02', reason: 'again' }))
        .thenRejects('resident-already-moved-out', { status: 409, details: { movedOutOn: '2026-08-01' } });
    });

    it('rejects a move-out of a resident transferred to another station', () => {
      spec
        .given([registered, transferredOut])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-08-02', reason: 'left' }))
        .thenRejects('resident-transferred-out', { status: 409 });
    });

    it('rejects a move-out without a reason', () => {
      spec
        .given([registered])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-08-01', reason: '' }))
        .thenRejects('reason-required', { status: 422 });
    });

    it('rejects a move-out dated in the future', () => {
      spec
        .given([registered])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-09-02', reason: 'leaving' }))
        .thenRejects('date-in-future', { status: 422 });
    });

    it('rejects a move-out dated before arrival', () => {
      spec
        .given([registered])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2025-12-31', reason: 'left' }))
        .thenRejects('date-before-arrival', { status: 422 });
    });

    it('rejects a move-out of a resident who was never registered', () => {
      spec
        .given([])
        .when(command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-08-01', reason: 'left' }))
        .thenRejects('resident-not-found', { status: 404 });
    });
  });

  describe('when the resident is transferred to another station', () => {
    it('records the receiving station, today unless told the day', () => {
      const state = spec
        .given([registered])
        .when(command('TransferOut', { residentId: RESIDENT, toStationId: OTHER_STATION }))
        .then([{ type: 'registry.resident-transferred-out', data: { residentId: RESIDENT, toStationId: OTHER_STATION, transferredOn: '2026-09-01' } }]);
      expect(state).toMatchObject({ status: 'transferred-out', toStationId: OTHER_STATION });
    });

    it('does nothing when the same transfer is retried', () => {
      spec.given([registered, transferredOut]).when(command('TransferOut', { residentId: RESIDENT, toStationId: OTHER_STATION })).then([]);
    });

    it('rejects a transfer to yet another station after the first', () => {
      spec
        .given([registered, transferredOut])
        .when(command('TransferOut', { residentId: RESIDENT, toStationId: 'third-station' }))
        .thenRejects('resident-transferred-out', { status: 409, details: { toStationId: OTHER_STATION } });
    });

    it('rejects a transfer to the station the resident is at', () => {
      spec
        .given([registered])
        .when(command('TransferOut', { residentId: RESIDENT, toStationId: STATION }))
        .thenRejects('transfer-to-same-station', { status: 422 });
    });

    it('rejects a transfer of a resident who moved out', () => {
      spec
        .given([registered, movedOut])
        .when(command('TransferOut', { residentId: RESIDENT, toStationId: OTHER_STATION }))
        .thenRejects('resident-moved-out', { status: 409 });
    });

    it('rejects a transfer dated before arrival', () => {
      spec
        .given([registered])
        .when(command('TransferOut', { residentId: RESIDENT, toStationId: OTHER_STATION, transferredOn: '2026-01-01' }))
        .thenRejects('date-before-arrival', { status: 422 });
    });

    it('rejects a transfer of a resident who was never registered', () => {
      spec
        .given([])
        .when(command('TransferOut', { residentId: RESIDENT, toStationId: OTHER_STATION }))
        .thenRejects('resident-not-found', { status: 404 });
    });
  });

  describe('when the receiving station takes the transfer', () => {
    const sendingState = stateAfter([...holdingPermit, transferredOut]);
    const received = transferSnapshot(sendingState, { compound: '广益新村', personal: 'v1.cipher.address-at-guangyi' });

    it('builds the snapshot from the sending stream, permit included, with the new compound and address', () => {
      expect(received).toEqual({
        residentId: RESIDENT,
        stationId: OTHER_STATION,
        fromStationId: STATION,
        transferredOn: '2026-08-01',
        personal: 'v1.cipher.address-at-guangyi',
        idNumberHash: 'hash-of-id-number',
        sex: 'female',
        origin: { province: '安徽省', city: '阜阳市' },
        arrivalDate: '2026-01-10',
        compound: '广益新村',
        occupation: 'factory worker',
        childrenNeedingSchool: [{ birthYear: 2019, schoolLevel: 'primary' }],
        consent: registration.consent,
        permit: { status: 'issued', appliedOn: '2026-07-15', issuedOn: '2026-07-20', validUntil: '2027-07-20' },
      });
    });

    it('keeps the personal document when the new address is not known yet', () => {
      expect(transferSnapshot(sendingState, { compound: '广益新村' }).personal).toBe(registration.personal);
    });

    it('opens the resident at the new station, holding the same permit', () => {
      const state = spec.given([]).when(command('ReceiveTransfer', received)).then([{ type: 'registry.resident-transferred-in', data: received }]);
      expect(state).toMatchObject({
        status: 'present',
        resident: { stationId: OTHER_STATION, compound: '广益新村', permit: { status: 'issued', validUntil: '2027-07-20' } },
      });
    });

    it('does nothing when the same transfer is received again', () => {
      spec.given([{ type: 'registry.resident-transferred-in', data: received }]).when(command('ReceiveTransfer', received)).then([]);
    });

    it('takes back a resident who once left this station by transfer', () => {
      const back = { ...received, stationId: STATION, fromStationId: OTHER_STATION, transferredOn: '2026-08-20', compound: '广瑞一村' };
      spec.given([registered, transferredOut]).when(command('ReceiveTransfer', back)).then([{ type: 'registry.resident-transferred-in', data: back }]);
    });

    it('takes back by transfer a resident who moved out of this station and returned to another since', () => {
      const back = { ...received, stationId: STATION, fromStationId: OTHER_STATION, transferredOn: '2026-08-20', compound: '广瑞一村' };
      spec.given([registered, movedOut]).when(command('ReceiveTransfer', back)).then([{ type: 'registry.resident-transferred-in', data: back }]);
    });

    it('rejects a transfer onto a stream where the resident is present', () => {
      const onto = { ...received, stationId: STATION, fromStationId: 'third-station' };
      spec.given([registered]).when(command('ReceiveTransfer', onto)).thenRejects('resident-already-registered', { status: 409 });
    });

    it('rejects a transfer from the receiving station itself', () => {
      spec
        .given([])
        .when(command('ReceiveTransfer', { ...received, fromStationId: OTHER_STATION }))
        .thenRejects('transfer-to-same-station', { status: 422 });
    });

    it('refuses to build a snapshot of a resident who was not transferred out', () => {
      expect(() => transferSnapshot(stateAfter([registered]), { compound: '广益新村' })).toThrow(
        expect.objectContaining({ code: 'resident-not-transferred-out', status: 409 }),
      );
    });
  });

  describe('when the resident applies for a residence permit', () => {
    it('accepts the application six months after arrival', () => {
      spec
        .given([registered])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT }, '2026-07-10'))
        .then([{ type: 'registry.residence-permit-applied', data: { residentId: RESIDENT, appliedOn: '2026-07-10' } }]);
    });

    it('rejects an application before six months, saying from when it is possible', () => {
      spec
        .given([registered])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT }, '2026-07-09'))
        .thenRejects('permit-not-yet-eligible', { status: 422, details: { eligibleFrom: '2026-07-10' } });
    });

    it('counts six months from a month end to the end of a shorter month', () => {
      const lateInAugust: ResidentEvent = { type: 'registry.resident-registered', data: { ...registration, arrivalDate: '2025-08-31' } };
      spec
        .given([lateInAugust])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT }, '2026-02-27'))
        .thenRejects('permit-not-yet-eligible', { details: { eligibleFrom: '2026-02-28' } });
      spec
        .given([lateInAugust])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT }, '2026-02-28'))
        .then([{ type: 'registry.residence-permit-applied', data: { residentId: RESIDENT, appliedOn: '2026-02-28' } }]);
    });

    it('rejects a second application', () => {
      spec.given([registered, permitApplied]).when(command('ApplyForResidencePermit', { residentId: RESIDENT })).thenRejects('permit-already-applied', { status: 409 });
    });

    it('rejects an application while a permit is held', () => {
      spec.given(holdingPermit).when(command('ApplyForResidencePermit', { residentId: RESIDENT })).thenRejects('permit-already-issued', { status: 409 });
    });

    it('rejects an application for a lapsed permit, which is restored instead', () => {
      spec
        .given([...holdingPermit, permitLapsed])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT }, '2027-08-01'))
        .thenRejects('permit-lapsed', { status: 409 });
    });

    it('rejects an application dated in the future', () => {
      spec
        .given([registered])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT, appliedOn: '2026-09-05' }))
        .thenRejects('date-in-future', { status: 422 });
    });

    it('rejects an application of a resident who moved out', () => {
      spec.given([registered, movedOut]).when(command('ApplyForResidencePermit', { residentId: RESIDENT })).thenRejects('resident-moved-out', { status: 409 });
    });
  });

  describe('when the residence permit is issued', () => {
    it('records it valid for one year from the day of issue', () => {
      const state = spec
        .given([registered, permitApplied])
        .when(command('IssueResidencePermit', { residentId: RESIDENT, issuedOn: '2026-07-20' }))
        .then([permitIssued]);
      expect(state).toMatchObject({ resident: { permit: { status: 'issued', appliedOn: '2026-07-15', validUntil: '2027-07-20' } } });
    });

    it('rejects an issue without an application', () => {
      spec.given([registered]).when(command('IssueResidencePermit', { residentId: RESIDENT })).thenRejects('permit-not-applied', { status: 409 });
    });

    it('rejects a second issue', () => {
      spec.given(holdingPermit).when(command('IssueResidencePermit', { residentId: RESIDENT })).thenRejects('permit-already-issued', { status: 409 });
    });

    it('rejects an issue of a lapsed permit', () => {
      spec
        .given([...holdingPermit, permitLapsed])
        .when(command('IssueResidencePermit', { residentId: RESIDENT }, '2027-08-01'))
        .thenRejects('permit-lapsed', { status: 409 });
    });

    it('rejects an issue dated before the application', () => {
      spec
        .given([registered, permitApplied])
        .when(command('IssueResidencePermit', { residentId: RESIDENT, issuedOn: '2026-07-14' }))
        .thenRejects('permit-issued-before-application', { status: 422, details: { appliedOn: '2026-07-15' } });
    });
  });

  describe('when the residence permit is endorsed for another year', () => {
    it('accepts the endorsement on the first day of the month before the anniversary', () => {
      const state = spec
        .given(holdingPermit)
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }, '2027-06-01'))
        .then([{ type: 'registry.residence-permit-endorsed', data: { residentId: RESIDENT, endorsedOn: '2027-06-01', validUntil: '2028-07-20' } }]);
      expect(state).toMatchObject({ resident: { permit: { status: 'issued', validUntil: '2028-07-20' } } });
    });

    it('accepts the endorsement on the last valid day', () => {
      spec
        .given(holdingPermit)
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }, '2027-07-20'))
        .then([{ type: 'registry.residence-permit-endorsed', data: { residentId: RESIDENT, endorsedOn: '2027-07-20', validUntil: '2028-07-20' } }]);
    });

    it('rejects an endorsement before the window opens, saying when it does', () => {
      spec
        .given(holdingPermit)
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }, '2027-05-31'))
        .thenRejects('endorsement-window-not-open', { status: 422, details: { opensOn: '2027-06-01', closesOn: '2027-07-20' } });
    });

    it('rejects a second endorsement in the same year', () => {
      const endorsed: ResidentEvent = {
        type: 'registry.residence-permit-endorsed',
        data: { residentId: RESIDENT, endorsedOn: '2027-06-01', validUntil: '2028-07-20' },
      };
      spec
        .given([...holdingPermit, endorsed])
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }, '2027-06-02'))
        .thenRejects('endorsement-window-not-open', { details: { opensOn: '2028-06-01' } });
    });

    it('rejects an endorsement after the permit expired', () => {
      spec
        .given(holdingPermit)
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }, '2027-07-21'))
        .thenRejects('endorsement-window-closed', { status: 422 });
    });

    it('rejects an endorsement without a permit', () => {
      spec
        .given([registered, permitApplied])
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }))
        .thenRejects('permit-not-issued', { status: 409 });
    });

    it('rejects an endorsement of a lapsed permit', () => {
      spec
        .given([...holdingPermit, permitLapsed])
        .when(command('EndorseResidencePermit', { residentId: RESIDENT }, '2027-08-01'))
        .thenRejects('permit-lapsed', { status: 409 });
    });
  });

  describe('when a residence permit is marked lapsed', () => {
    it('records the lapse from the day after the last valid day', () => {
      const state = spec.given(holdingPermit).when(command('MarkResidencePermitLapsed', { residentId: RESIDENT }, '2027-08-15')).then([permitLapsed]);
      expect(state).toMatchObject({ resident: { permit: { status: 'lapsed', validUntil: '2027-07-20' } } });
    });

    it('rejects marking a permit lapsed on its last valid day', () => {
      spec
        .given(holdingPermit)
        .when(command('MarkResidencePermitLapsed', { residentId: RESIDENT }, '2027-07-20'))
        .thenRejects('permit-still-valid', { status: 409, details: { validUntil: '2027-07-20' } });
    });

    it('rejects marking an endorsed permit lapsed at its former expiry', () => {
      const endorsed: ResidentEvent = {
        type: 'registry.residence-permit-endorsed',
        data: { residentId: RESIDENT, endorsedOn: '2027-06-01', validUntil: '2028-07-20' },
      };
      spec
        .given([...holdingPermit, endorsed])
        .when(command('MarkResidencePermitLapsed', { residentId: RESIDENT }, '2027-07-21'))
        .thenRejects('permit-still-valid', { details: { validUntil: '2028-07-20' } });
    });

    it('does nothing for a permit already marked lapsed', () => {
      spec.given([...holdingPermit, permitLapsed]).when(command('MarkResidencePermitLapsed', { residentId: RESIDENT }, '2027-09-01')).then([]);
    });

    it('rejects marking lapsed a permit that was never issued', () => {
      spec.given([registered, permitApplied]).when(command('MarkResidencePermitLapsed', { residentId: RESIDENT })).thenRejects('permit-not-issued', { status: 409 });
    });
  });

  describe('when a lapsed residence permit is restored', () => {
    it('makes it valid for one year from the day of restoration', () => {
      const state = spec
        .given([...holdingPermit, permitLapsed])
        .when(command('RestoreResidencePermit', { residentId: RESIDENT }, '2027-09-03'))
        .then([{ type: 'registry.residence-permit-restored', data: { residentId: RESIDENT, restoredOn: '2027-09-03', validUntil: '2028-09-03' } }]);
      expect(state).toMatchObject({ resident: { permit: { status: 'issued', validUntil: '2028-09-03' } } });
    });

    it('rejects restoring a permit that has not lapsed', () => {
      spec
        .given(holdingPermit)
        .when(command('RestoreResidencePermit', { residentId: RESIDENT }, '2027-09-03'))
        .thenRejects('permit-not-lapsed', { status: 409, details: { permit: { status: 'issued' } } });
    });

    it('rejects a restoration dated before the lapse', () => {
      spec
        .given([...holdingPermit, permitLapsed])
        .when(command('RestoreResidencePermit', { residentId: RESIDENT, restoredOn: '2027-07-20' }, '2027-09-03'))
        .thenRejects('restoration-before-lapse', { status: 422, details: { lapsedOn: '2027-07-21' } });
    });
  });

  describe("when the resident's personal data is erased", () => {
    const erasure = { residentId: RESIDENT, requestedBy: 'the resident', reason: 'asked to be forgotten' };

    it('records the erasure of a resident at the station', () => {
      const state = spec.given([registered]).when(command('ErasePersonalData', erasure)).then([erased]);
      expect(state).toEqual({ status: 'erased', residentId: RESIDENT, stationId: STATION, idNumberHash: 'hash-of-id-number' });
    });

    it('remembers the household of the erased resident, so it can be taken off its member list', () => {
      const state = spec.given([{ ...registered, data: { ...registration, householdId: 'hh-1' } }]).when(command('ErasePersonalData', erasure)).then([erased]);
      expect(state).toMatchObject({ status: 'erased', householdId: 'hh-1' });
    });

    it('has no household left to leave', () => {
      spec.given([{ ...registered, data: { ...registration, householdId: 'hh-1' } }, erased]).when(command('LeaveHousehold', { residentId: RESIDENT, householdId: 'hh-1' })).then([]);
    });

    it('erases a resident who moved out as well', () => {
      spec.given([registered, movedOut]).when(command('ErasePersonalData', erasure)).then([erased]);
    });

    it('does nothing on a second erasure', () => {
      spec.given([registered, erased]).when(command('ErasePersonalData', erasure)).then([]);
    });

    it('rejects an erasure without a reason', () => {
      spec.given([registered]).when(command('ErasePersonalData', { ...erasure, reason: '' })).thenRejects('reason-required', { status: 422 });
    });

    it('rejects an erasure without saying who asked for it', () => {
      spec
        .given([registered])
        .when(command('ErasePersonalData', { ...erasure, requestedBy: ' ' }))
        .thenRejects('requester-required', { status: 422, details: { field: 'requestedBy' } });
    });

    it('rejects an erasure of a resident who was never registered', () => {
      spec.given([]).when(command('ErasePersonalData', erasure)).thenRejects('resident-not-found', { status: 404 });
    });

    it.each<ResidentCommand>([
      command('RegisterResident', registration),
      command('CorrectResidentDetails', { residentId: RESIDENT, occupation: 'cook', reason: 'wrong' }),
      command('MoveWithinStation', { residentId: RESIDENT, compound: '广瑞二村', personal: 'v1.cipher.x' }),
      command('MoveOut', { residentId: RESIDENT, movedOutOn: '2026-08-01', reason: 'left' }),
      command('TransferOut', { residentId: RESIDENT, toStationId: OTHER_STATION }),
      command('ReceiveTransfer', { ...transferSnapshot(stateAfter([registered, transferredOut]), { compound: '广益新村' }), stationId: STATION, fromStationId: 'x' }),
      command('ApplyForResidencePermit', { residentId: RESIDENT }),
      command('IssueResidencePermit', { residentId: RESIDENT }),
      command('EndorseResidencePermit', { residentId: RESIDENT }),
      command('MarkResidencePermitLapsed', { residentId: RESIDENT }),
      command('RestoreResidencePermit', { residentId: RESIDENT }),
      command('ReturnResident', returnSnapshot(stateAfter([registered, movedOut]), { stationId: STATION, arrivalDate: '2026-08-20', compound: '广瑞一村', personal: 'c' })),
      command('JoinHousehold', { residentId: RESIDENT, householdId: 'hh-1' }),
    ])('then rejects $type', (rejected) => {
      spec.given([registered, erased]).when(rejected).thenRejects('resident-erased', { status: 409, details: { residentId: RESIDENT } });
    });
  });

  describe('when a resident who moved out returns', () => {
    const movedOutFromHere = stateAfter([...holdingPermit, movedOut]);
    const arrival = { stationId: OTHER_STATION, arrivalDate: '2026-08-25', compound: '广益新村', personal: 'v1.cipher.address-at-guangyi' };
    const comingBack = returnSnapshot(movedOutFromHere, arrival);
    const returned = (data = comingBack): ResidentEvent => ({ type: 'registry.resident-returned', data });

    it('builds the return from the stream they moved out of, permit included, with the new arrival and address', () => {
      expect(comingBack).toEqual({
        residentId: RESIDENT,
        stationId: OTHER_STATION,
        fromStationId: STATION,
        movedOutOn: '2026-08-01',
        arrivalDate: '2026-08-25',
        personal: 'v1.cipher.address-at-guangyi',
        idNumberHash: 'hash-of-id-number',
        sex: 'female',
        origin: { province: '安徽省', city: '阜阳市' },
        compound: '广益新村',
        occupation: 'factory worker',
        childrenNeedingSchool: [{ birthYear: 2019, schoolLevel: 'primary' }],
        consent: registration.consent,
        permit: { status: 'issued', appliedOn: '2026-07-15', issuedOn: '2026-07-20', validUntil: '2027-07-20' },
      });
    });

    it('takes a new occupation and a household of the receiving station when given', () => {
      expect(returnSnapshot(movedOutFromHere, { ...arrival, occupation: 'courier', householdId: 'hh-9' })).toMatchObject({
        occupation: 'courier',
        householdId: 'hh-9',
      });
    });

    it('opens the resident at another station of the district, present again from the day of return', () => {
      const state = spec.given([]).when(command('ReturnResident', comingBack)).then([returned()]);
      expect(state).toMatchObject({
        status: 'present',
        resident: {
          stationId: OTHER_STATION,
          arrivalDate: '2026-08-25',
          compound: '广益新村',
          permit: { status: 'issued', validUntil: '2027-07-20' },
          arrivedBy: { kind: 'return', fromStationId: STATION, movedOutOn: '2026-08-01' },
        },
      });
    });

    it('reopens the same stream when they return to the station they left', () => {
      const here = returnSnapshot(movedOutFromHere, { ...arrival, stationId: STATION, compound: '广瑞一村' });
      const state = spec.given([...holdingPermit, movedOut]).when(command('ReturnResident', here)).then([returned(here)]);
      expect(state).toMatchObject({ status: 'present', resident: { stationId: STATION, arrivalDate: '2026-08-25' } });
    });

    it('returns on the very day they moved out', () => {
      const sameDay = { ...comingBack, arrivalDate: '2026-08-01' };
      spec.given([]).when(command('ReturnResident', sameDay)).then([returned(sameDay)]);
    });

    it('counts six months of residence again from the return for a permit application', () => {
      const back = { ...comingBack, permit: { status: 'none' as const } };
      spec
        .given([returned(back)])
        .when(command('ApplyForResidencePermit', { residentId: RESIDENT }, '2026-12-01'))
        .thenRejects('permit-not-yet-eligible', { status: 422, details: { arrivalDate: '2026-08-25' } });
    });

    it('takes them back onto a stream they once left by transfer', () => {
      spec.given([registered, transferredOut]).when(command('ReturnResident', comingBack)).then([returned()]);
    });

    it('does nothing when the same return is recorded again', () => {
      spec.given([returned()]).when(command('ReturnResident', comingBack)).then([]);
    });

    it('rejects a return onto a stream where the resident is present', () => {
      spec
        .given([registered])
        .when(command('ReturnResident', { ...comingBack, stationId: STATION }))
        .thenRejects('resident-already-registered', { status: 409, details: { status: 'present' } });
    });

    it('rejects a return dated after today', () => {
      spec
        .given([])
        .when(command('ReturnResident', { ...comingBack, arrivalDate: '2026-09-02' }))
        .thenRejects('arrival-date-in-future', { status: 422, details: { today: '2026-09-01' } });
    });

    it('rejects a return dated before the move-out', () => {
      spec
        .given([])
        .when(command('ReturnResident', { ...comingBack, arrivalDate: '2026-07-31' }))
        .thenRejects('return-before-move-out', { status: 422, details: { movedOutOn: '2026-08-01' } });
    });

    it('rejects a return date that is not a calendar date', () => {
      spec
        .given([])
        .when(command('ReturnResident', { ...comingBack, arrivalDate: '2026-02-30' }))
        .thenRejects('invalid-date', { status: 422, details: { field: 'arrivalDate' } });
    });

    it.each<[string, readonly ResidentEvent[], Record<string, unknown>]>([
      ['is present', [registered], { status: 'present', stationId: STATION }],
      ['was transferred', [registered, transferredOut], { status: 'transferred-out', stationId: OTHER_STATION }],
      ['was never registered', [], { status: 'unregistered' }],
    ])('refuses to build a return for a resident who %s', (_label, history, details) => {
      expect(() => returnSnapshot(stateAfter(history), arrival)).toThrow(expect.objectContaining({ code: 'resident-not-moved-out', status: 409, details }));
    });
  });

  describe("when the resident's household membership is mirrored", () => {
    const join = (householdId = 'hh-1') => command('JoinHousehold', { residentId: RESIDENT, householdId });
    const leave = (householdId = 'hh-1') => command('LeaveHousehold', { residentId: RESIDENT, householdId });
    const joined = (householdId = 'hh-1'): ResidentEvent => ({ type: 'registry.resident-joined-household', data: { residentId: RESIDENT, householdId } });
    const left = (householdId = 'hh-1'): ResidentEvent => ({ type: 'registry.resident-left-household', data: { residentId: RESIDENT, householdId } });

    it('records the household the resident joined', () => {
      const state = spec.given([registered]).when(join()).then([joined()]);
      expect(state).toMatchObject({ resident: { householdId: 'hh-1' } });
    });

    it('does nothing when the resident is already in that household', () => {
      spec.given([{ ...registered, data: { ...registration, householdId: 'hh-1' } }]).when(join()).then([]);
    });

    it('follows the resident into another household', () => {
      spec.given([registered, joined('hh-1')]).when(join('hh-2')).then([joined('hh-2')]);
    });

    it('rejects joining a household for a resident who moved out', () => {
      spec.given([registered, movedOut]).when(join()).thenRejects('resident-moved-out', { status: 409 });
    });

    it('rejects joining a household for a resident never registered here', () => {
      spec.given([]).when(join()).thenRejects('resident-not-found', { status: 404 });
    });

    it('records leaving the household', () => {
      const state = spec.given([registered, joined()]).when(leave()).then([left()]);
      expect(state).toMatchObject({ status: 'present' });
      expect(state.status === 'present' && 'householdId' in state.resident).toBe(false);
    });

    it('lets a resident who moved out leave their household', () => {
      const state = spec.given([registered, joined(), movedOut]).when(leave()).then([left()]);
      expect(state).toMatchObject({ status: 'moved-out' });
    });

    it('does nothing when the resident is not in that household', () => {
      spec.given([registered, joined('hh-2')]).when(leave('hh-1')).then([]);
      spec.given([registered]).when(leave()).then([]);
    });

    it('rejects leaving for a resident never registered here', () => {
      spec.given([]).when(leave()).thenRejects('resident-not-found', { status: 404 });
    });
  });
});
