import { endorsementWindow, permitEligibleFrom, permitStatusOn, permitValidUntil } from './residence-permit';

describe('the residence permit calendar', () => {
  describe('when a resident becomes eligible', () => {
    it('is six months after arrival', () => {
      expect(permitEligibleFrom('2026-01-10')).toBe('2026-07-10');
    });

    it('falls on the last day of a shorter month', () => {
      expect(permitEligibleFrom('2025-08-31')).toBe('2026-02-28');
    });
  });

  describe('when a permit is valid', () => {
    it('is valid for one year from issue', () => {
      expect(permitValidUntil('2026-07-20')).toBe('2027-07-20');
    });
  });

  describe('when the endorsement window opens', () => {
    it('opens on the first day of the month before the anniversary and closes on it', () => {
      expect(endorsementWindow('2027-03-15')).toEqual({ opensOn: '2027-02-01', closesOn: '2027-03-15' });
    });

    it('opens in December for a January anniversary', () => {
      expect(endorsementWindow('2027-01-10')).toEqual({ opensOn: '2026-12-01', closesOn: '2027-01-10' });
    });
  });

  describe('when reading the permit status on a day', () => {
    const arrivalDate = '2026-01-10';
    const issued = { status: 'issued' as const, appliedOn: '2026-07-10', issuedOn: '2026-07-20', validUntil: '2027-07-20' };

    it('is not eligible until six months after arrival', () => {
      expect(permitStatusOn({ arrivalDate, permit: { status: 'none' } }, '2026-07-09')).toBe('not-eligible');
    });

    it('is eligible from six months after arrival', () => {
      expect(permitStatusOn({ arrivalDate, permit: { status: 'none' } }, '2026-07-10')).toBe('eligible');
    });

    it('is applied while the application waits', () => {
      expect(permitStatusOn({ arrivalDate, permit: { status: 'applied', appliedOn: '2026-07-10' } }, '2026-08-01')).toBe('applied');
    });

    it('is issued before the endorsement window', () => {
      expect(permitStatusOn({ arrivalDate, permit: issued }, '2027-05-31')).toBe('issued');
    });

    it('is endorsement-due from the window opening to the last valid day', () => {
      expect(permitStatusOn({ arrivalDate, permit: issued }, '2027-06-01')).toBe('endorsement-due');
      expect(permitStatusOn({ arrivalDate, permit: issued }, '2027-07-20')).toBe('endorsement-due');
    });

    it('is overdue after the last valid day until it is marked lapsed', () => {
      expect(permitStatusOn({ arrivalDate, permit: issued }, '2027-07-21')).toBe('overdue');
    });

    it('is lapsed once marked lapsed', () => {
      expect(permitStatusOn({ arrivalDate, permit: { ...issued, status: 'lapsed' } }, '2027-08-01')).toBe('lapsed');
    });
  });
});
