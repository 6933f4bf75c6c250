import { CommandContext, CommandOutcome, DomainError } from '@kinship/eventsourcing';
import { KeyStore } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { KEY_STORE } from '../../application/volunteering.tokens';

/**
 * Erases a volunteer who is not a registered resident, at their request (crypto-shredding, ADR 0004): the event
 * first, so read models drop the data, then the key, so no copy can be read again. A resident's data is erased
 * through the registry, which erases it everywhere, here included.
 */
@Injectable()
export class EraseVolunteerHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute(stationId: string, volunteerId: string, context: CommandContext): Promise<CommandOutcome> {
    const volunteer = await this.streams.knownVolunteer(stationId, volunteerId);
    if (volunteer.residentId !== undefined) {
      throw new DomainError('erase-through-registry', "A resident's personal data is erased through the registry, which erases it here too", 409, {
        residentId: volunteer.residentId,
      });
    }
    const result = await this.streams.volunteer(stationId, { type: 'EraseVolunteerPersonalData', data: { volunteerId, cause: 'volunteer-request' } }, context);
    await this.keys.erase(volunteerId);
    return VolunteeringStreams.outcome(result);
  }
}
