import {
  EventEnvelope,
  FeeInvoiced,
  FeePaymentRecorded,
  FeeRefunded,
  FeeWaived,
  InvoiceVoided,
  LeaseEnded,
  LeaseRenewed,
  LeaseSigned,
  ResidentPersonalDataErased,
} from '@kinship/contracts';
import { Collection } from '@kinship/documents';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { centerOf } from '../brokerage-shared/brokerage-read-models';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import { INVOICES, InvoiceDocument, InvoiceStatus, LEASES, LeaseDocument } from './brokerage-leases.document';

export const BROKERAGE_LEASES = 'brokerage-leases';

/** Leases brokered by each station, and the invoices of their fees with what was paid, refunded and waived. */
export function brokerageLeasesProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  return {
    name: BROKERAGE_LEASES,
    version: 1,
    categories: ['lease', 'invoice', 'resident'],
    collections: {
      [LEASES]: { indexes: [{ fields: { stationId: 1, status: 1 } }, { fields: { centerId: 1 } }, { fields: { residentId: 1 } }] },
      [INVOICES]: { indexes: [{ fields: { stationId: 1, status: 1 } }, { fields: { leaseId: 1 } }, { fields: { residentId: 1 } }] },
    },
    async apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void> {
      const leases = ctx.collection<LeaseDocument>(LEASES);
      const invoices = ctx.collection<InvoiceDocument>(INVOICES);
      switch (event.type) {
        case LeaseSigned.type: {
          const data = LeaseSigned.schema.parse(event.data);
          const existing = await leases.get(data.leaseId);
          if (alreadyApplied(existing, event)) return;
          const { fee, requestId, ...lease } = data;
          await leases.upsert({
            ...lease,
            _id: data.leaseId,
            _sources: markApplied(existing, event),
            centerId: centerOf(deps.org, data.stationId),
            requestId: requestId ?? null,
            renewals: 0,
            feesFen: [fee.amountFen],
            status: 'active',
            endedOn: null,
            endReason: null,
            depositReturnedFen: null,
            depositWithheldFen: null,
            position: event.position,
          });
          return;
        }
        case LeaseRenewed.type: {
          const data = LeaseRenewed.schema.parse(event.data);
          return change(leases, event, data.leaseId, (lease) => ({
            endsOn: data.endsOn,
            monthlyRentFen: data.monthlyRentFen,
            renewals: lease.renewals + 1,
            feesFen: [...lease.feesFen, data.fee.amountFen],
          }));
        }
        case LeaseEnded.type: {
          const data = LeaseEnded.schema.parse(event.data);
          return change(leases, event, data.leaseId, () => ({
            status: 'ended' as const,
            endedOn: data.endedOn,
            endReason: data.reason,
            depositReturnedFen: data.depositReturnedFen,
            depositWithheldFen: data.depositWithheldFen,
          }));
        }
        case FeeInvoiced.type: {
          const data = FeeInvoiced.schema.parse(event.data);
          const existing = await invoices.get(data.invoiceId);
          if (alreadyApplied(existing, event)) return;
          await invoices.upsert(
            settled({
              ...data,
              _id: data.invoiceId,
              _sources: markApplied(existing, event),
              centerId: centerOf(deps.org, data.stationId),
              paidFen: 0,
              refundedFen: 0,
              waivedFen: 0,
              outstandingFen: data.amountFen,
              status: 'open',
              voidedOn: null,
              payments: [],
              refunds: [],
              waivers: [],
              position: event.position,
            }),
          );
          return;
        }
        case FeePaymentRecorded.type: {
          const data = FeePaymentRecorded.schema.parse(event.data);
          const payment = { paymentId: data.paymentId, amountFen: data.amountFen, method: data.method, reference: data.reference ?? null, paidOn: data.paidOn };
          return change(invoices, event, data.invoiceId, (invoice) => ({ paidFen: invoice.paidFen + data.amountFen, payments: [...invoice.payments, payment] }));
        }
        case FeeRefunded.type: {
          const data = FeeRefunded.schema.parse(event.data);
          const { refundId, amountFen, method, refundedOn, reason } = data;
          const refund = { refundId, amountFen, method, reference: data.reference ?? null, refundedOn, reason };
          return change(invoices, event, data.invoiceId, (invoice) => ({ refundedFen: invoice.refundedFen + amountFen, refunds: [...invoice.refunds, refund] }));
        }
        case FeeWaived.type: {
          const data = FeeWaived.schema.parse(event.data);
          const waiver = { amountFen: data.amountFen, waivedOn: data.waivedOn, basis: data.basis, approvedBy: data.approvedBy, justification: data.justification };
          return change(invoices, event, data.invoiceId, (invoice) => ({ waivedFen: invoice.waivedFen + data.amountFen, waivers: [...invoice.waivers, waiver] }));
        }
        case InvoiceVoided.type: {
          const data = InvoiceVoided.schema.parse(event.data);
          return change(invoices, event, data.invoiceId, () => ({ voidedOn: data.voidedOn }));
        }
        case ResidentPersonalDataErased.type: {
          const { residentId } = ResidentPersonalDataErased.schema.parse(event.data);
          for (const lease of await leases.find({ residentId })) await change(leases, event, lease._id, () => ({ address: null }));
          for (const invoice of await invoices.find({ residentId })) {
            await change(invoices, event, invoice._id, (current) => ({ waivers: current.waivers.map((w) => ({ ...w, justification: null })) }));
          }
          return;
        }
        default:
          return;
      }
    },
  };
}

/** What is owed and where the invoice stands, from its amounts. */
function settled(invoice: InvoiceDocument): InvoiceDocument {
  const outstandingFen = invoice.voidedOn !== null ? 0 : invoice.amountFen - invoice.paidFen - invoice.waivedFen;
  let status: InvoiceStatus = 'open';
  if (invoice.voidedOn !== null) status = 'voided';
  else if (outstandingFen === 0) status = invoice.paidFen > 0 ? 'paid' : 'waived';
  else if (invoice.paidFen > 0 || invoice.waivedFen > 0) status = 'part-paid';
  return { ...invoice, outstandingFen, status };
}

async function change<T extends LeaseDocument | InvoiceDocument>(collection: Collection<T>, event: EventEnvelope, id: string, update: (doc: T) => Partial<T>): Promise<void> {
  const doc = await collection.get(id);
  if (!doc || alreadyApplied(doc, event)) return;
  const next = { ...doc, ...update(doc), _sources: markApplied(doc, event), position: event.position } as T;
  await collection.upsert('outstandingFen' in next ? (settled(next as InvoiceDocument) as T) : next);
}
