import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, ErrorBody } from '@shared/errors';
import { CallbackAnswer, CheckoutParam, CheckoutView, PaymentCallback, ProviderParam } from '@shared/payments/payments.schema';
import * as payments from './payments';

const tags = ['payments'];

export const paymentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/callbacks/:provider', {
    config: { public: true },
    schema: { summary: 'A payment provider\'s signed notice (header x-anju-signature); a replay changes nothing', tags, params: ProviderParam, body: PaymentCallback, response: { 200: CallbackAnswer, 400: ErrorBody, 404: ErrorBody } },
  }, (req) => payments.handleCallback(req.ctx.db, req.params.provider, req.headers['x-anju-signature'] as string | undefined, req.body, req.ctx.now));

  app.get('/checkout/:token', {
    config: { public: true },
    schema: { summary: 'The payment page\'s order: what is charged and how much', tags, params: CheckoutParam, response: { 200: CheckoutView, 404: ErrorBody } },
  }, (req) => payments.checkout(req.ctx.db, req.params.token));

  app.post('/checkout/:token/pay', {
    config: { public: true },
    schema: { summary: 'The built-in dev provider\'s pay button (simulated payment)', tags, params: CheckoutParam, response: { 200: CheckoutView, 404: ErrorBody } },
  }, (req) => {
    // A simulated payment has no place in production, where a real provider's page takes the money.
    if (req.ctx.config.env === 'production') throw new AppError('NOT_FOUND');
    return payments.payWithDevProvider(req.ctx.db, req.params.token, req.ctx.now);
  });
};
