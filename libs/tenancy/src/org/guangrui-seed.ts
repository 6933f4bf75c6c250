import { OrgDirectory } from './org-directory.port';
import { OrgUnit } from './org-unit';

/** The pilot chain of the brief: Liangxi District, the Guangrui center and its two stations. */
export const GUANGRUI_ORG_UNITS: readonly OrgUnit[] = [
  { id: 'liangxi', kind: 'district', parentId: null, name: 'Liangxi District' },
  { id: 'guangrui', kind: 'center', parentId: 'liangxi', name: 'Guangrui New Citizen Service Center' },
  { id: 'guangrui-1', kind: 'station', parentId: 'guangrui', name: 'Guangrui No.1 Village station' },
  { id: 'guangyi', kind: 'station', parentId: 'guangrui', name: 'Guangyi New Village station' },
];

/** Adds the Guangrui chain; running it again changes nothing. */
export async function seedGuangruiDistrict(directory: OrgDirectory): Promise<OrgUnit[]> {
  const added: OrgUnit[] = [];
  for (const unit of GUANGRUI_ORG_UNITS) added.push(await directory.add(unit));
  return added;
}
