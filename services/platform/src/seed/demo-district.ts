import { CommandContext } from '@kinship/eventsourcing';
import { RegisterResidentHandler, RegisterResidentRequest } from '@kinship/registry';
import { generateResidentIdNumber } from '@kinship/privacy';

/**
 * A demo district to try the platform with: residents of the Guangrui No.1 Village and Guangyi New Village
 * stations, from the provinces new citizens of Wuxi most often come from. Deterministic, so two fresh data
 * directories hold the same people.
 */

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const GIVEN = ['秀英', '桂英', '建国', '志强', '丽', '敏', '静', '伟', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚'];
export const ORIGINS = [
  { province: '安徽省', city: '阜阳市', region: '341200' },
  { province: '河南省', city: '周口市', region: '411600' },
  { province: '四川省', city: '南充市', region: '511300' },
  { province: '江苏省', city: '盐城市', region: '320900' },
  { province: '贵州省', city: '毕节市', region: '520500' },
  { province: '湖南省', city: '邵阳市', region: '430500' },
  { province: '江西省', city: '上饶市', region: '361100' },
  { province: '山东省', city: '临沂市', region: '371300' },
];
export const OCCUPATIONS = ['factory worker', 'construction worker', 'courier', 'market vendor', 'cleaner', 'cook', 'security guard', 'domestic helper'];
export const STATIONS = [
  { id: 'guangrui-1', compounds: ['广瑞一村东区', '广瑞一村西区', '广瑞一村南区', '广瑞一村北区', '广瑞路小区'] },
  { id: 'guangyi', compounds: ['广益新村一期', '广益新村二期', '广益新村三期'] },
];

/** A small deterministic PRNG (mulberry32): the same seed gives the same district. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoResidents(count: number, today: string): Array<{ stationId: string; request: RegisterResidentRequest }> {
  const next = random(2004_05);
  const used = new Set<string>();
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const people: Array<{ stationId: string; request: RegisterResidentRequest }> = [];
  for (let i = 0; i < count; i += 1) {
    const station = STATIONS[i % 3 === 2 ? 1 : 0] as (typeof STATIONS)[number];
    const arrivalDate = () => new Date(todayMs - Math.floor(next() * 6 * 365) * 86_400_000).toISOString().slice(0, 10);
    people.push({ stationId: station.id, request: newCitizen(next, used, station.compounds, Number(today.slice(0, 4)), arrivalDate) });
  }
  return people;
}

/**
 * One new citizen's registration form, drawn from `next`: a valid ID number (unique within `used`) whose birth
 * date and sex match the form, an origin province, an address in one of the station's compounds. `arrival` draws
 * the arrival date in the middle of the form, where the demo district has always drawn it (so it keeps its people).
 */
export function newCitizen(
  next: () => number,
  used: Set<string>,
  compounds: readonly string[],
  year: number,
  arrival: () => string,
): RegisterResidentRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const origin = pick(ORIGINS);
  const sex = next() < 0.5 ? 'female' : 'male';
  // Adults of working age in the year they are registered.
  const birth = new Date(Date.UTC(year - 64 + Math.floor(next() * 45), Math.floor(next() * 12), 1 + Math.floor(next() * 28)));
  const birthDate = birth.toISOString().slice(0, 10);
  let sequence = Math.floor(next() * 500);
  let idNumber = generateResidentIdNumber(origin.region, birthDate, sequence, sex);
  while (used.has(idNumber)) idNumber = generateResidentIdNumber(origin.region, birthDate, (sequence = (sequence + 1) % 500), sex);
  used.add(idNumber);
  const arrivalDate = arrival();
  return Object.assign(new RegisterResidentRequest(), {
    name: pick(SURNAMES) + pick(GIVEN),
    sex,
    birthDate,
    idNumber,
    phone: `1${pick(['38', '39', '58', '86', '37'])}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
    origin: { province: origin.province, city: origin.city },
    arrivalDate,
    address: {
      compound: pick(compounds),
      building: String(1 + Math.floor(next() * 30)),
      unit: String(1 + Math.floor(next() * 4)),
      room: `${1 + Math.floor(next() * 6)}0${1 + Math.floor(next() * 4)}`,
    },
    occupation: pick(OCCUPATIONS),
    childrenNeedingSchool:
      next() < 0.3 ? [{ birthYear: year - 12 + Math.floor(next() * 8), schoolLevel: pick(['kindergarten', 'primary', 'junior-secondary'] as const) }] : [],
    consent: { given: true as const, scope: ['registry', 'services'] },
  });
}

/** Registers the demo residents through the registry's own use case, as station staff would. */
export async function seedDemoResidents(handler: RegisterResidentHandler, count: number, now: Date): Promise<number> {
  const context: CommandContext = {
    actor: { userId: 'demo-seeder', role: 'system' },
    correlationId: 'demo-seed',
    now: now.toISOString(),
  };
  for (const { stationId, request } of demoResidents(count, now.toISOString().slice(0, 10))) {
    await handler.execute(stationId, request, context);
  }
  return count;
}
