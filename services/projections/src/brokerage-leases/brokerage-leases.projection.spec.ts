import { BrokerageWriter } from '../brokerage-testing/brokerage-writer';
import { contentsOf, replay } from '../brokerage-testing/replay';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { brokerageLeasesProjection } from './brokerage-leases.projection';

describe('the leases projection', () => {
  let infra: TestInfrastructure;
  const projection = () => brokerageLeasesProjection({ org: infra.org });

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    const write = new BrokerageWriter(infra.events, infra.cipher);
    const residentId = '01960000-0000-7000-8000-0000000000c1';
    await infra.registry.register('guangrui-1', residentId);
    const { listingId } = await write.listing('guangrui-1', await write.landlord('guangrui-1'));
    const leaseId = await write.lease('guangrui-1', listingId, residentId);
    const invoiceId = await write.invoice('guangrui-1', leaseId, residentId, 36_000);
    await write.payment('guangrui-1', invoiceId, 30_000);
    await write.waiver('guangrui-1', invoiceId, residentId, 6_000, 'hardship');
    await write.endLease('guangrui-1', leaseId, listingId, residentId);
  });

  afterAll(async () => {
    await infra.close();
  });

  it('reads the same after every event was delivered twice', async () => {
    const once = await contentsOf(projection(), await replay(infra, projection()));
    const twice = await contentsOf(projection(), await replay(infra, projection(), { times: 2 }));
    expect(twice).toEqual(once);
    expect(once['invoices']).toEqual([expect.objectContaining({ paidFen: 30_000, waivedFen: 6_000, outstandingFen: 0, status: 'paid', payments: [expect.anything()] })]);
    expect(once['leases']).toEqual([expect.objectContaining({ status: 'ended' })]);
  });
});
