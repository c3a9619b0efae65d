import { z } from 'zod';

export const ORDER_STATUSES = ['pending', 'paid', 'refunded'] as const;

export const OrderView = z.object({
  id: z.string(), number: z.string(), description: z.string(), amountFen: z.number().int(), status: z.enum(ORDER_STATUSES),
  createdAt: z.string(), paidAt: z.string().nullable(), refundedAt: z.string().nullable(), refundReason: z.string().nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

/** What the payment page shows: the charge, nothing about the person. */
export const CheckoutView = z.object({ number: z.string(), description: z.string(), amountFen: z.number().int(), status: z.enum(ORDER_STATUSES), returnTo: z.string() });
export type CheckoutView = z.infer<typeof CheckoutView>;
export const CheckoutParam = z.strictObject({ token: z.string().min(16).max(64) });
export const ProviderParam = z.strictObject({ provider: z.string().min(2).max(20) });

/** A provider's notice that an order was paid, as the dev provider sends it (real providers map theirs to this). */
export const PaymentCallback = z.strictObject({ eventId: z.string().min(8).max(80), orderNumber: z.string().min(4).max(40), kind: z.enum(['paid']), amountFen: z.number().int().min(0) });
export type PaymentCallback = z.infer<typeof PaymentCallback>;
export const CallbackAnswer = z.object({ status: z.enum(ORDER_STATUSES), applied: z.boolean() });
