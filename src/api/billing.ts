// Billing of Team-plan orgs: the plan, subscriptions, invoices, the upcoming invoice and payment methods.
import type { BillingApi } from './api';
import type { HttpClient } from './client';
import { apiPath } from './path';
import type { BillingInvoice, BillingSubscription, IdentityPlan, ListResponse, PaymentMethod } from './types';

export function createBillingApi(http: HttpClient): BillingApi {
  return {
    getPlan: (org) => http.request<IdentityPlan>({ method: 'GET', path: apiPath`/org/${org}/billing/plan` }),

    // Not a paged endpoint: it takes no limit or next_token, so one answer is the whole list.
    listSubscriptions: async (org) => {
      const page = await http.request<ListResponse<BillingSubscription>>({ method: 'GET', path: apiPath`/org/${org}/billing/subscription` });
      return page.items ?? [];
    },

    listInvoices: (org, opts = {}) => http.paginate<BillingInvoice>(apiPath`/org/${org}/billing/invoice`, {}, opts),

    getUpcomingInvoice: (org) => http.request<BillingInvoice>({ method: 'GET', path: apiPath`/org/${org}/billing/stripe/invoice/upcoming` }),

    getInvoice: (org, invoiceId) => http.request<BillingInvoice>({ method: 'GET', path: apiPath`/org/${org}/billing/invoice/${invoiceId}` }),

    // Not paged either: an org has a handful of payment methods.
    listPaymentMethods: async (org) => {
      const page = await http.request<ListResponse<PaymentMethod>>({ method: 'GET', path: apiPath`/org/${org}/billing/payment_method` });
      return page.items ?? [];
    },
  };
}
