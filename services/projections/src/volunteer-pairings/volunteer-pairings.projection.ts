import {
  AidPaid,
  AidPaymentReversed,
  EventEnvelope,
  PairingBeneficiaryErased,
  PairingEnded,
  PairingStarted,
  PairingVisitAlertSet,
  PairingVisitRecorded,
  streamCategory,
  volunteeringStreams,
  volunteeringUpcasters,
} from '@kinship/contracts';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import { PAIRING_AID, PairingAidDocument, PairingContinuityDocument, PAIRINGS } from './volunteer-pairings.document';

export const PAIRING_CONTINUITY = 'pairing-continuity';

/**
 * Pairing continuity (DESIGN §4): for every pairing, when its volunteer last visited and how much aid its
 * household received. Whether a pairing is overdue depends on the day it is asked, so queries work it out.
 */
export function pairingContinuityProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = volunteeringUpcasters.upcast(raw);
    const pairings = ctx.collection<PairingContinuityDocument>(PAIRINGS);
    const aid = ctx.collection<PairingAidDocument>(PAIRING_AID);
    const onPairing = async (pairingId: string, change: (pairing: PairingContinuityDocument) => Partial<PairingContinuityDocument>) => {
      const pairing = await pairings.get(pairingId);
      if (alreadyApplied(pairing, event)) return;
      const current = pairing ?? emptyPairing(pairingId);
      await pairings.upsert({ ...current, ...change(current), _sources: markApplied(pairing, event) });
    };

    switch (event.type) {
      case PairingStarted.type: {
        const data = PairingStarted.schema.parse(event.data);
        return onPairing(data.pairingId, () => ({
          stationId: data.stationId,
          centerId: deps.org.centerOf(data.stationId)?.id ?? null,
          volunteerId: data.volunteerId,
          householdId: data.householdId,
          category: data.category,
          status: 'active',
          startedOn: data.startedOn,
          alertAfterDays: data.alertAfterDays,
        }));
      }
      case PairingVisitRecorded.type: {
        const { pairingId, visitedOn, minutes } = PairingVisitRecorded.schema.parse(event.data);
        return onPairing(pairingId, (pairing) => ({
          lastVisitOn: pairing.lastVisitOn === null || visitedOn > pairing.lastVisitOn ? visitedOn : pairing.lastVisitOn,
          visits: pairing.visits + 1,
          visitMinutes: pairing.visitMinutes + minutes,
        }));
      }
      case PairingVisitAlertSet.type: {
        const { pairingId, alertAfterDays } = PairingVisitAlertSet.schema.parse(event.data);
        return onPairing(pairingId, () => ({ alertAfterDays }));
      }
      case PairingEnded.type: {
        const { pairingId, endedOn, reason } = PairingEnded.schema.parse(event.data);
        return onPairing(pairingId, () => ({ status: 'ended', endedOn, endReason: reason }));
      }
      case PairingBeneficiaryErased.type:
        return onPairing(PairingBeneficiaryErased.schema.parse(event.data).pairingId, () => ({ beneficiaryErased: true }));
      case AidPaid.type: {
        const { paymentId, pairingId, amountFen } = AidPaid.schema.parse(event.data);
        await aid.upsert({ _id: paymentId, pairingId, amountFen });
        return onPairing(pairingId, (pairing) => ({ aidReceivedFen: pairing.aidReceivedFen + amountFen, aidPayments: pairing.aidPayments + 1 }));
      }
      case AidPaymentReversed.type: {
        const payment = await aid.get(AidPaymentReversed.schema.parse(event.data).paymentId);
        if (!payment) return;
        return onPairing(payment.pairingId, (pairing) => ({
          aidReceivedFen: pairing.aidReceivedFen - payment.amountFen,
          aidPayments: pairing.aidPayments - 1,
        }));
      }
      default:
        return;
    }
  }

  return {
    name: PAIRING_CONTINUITY,
    version: 1,
    categories: [volunteeringStreams.pairing('station', 'pairing'), volunteeringStreams.aidFund('center')].map(streamCategory),
    collections: {
      [PAIRINGS]: { indexes: [{ fields: { stationId: 1, status: 1 } }, { fields: { centerId: 1, status: 1 } }] },
      [PAIRING_AID]: {},
    },
    apply,
  };
}

function emptyPairing(pairingId: string): PairingContinuityDocument {
  return {
    _id: pairingId,
    pairingId,
    stationId: null,
    centerId: null,
    volunteerId: null,
    householdId: null,
    category: null,
    status: null,
    startedOn: null,
    endedOn: null,
    endReason: null,
    alertAfterDays: 0,
    lastVisitOn: null,
    visits: 0,
    visitMinutes: 0,
    aidReceivedFen: 0,
    aidPayments: 0,
    beneficiaryErased: false,
  };
}
