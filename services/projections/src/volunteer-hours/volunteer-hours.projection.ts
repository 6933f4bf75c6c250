import {
  EventEnvelope,
  HoursAmended,
  HoursCoSigned,
  HoursCorrected,
  HoursDisputed,
  HoursDisputeDismissed,
  HoursLogged,
  HoursRejected,
  HoursVerified,
  VolunteerEnrolled,
  VolunteerLeft,
  VolunteerPersonalDataErased,
  VolunteerProfileUpdated,
  VolunteerReinstated,
  VolunteerSuspended,
  volunteeringStreams,
  volunteeringUpcasters,
  streamCategory,
} from '@kinship/contracts';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import {
  HOURS_ENTRIES,
  HoursEntryDocument,
  HoursStatus,
  VOLUNTEER_YEARS,
  VolunteerDocument,
  VolunteerYearDocument,
  VOLUNTEERS,
} from './volunteer-hours.document';

export const VOLUNTEER_HOURS = 'volunteer-hours';

/** An event of a volunteer stream arrived before the volunteer's enrolment was projected (it was dead-lettered). */
export class VolunteerNotProjectedError extends Error {
  constructor(readonly volunteerId: string, readonly eventType: string) {
    super(`Volunteer ${volunteerId} is not in the read model; cannot apply ${eventType}`);
  }
}

type EntryChange = { entryId: string; change: Partial<HoursEntryDocument> };

/**
 * Volunteer hours (DESIGN §4): every volunteer with their service log and yearly totals, verified apart from
 * pending and disputed. Year totals are recomputed from the entries on every change, so a redelivered event
 * or an amendment that moves an entry to another year leaves them right.
 */
export function volunteerHoursProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  const centerOf = (stationId: string) => deps.org.centerOf(stationId)?.id ?? null;

  async function recomputeYears(ctx: ProjectionContext, volunteer: VolunteerDocument): Promise<void> {
    const entries = await ctx.collection<HoursEntryDocument>(HOURS_ENTRIES).find({ volunteerId: volunteer.volunteerId });
    const years = ctx.collection<VolunteerYearDocument>(VOLUNTEER_YEARS);
    const totals = new Map<number, VolunteerYearDocument>();
    for (const { year } of await years.find({ volunteerId: volunteer.volunteerId })) totals.set(year, yearDocument(volunteer, year));
    for (const entry of entries) {
      if (entry.status === 'rejected') continue;
      const total = totals.get(entry.year) ?? yearDocument(volunteer, entry.year);
      if (entry.status === 'verified') total.verifiedMinutes += entry.minutes;
      else if (entry.status === 'pending') total.pendingMinutes += entry.minutes;
      else total.disputedMinutes += entry.minutes;
      totals.set(entry.year, total);
    }
    for (const total of totals.values()) await years.upsert(total);
  }

  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = volunteeringUpcasters.upcast(raw);
    const volunteers = ctx.collection<VolunteerDocument>(VOLUNTEERS);
    const volunteerId = (event.data as { volunteerId?: unknown }).volunteerId;
    if (typeof volunteerId !== 'string') return;
    const existing = await volunteers.get(volunteerId);
    if (alreadyApplied(existing, event)) return;

    if (event.type === VolunteerEnrolled.type) {
      const data = VolunteerEnrolled.schema.parse(event.data);
      await volunteers.upsert({
        _id: data.volunteerId,
        _sources: markApplied(existing, event),
        volunteerId: data.volunteerId,
        stationId: data.stationId,
        centerId: centerOf(data.stationId),
        residentId: data.residentId ?? null,
        status: 'active',
        personal: data.personal,
        skills: data.skills,
        languages: data.languages,
        enrolledOn: data.enrolledOn,
        leftOn: null,
        position: event.position,
      });
      return;
    }
    if (!existing) throw new VolunteerNotProjectedError(volunteerId, event.type);
    const { volunteer, entry } = change(existing, event);
    if (entry) {
      const entries = ctx.collection<HoursEntryDocument>(HOURS_ENTRIES);
      const current = await entries.get(entry.entryId);
      const next = { ...(current ?? {}), ...entry.change, _id: entry.entryId } as HoursEntryDocument;
      // An entry changed before it was logged cannot be: its logging event was lost, and is dead-lettered.
      if (!current && event.type !== HoursLogged.type) throw new VolunteerNotProjectedError(volunteerId, event.type);
      await entries.upsert(next);
      await recomputeYears(ctx, existing);
    }
    await volunteers.upsert({ ...existing, ...volunteer, _sources: markApplied(existing, event), position: event.position });
  }

  return {
    name: VOLUNTEER_HOURS,
    version: 1,
    categories: [streamCategory(volunteeringStreams.volunteer('station', 'volunteer'))],
    collections: {
      [VOLUNTEERS]: { indexes: [{ fields: { stationId: 1, status: 1 } }, { fields: { centerId: 1 } }] },
      [HOURS_ENTRIES]: { indexes: [{ fields: { volunteerId: 1 } }] },
      [VOLUNTEER_YEARS]: { indexes: [{ fields: { stationId: 1, year: 1 } }, { fields: { centerId: 1, year: 1 } }, { fields: { volunteerId: 1 } }] },
    },
    apply,
  };
}

function yearDocument(volunteer: VolunteerDocument, year: number): VolunteerYearDocument {
  return {
    _id: `${volunteer.volunteerId}:${year}`,
    volunteerId: volunteer.volunteerId,
    stationId: volunteer.stationId,
    centerId: volunteer.centerId,
    year,
    verifiedMinutes: 0,
    pendingMinutes: 0,
    disputedMinutes: 0,
  };
}

/** What one event changes on the volunteer and on one entry of their log. */
function change(volunteer: VolunteerDocument, event: EventEnvelope): { volunteer: Partial<VolunteerDocument>; entry?: EntryChange } {
  const status = (entryId: string, value: HoursStatus): EntryChange => ({ entryId, change: { status: value } });
  switch (event.type) {
    case VolunteerProfileUpdated.type: {
      const { personal, skills, languages } = VolunteerProfileUpdated.schema.parse(event.data);
      // A profile re-encrypted after an erasure cannot exist; the erasure keeps the upper hand on a replay too.
      const keepPersonal = volunteer.status === 'erased' || personal === undefined;
      return { volunteer: { ...(keepPersonal ? {} : { personal }), ...(skills ? { skills } : {}), ...(languages ? { languages } : {}) } };
    }
    case VolunteerSuspended.type:
      return { volunteer: { status: 'suspended' } };
    case VolunteerReinstated.type:
      return { volunteer: { status: 'active' } };
    case VolunteerLeft.type:
      return { volunteer: { status: 'left', leftOn: VolunteerLeft.schema.parse(event.data).leftOn } };
    case VolunteerPersonalDataErased.type:
      return { volunteer: { status: 'erased', personal: null } };
    case HoursLogged.type: {
      const data = HoursLogged.schema.parse(event.data);
      const entry: Partial<HoursEntryDocument> = {
        volunteerId: data.volunteerId,
        stationId: volunteer.stationId,
        year: Number(data.servedOn.slice(0, 4)),
        servedOn: data.servedOn,
        minutes: data.minutes,
        status: data.source === 'attendance' ? 'verified' : 'pending',
        source: data.source,
      };
      return { volunteer: {}, entry: { entryId: data.entryId, change: entry } };
    }
    case HoursAmended.type: {
      const { entryId, servedOn, minutes } = HoursAmended.schema.parse(event.data);
      return { volunteer: {}, entry: { entryId, change: { servedOn, minutes, year: Number(servedOn.slice(0, 4)) } } };
    }
    case HoursCorrected.type: {
      const { entryId, servedOn, minutes } = HoursCorrected.schema.parse(event.data);
      return { volunteer: {}, entry: { entryId, change: { servedOn, minutes, year: Number(servedOn.slice(0, 4)), status: 'verified' } } };
    }
    case HoursVerified.type:
      return { volunteer: {}, entry: status(HoursVerified.schema.parse(event.data).entryId, 'verified') };
    case HoursCoSigned.type:
      return { volunteer: {}, entry: status(HoursCoSigned.schema.parse(event.data).entryId, 'verified') };
    case HoursDisputeDismissed.type:
      return { volunteer: {}, entry: status(HoursDisputeDismissed.schema.parse(event.data).entryId, 'verified') };
    case HoursRejected.type:
      return { volunteer: {}, entry: status(HoursRejected.schema.parse(event.data).entryId, 'rejected') };
    case HoursDisputed.type:
      return { volunteer: {}, entry: status(HoursDisputed.schema.parse(event.data).entryId, 'disputed') };
    default:
      return { volunteer: {} };
  }
}
