import { isCurrencyCode } from './money';

describe('isCurrencyCode', () => {
  it.each(['EUR', 'NOK'])('takes %p as a currency code', (value) => {
    expect(isCurrencyCode(value)).toBe(true);
  });
  it.each(['eur', 'EURO', '', undefined, 978])('refuses %p as a currency code', (value) => {
    expect(isCurrencyCode(value)).toBe(false);
  });
});
