import { BrokerageWriter } from '../brokerage-testing/brokerage-writer';
import { openReadApp, ReadApp } from '../brokerage-testing/read-app';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';

/** Listings and housing requests over HTTP: what a clerk searches and matches, and who sees whose details. */

let infra: TestInfrastructure;
let read: ReadApp;
let head: number;
const ids = { landlord: '', erasedLandlord: '', near: '', cheap: '', unlisted: '', dear: '', guangyi: '', ofErased: '', request: '', erasedRequest: '' };
const resident = '01960000-0000-7000-8000-000000000001';
const erasedResident = '01960000-0000-7000-8000-000000000002';

beforeAll(async () => {
  infra = await openTestInfrastructure();
  const write = new BrokerageWriter(infra.events, infra.cipher);
  ids.landlord = await write.landlord('guangrui-1');
  ids.near = (await write.listing('guangrui-1', ids.landlord, { nearby: ['广瑞路工业园'] })).listingId;
  ids.cheap = (await write.listing('guangrui-1', ids.landlord, { compound: '广瑞二村', monthlyRentFen: 90_000, rooms: 1, areaSqm: 20 })).listingId;
  ids.unlisted = (await write.listing('guangrui-1', ids.landlord, { monthlyRentFen: 80_000 }, false)).listingId;
  ids.dear = (await write.listing('guangrui-1', ids.landlord, { monthlyRentFen: 200_000, rooms: 3, areaSqm: 80 })).listingId;
  ids.guangyi = (await write.listing('guangyi', await write.landlord('guangyi'), { compound: '广益新村' })).listingId;
  ids.erasedLandlord = await write.landlord('guangrui-1', { name: '刘芳', phone: '13800000009' });
  ids.ofErased = (await write.listing('guangrui-1', ids.erasedLandlord, { monthlyRentFen: 100_000 })).listingId;
  await write.eraseLandlord('guangrui-1', ids.erasedLandlord, infra.keys);

  await infra.registry.register('guangrui-1', resident);
  ids.request = await write.housingRequest('guangrui-1', resident, undefined, '需要一楼');
  await write.viewing('guangrui-1', resident, ids.request, ids.near);
  await infra.registry.register('guangrui-1', erasedResident, { personal: { idNumber: '320211199001010099' } });
  ids.erasedRequest = await write.housingRequest('guangrui-1', erasedResident, undefined, '夜班');
  head = await infra.registry.erase('guangrui-1', erasedResident, infra.keys);

  read = await openReadApp(infra);
});

afterAll(async () => {
  await read.close();
  await infra.close();
});

const listingIds = (body: { items: Array<{ listingId: string }> }) => body.items.map((item) => item.listingId);

describe("a station's open listings", () => {
  it('lists what is published, cheapest first, once the read model has caught up', async () => {
    const reply = await read.get(`/stations/guangrui-1/listings?afterPosition=${head}`, 'staff');
    expect(reply.status).toBe(200);
    expect(listingIds(reply.body)).toEqual([ids.cheap, ids.ofErased, ids.near, ids.dear]);
    expect(reply.body).toMatchObject({ total: 4, page: 1, position: expect.any(Number) });
  });

  it('searches by rent, rooms, area, compound and what the unit is near', async () => {
    expect(listingIds((await read.get('/stations/guangrui-1/listings?maxRentFen=120000&minRooms=2', 'staff')).body)).toEqual([ids.ofErased, ids.near]);
    expect(listingIds((await read.get('/stations/guangrui-1/listings?minAreaSqm=50', 'staff')).body)).toEqual([ids.dear]);
    expect(listingIds((await read.get(`/stations/guangrui-1/listings?compound=${encodeURIComponent('广瑞二村')}`, 'staff')).body)).toEqual([ids.cheap]);
    expect(listingIds((await read.get(`/stations/guangrui-1/listings?near=${encodeURIComponent('广瑞路工业园')}`, 'staff')).body)).toEqual([ids.near]);
    expect(listingIds((await read.get('/stations/guangrui-1/listings?status=unlisted', 'staff')).body)).toEqual([ids.unlisted]);
  });

  it("shows the landlord's contact in full to the station's staff and masked to the chain's manager", async () => {
    const own = await read.get(`/stations/guangrui-1/listings/${ids.near}`, 'staff');
    expect(own.body).toMatchObject({ listingId: ids.near, landlord: { landlordId: ids.landlord, name: '陈建华', phone: '13912345678' } });
    const manager = await read.get(`/stations/guangrui-1/listings/${ids.near}`, 'manager');
    expect(manager.body.landlord).toEqual({ landlordId: ids.landlord, name: expect.stringMatching(/^陈\*+$/), phone: expect.not.stringMatching('13912345678') });
  });

  it('shows no contact for a landlord who was erased', async () => {
    expect((await read.get(`/stations/guangrui-1/listings/${ids.ofErased}`, 'staff')).body).toMatchObject({ landlord: null });
  });

  it('lists the whole chain for its manager, and for no one else', async () => {
    const chain = await read.get('/centers/guangrui/listings?pageSize=100', 'manager');
    expect(listingIds(chain.body)).toEqual(expect.arrayContaining([ids.guangyi, ids.near]));
    expect(listingIds((await read.get('/centers/guangrui/listings?stationId=guangyi', 'manager')).body)).toEqual([ids.guangyi]);
    expect((await read.get('/centers/guangrui/listings', 'staff')).status).toBe(403);
    expect((await read.get('/centers/guangrui/listings', 'huishan')).status).toBe(403);
  });
});

describe('matching a housing request', () => {
  it("shows the station's open requests with their viewings, notes only to its own staff", async () => {
    const own = await read.get('/stations/guangrui-1/housing-requests', 'staff');
    expect(own.body.items).toEqual([
      expect.objectContaining({ requestId: ids.request, residentId: resident, notes: '需要一楼', viewings: [expect.objectContaining({ listingId: ids.near, outcome: null })] }),
    ]);
    expect((await read.get('/stations/guangrui-1/housing-requests', 'manager')).body.items[0]).toMatchObject({ notes: null });
  });

  it('suggests the listings that fit best, none above the budget or off the market', async () => {
    const reply = await read.get(`/stations/guangrui-1/housing-requests/${ids.request}/suggestions`, 'staff');
    expect(reply.status).toBe(200);
    expect(reply.body.suggestions.map((s: { listingId: string; fit: { score: number } }) => s.listingId)).toEqual([ids.near, ids.ofErased, ids.cheap]);
    expect(reply.body.suggestions[0].fit).toEqual({ score: expect.any(Number), reasons: expect.arrayContaining(['near-work', 'enough-rooms']) });
  });

  it('drops the notes of a resident the registry erased and closes their request', async () => {
    const erased = await read.get('/stations/guangrui-1/housing-requests?status=erased', 'staff');
    expect(erased.body.items).toEqual([expect.objectContaining({ requestId: ids.erasedRequest, notes: null })]);
  });
});

describe('who may read', () => {
  it('refuses another station’s staff (403) and finds nothing of this station at theirs (404)', async () => {
    expect((await read.get('/stations/guangrui-1/listings', 'guangyi')).status).toBe(403);
    expect((await read.get(`/stations/guangrui-1/housing-requests/${ids.request}/suggestions`, 'guangyi')).status).toBe(403);
    const elsewhere = await read.get(`/stations/guangyi/listings/${ids.near}`, 'guangyi');
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 'listing-not-found' } });
    expect((await read.get(`/stations/guangyi/housing-requests/${ids.request}/suggestions`, 'guangyi')).status).toBe(404);
  });

  it('refuses analysts (403) and anyone without a token (401)', async () => {
    expect((await read.get('/stations/guangrui-1/listings', 'analyst')).status).toBe(403);
    expect((await read.get('/stations/guangrui-1/listings')).status).toBe(401);
  });

  it('rejects a search that is not one (400)', async () => {
    for (const query of ['maxRentFen=1200.5', 'status=vacant', 'page=0', 'pageSize=500', 'minRooms=two', 'colour=blue']) {
      const reply = await read.get(`/stations/guangrui-1/listings?${query}`, 'staff');
      expect({ query, status: reply.status, type: reply.type }).toEqual({ query, status: 400, type: expect.stringContaining('application/problem+json') });
    }
    expect((await read.get('/stations/guangrui-1/listings/not-a-listing', 'staff')).status).toBe(400);
  });
});
