import { BrokerageWriter } from '../brokerage-testing/brokerage-writer';
import { contentsOf, replay } from '../brokerage-testing/replay';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { brokerageListingsProjection } from './brokerage-listings.projection';

describe('the listings projection', () => {
  let infra: TestInfrastructure;
  const projection = () => brokerageListingsProjection({ org: infra.org });

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    const write = new BrokerageWriter(infra.events, infra.cipher);
    const landlord = await write.landlord('guangrui-1');
    const { listingId } = await write.listing('guangrui-1', landlord);
    const residentId = '01960000-0000-7000-8000-0000000000b1';
    await infra.registry.register('guangrui-1', residentId);
    const requestId = await write.housingRequest('guangrui-1', residentId, undefined, 'notes');
    await write.viewing('guangrui-1', residentId, requestId, listingId);
    await write.letListing('guangrui-1', listingId, 'lease-1');
    await write.housed('guangrui-1', residentId, requestId, 'lease-1');
    await write.eraseLandlord('guangrui-1', landlord, infra.keys);
    await infra.registry.erase('guangrui-1', residentId, infra.keys);
  });

  afterAll(async () => {
    await infra.close();
  });

  it('reads the same after every event was delivered twice', async () => {
    const once = await contentsOf(projection(), await replay(infra, projection()));
    const twice = await contentsOf(projection(), await replay(infra, projection(), { times: 2 }));
    expect(twice).toEqual(once);
    expect(once['housing-requests']).toEqual([expect.objectContaining({ status: 'housed', notes: null, viewings: [expect.anything()] })]);
    expect(once['listings']).toEqual([expect.objectContaining({ status: 'let', leaseId: 'lease-1' })]);
    expect(once['landlords']).toEqual([expect.objectContaining({ contact: null })]);
  });
});
