import { DomainError } from '@kinship/eventsourcing';
import { Principal } from '@kinship/tenancy';
import { Injectable } from '@nestjs/common';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { stationDate } from '../../shared/station-time';
import { continuityOn } from '../pairing.decider';
import { PairingView } from './pairing.view';

/**
 * A pairing with its visits and continuity. The beneficiary's needs and the visit notes are read by the
 * station's own staff only; a center manager sees that visits happened, not what was noted.
 */
@Injectable()
export class GetPairingHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, pairingId: string, principal: Principal, now: string): Promise<PairingView> {
    const pairing = await this.streams.pairingState(stationId, pairingId);
    if (pairing.status === 'none') throw new DomainError('pairing-not-found', `No pairing ${pairingId} at station ${stationId}`, 404);
    const readable = principal.orgUnitId === stationId;
    const open = (sealed: string | null | undefined) => (readable ? this.personal.open<string>(pairing.beneficiaryResidentId, sealed) : Promise.resolve(null));
    const { visits, needs, ...rest } = pairing;
    const shown = await Promise.all(
      Object.values(visits)
        .sort((a, b) => b.visitedOn.localeCompare(a.visitedOn) || b.visitId.localeCompare(a.visitId))
        .map(async ({ note, ...visit }) => {
          const clear = await open(note);
          return { ...visit, ...(clear !== null ? { note: clear } : {}) };
        }),
    );
    return { ...rest, needs: await open(needs), ...continuityOn(pairing, stationDate(now)), visits: shown };
  }
}
