import { VolunteeringEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider } from '@kinship/eventsourcing';

/**
 * Where a registered resident appears in volunteering (as a volunteer, or as the beneficiary of a pairing), one
 * stream per resident and district: `vollink-<districtId>-<residentId>`. A registry erasure names only the
 * resident; this is how the erasure reaction finds every stream holding their data.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type ResidentLinkEvent = Extract<VolunteeringEvent, { type: 'volunteering.resident-linked' }>;
export type Link = ResidentLinkEvent['data']['link'];

export interface LinkResidentData {
  residentId: string;
  stationId: string;
  link: Link;
}

export type ResidentLinkCommand = Command<'LinkResident', LinkResidentData>;

export interface ResidentLinkState {
  links: Array<{ stationId: string; link: Link }>;
}

export const residentLinkDecider: Decider<ResidentLinkCommand, ResidentLinkState, ResidentLinkEvent> = {
  initialState: () => ({ links: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'LinkResident': {
        const { residentId, stationId, link } = command.data;
        if (state.links.some((known) => known.stationId === stationId && sameLink(known.link, link))) return [];
        return [{ type: 'volunteering.resident-linked', data: { residentId, stationId, link } }];
      }
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'volunteering.resident-linked':
        return { links: [...state.links, { stationId: event.data.stationId, link: event.data.link }] };
      default:
        return assertNever(event.type);
    }
  },
};

function sameLink(a: Link, b: Link): boolean {
  if (a.kind === 'volunteer') return b.kind === 'volunteer' && a.volunteerId === b.volunteerId;
  return b.kind === 'pairing' && a.pairingId === b.pairingId;
}
