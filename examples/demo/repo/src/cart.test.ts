import { describe, expect, it } from 'vitest';
import { subtotal, total } from './cart.js';

describe('cart', () => {
  it('REQ-1 sums line items', () => {
    expect(subtotal([{ sku: 'a', unitPrice: 250, quantity: 2 }, { sku: 'b', unitPrice: 100, quantity: 1 }])).toBe(600);
  });

  it('REQ-2 gives 10% off an order of exactly 100.00', () => {
    expect(total([{ sku: 'a', unitPrice: 5_000, quantity: 2 }])).toBe(9_000);
  });

  it('REQ-2 gives no discount below 100.00', () => {
    expect(total([{ sku: 'a', unitPrice: 9_999, quantity: 1 }])).toBe(9_999);
  });
});
