import { arrayOf, dateTime, fen, integer, month, nullable, object, oneOf, paging, position, Schema, string } from '../openapi/response-schema';


/** The chain's aid fund: balance and totals, and one page of its movements, newest first (GET …/aid-fund-ledger). */
export const AID_FUND_LEDGER_SCHEMA: Schema = object({
  centerId: string(),
  balanceFen: fen(),
  creditedFen: fen(),
  paidFen: fen(),
  movements: arrayOf(
    object({
      eventId: string(),
      centerId: string(),
      sequence: integer("The version of the fund's stream: movements in the order they happened"),
      kind: oneOf(['credit', 'payment', 'reversal']),
      amountFen: fen('Signed: credits and reversals add, payments take away'),
      balanceAfterFen: fen(),
      occurredAt: dateTime(),
      stationId: string('Whose surplus was credited, or whose pairing was paid'),
      allocationId: nullable(string()),
      period: nullable(month()),
      ledgerEntryId: nullable(string()),
      paymentId: nullable(string()),
      pairingId: nullable(string()),
      purpose: nullable(string()),
      allocations: arrayOf(object({ allocationId: string(), amountFen: fen() }), 'Payments: the allocations drawn on. Reversals: those given back to'),
    }),
  ),
  ...paging(),
  position: position(),
});
