import { deciderSpec } from '@kinship/testing';
import { metadata, specOptions, STATION, TODAY } from '../testing/decider-fixtures';
import { ServiceContractCommand, serviceContractDecider, ServiceContractEvent } from './service-contract.decider';

const spec = deciderSpec(serviceContractDecider, specOptions);
const contractId = 'contract-1';
const terms = {
  contractId,
  stationId: STATION,
  service: 'child-day-care',
  purchaser: '梁溪区民政局',
  unit: 'child-day',
  unitPriceFen: 3_000,
  startsOn: '2026-03-01',
  endsOn: '2026-12-31',
  reference: 'LX-GM-2026-017',
};
const signed: ServiceContractEvent = { type: 'brokerage.service-contract-signed', data: terms };
const delivered = (deliveredOn: string, units: number): ServiceContractEvent => ({ type: 'brokerage.service-units-delivered', data: { contractId, deliveredOn, units } });
const claimed: ServiceContractEvent = {
  type: 'brokerage.service-claim-submitted',
  data: { contractId, claimId: 'claim-1', period: '2026-04', units: 45, amountFen: 135_000, submittedOn: '2026-05-02' },
};

type Data<T extends ServiceContractCommand['type']> = Omit<Extract<ServiceContractCommand, { type: T }>['data'], 'contractId'>;
const command = <T extends ServiceContractCommand['type']>(type: T, data: Data<T>) =>
  ({ type, data: { contractId, ...data }, metadata: metadata() }) as unknown as Extract<ServiceContractCommand, { type: T }>;
const receive = (data: Partial<Data<'RecordGrantReceipt'>> = {}) =>
  command('RecordGrantReceipt', { claimId: 'claim-1', amountFen: 135_000, reference: 'CZ-1', final: false, receivedOn: '2026-05-18', ...data });

describe('a government service contract', () => {
  describe('when signed', () => {
    it('records the service, the unit price and the term', () => {
      spec.given([]).when(command('SignServiceContract', terms)).then([signed]);
    });

    it('rejects signing twice, a term that ends before it starts and a price of nothing', () => {
      spec.given([signed]).when(command('SignServiceContract', terms)).thenRejects('contract-already-exists', { status: 409 });
      spec.given([]).when(command('SignServiceContract', { ...terms, endsOn: '2026-02-28' })).thenRejects('contract-term-invalid');
      spec.given([]).when(command('SignServiceContract', { ...terms, unitPriceFen: 0 })).thenRejects('invalid-amount');
    });
  });

  describe('when units are delivered', () => {
    it('records the units of the day', () => {
      spec.given([signed]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: 23 })).then([delivered('2026-04-01', 23)]);
    });

    it('corrects a day with a reason, keeping the earlier count', () => {
      spec.given([signed, delivered('2026-04-01', 23)]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: 21, correctionReason: 'counted twice' })).then([
        { type: 'brokerage.service-units-delivered', data: { contractId, deliveredOn: '2026-04-01', units: 21, previousUnits: 23, correctionReason: 'counted twice' } },
      ]);
    });

    it('rejects a day recorded again without a reason, a correction that changes nothing and one of a day never recorded', () => {
      spec.given([signed, delivered('2026-04-01', 23)]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: 21 })).thenRejects('delivery-already-recorded', { status: 409 });
      spec.given([signed, delivered('2026-04-01', 23)]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: 23, correctionReason: 'x' })).thenRejects('delivery-unchanged');
      spec.given([signed]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: 2, correctionReason: 'x' })).thenRejects('nothing-to-correct');
    });

    it('rejects a day outside the term, in the future, in a month already claimed, and a negative count', () => {
      spec.given([signed]).when(command('RecordDelivery', { deliveredOn: '2026-02-28', units: 1 })).thenRejects('delivery-outside-contract');
      spec.given([signed]).when(command('RecordDelivery', { deliveredOn: '2026-05-21', units: 1 })).thenRejects('date-in-future');
      spec.given([signed, delivered('2026-04-01', 45), claimed]).when(command('RecordDelivery', { deliveredOn: '2026-04-02', units: 1 })).thenRejects('period-already-claimed');
      spec.given([signed]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: -1 })).thenRejects('invalid-units');
      spec.given([]).when(command('RecordDelivery', { deliveredOn: '2026-04-01', units: 1 })).thenRejects('contract-not-found', { status: 404 });
    });
  });

  describe('when a month is claimed', () => {
    it('claims the units delivered in the month at the unit price', () => {
      spec
        .given([signed, delivered('2026-03-31', 10), delivered('2026-04-01', 20), delivered('2026-04-02', 25), delivered('2026-05-01', 7)])
        .when(command('SubmitClaim', { claimId: 'claim-1', period: '2026-04' }))
        .then([{ ...claimed, data: { ...claimed.data, submittedOn: TODAY } }]);
    });

    it('rejects a month not ended, claimed already, outside the term, or with nothing delivered', () => {
      spec.given([signed, delivered('2026-05-01', 1)]).when(command('SubmitClaim', { claimId: 'c', period: '2026-05' })).thenRejects('period-not-ended');
      spec.given([signed, delivered('2026-04-01', 45), claimed]).when(command('SubmitClaim', { claimId: 'c', period: '2026-04' })).thenRejects('period-already-claimed');
      spec.given([signed]).when(command('SubmitClaim', { claimId: 'c', period: '2026-02' })).thenRejects('period-outside-contract');
      spec.given([signed, delivered('2026-04-01', 0)]).when(command('SubmitClaim', { claimId: 'c', period: '2026-04' })).thenRejects('nothing-to-claim');
      spec.given([signed]).when(command('SubmitClaim', { claimId: 'c', period: 'April' })).thenRejects('invalid-period');
    });
  });

  describe('when the grant arrives', () => {
    it('records a payment of the claim in full', () => {
      spec.given([signed, delivered('2026-04-01', 45), claimed]).when(receive()).then([
        { type: 'brokerage.grant-received', data: { contractId, claimId: 'claim-1', amountFen: 135_000, receivedOn: '2026-05-18', reference: 'CZ-1', shortfallWrittenOffFen: 0 } },
      ]);
    });

    it('writes off what the district does not pay on the final payment', () => {
      spec.given([signed, delivered('2026-04-01', 45), claimed]).when(receive({ amountFen: 120_000, final: true })).then([
        { type: 'brokerage.grant-received', data: { contractId, claimId: 'claim-1', amountFen: 120_000, receivedOn: '2026-05-18', reference: 'CZ-1', shortfallWrittenOffFen: 15_000 } },
      ]);
    });

    it('rejects more than is outstanding, nothing on a payment that is not final, a settled claim and an unknown one', () => {
      const settled: ServiceContractEvent = {
        type: 'brokerage.grant-received',
        data: { contractId, claimId: 'claim-1', amountFen: 135_000, receivedOn: '2026-05-18', reference: 'CZ-1', shortfallWrittenOffFen: 0 },
      };
      spec.given([signed, claimed]).when(receive({ amountFen: 135_001 })).thenRejects('receipt-exceeds-claim');
      spec.given([signed, claimed]).when(receive({ amountFen: 0 })).thenRejects('invalid-amount');
      spec.given([signed, claimed, settled]).when(receive()).thenRejects('claim-settled', { status: 409 });
      spec.given([signed]).when(receive()).thenRejects('claim-not-found', { status: 404 });
      spec.given([signed, claimed]).when(receive({ receivedOn: '2026-05-01' })).thenRejects('date-too-early');
      spec.given([signed, claimed]).when(receive({ reference: '' })).thenRejects('reference-required');
    });
  });
});
