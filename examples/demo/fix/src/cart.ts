// Cart totals for the demo shop: line items, and a discount on large orders.

export interface LineItem {
  sku: string;
  unitPrice: number;
  quantity: number;
}

/** Sum of unit price times quantity, in cents. */
export function subtotal(items: readonly LineItem[]): number {
  return items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
}

/** Orders of 100.00 or more get 10% off. */
export function total(items: readonly LineItem[]): number {
  const sum = subtotal(items);
  return sum >= 10_000 ? Math.round(sum * 0.9) : sum;
}
