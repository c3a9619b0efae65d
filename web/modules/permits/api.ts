import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApplicationPage, ApplicationView, EligibilityView, KioskCreated, ReplacementView, KioskList, KioskView, MyPermits, PermitPage, PermitStats, PermitView, PersonPermits, VerifyView,
  type ApplicationActionInput, type ApplicationInput, type ApplicationListQuery, type EligibilityQuery, type KioskInput, type PermitActionInput, type PermitListQuery,
} from '@shared/permits/permit.schema';
import { z } from 'zod';
import { api, qs } from '../../lib/api';

export const permitsKeys = {
  applications: (query: Partial<ApplicationListQuery>) => ['permits', 'applications', query] as const,
  application: (id: string) => ['permits', 'application', id] as const,
  permits: (query: Partial<PermitListQuery>) => ['permits', 'permits', query] as const,
  permit: (id: string) => ['permits', 'permit', id] as const,
  person: (id: string) => ['permits', 'person', id] as const,
  stats: ['permits', 'stats'] as const,
  mine: ['permits', 'mine'] as const,
};

export function useApplications(query: Partial<ApplicationListQuery>) {
  return useQuery({ queryKey: permitsKeys.applications(query), queryFn: () => api.get(`/api/permits/applications${qs(query)}`, ApplicationPage) });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: permitsKeys.application(id), queryFn: () => api.get(`/api/permits/applications/${id}`, ApplicationView) });
}

export function useApplicationAction(id: string, side: 'staff' | 'applicant') {
  const client = useQueryClient();
  const url = side === 'staff' ? `/api/permits/applications/${id}/actions` : `/api/permits/my/applications/${id}/actions`;
  return useMutation({
    mutationFn: (input: Omit<ApplicationActionInput, 'transactionId'>) => api.post(url, { ...input, transactionId: crypto.randomUUID() }, ApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['permits'] }),
  });
}

export function usePermits(query: Partial<PermitListQuery>) {
  return useQuery({ queryKey: permitsKeys.permits(query), queryFn: () => api.get(`/api/permits/permits${qs(query)}`, PermitPage) });
}

export function usePermit(id: string) {
  return useQuery({ queryKey: permitsKeys.permit(id), queryFn: () => api.get(`/api/permits/permits/${id}`, PermitView) });
}

export function usePermitAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PermitActionInput, 'transactionId'>) => api.post(`/api/permits/permits/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, PermitView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['permits'] }),
  });
}

export function usePersonPermits(personId: string) {
  return useQuery({ queryKey: permitsKeys.person(personId), queryFn: () => api.get(`/api/permits/persons/${personId}`, PersonPermits) });
}

export function usePermitStats() {
  return useQuery({ queryKey: permitsKeys.stats, queryFn: () => api.get('/api/permits/stats', PermitStats) });
}

/** Eligibility before applying: the counter's or the portal's own endpoint. */
export function useEligibility(side: 'staff' | 'applicant') {
  return useMutation({
    mutationFn: (query: EligibilityQuery) => api.get(`/api/permits/${side === 'staff' ? '' : 'my/'}eligibility${qs(query)}`, EligibilityView),
  });
}

export function useSubmitApplication(side: 'staff' | 'applicant') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplicationInput) => api.post(side === 'staff' ? '/api/permits/applications' : '/api/permits/my/applications', input, ApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['permits'] }),
  });
}

export { useUpload } from '../../lib/files';

export function useMyPermits() {
  return useQuery({ queryKey: permitsKeys.mine, queryFn: () => api.get('/api/permits/my', MyPermits) });
}

export function useEndorseMine() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/permits/my/permits/${id}/endorse`, { transactionId: crypto.randomUUID() }, PermitView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['permits'] }),
  });
}

export function useVerify(token: string) {
  return useQuery({ queryKey: ['permits', 'verify', token], queryFn: () => api.get(`/api/permits/verify/${token}`, VerifyView), retry: false });
}

export function useKiosks() {
  return useQuery({ queryKey: ['permits', 'kiosks'], queryFn: () => api.get('/api/permits/kiosks', KioskList) });
}

export function useCreateKiosk() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (input: KioskInput) => api.post('/api/permits/kiosks', input, KioskCreated), onSuccess: () => client.invalidateQueries({ queryKey: ['permits', 'kiosks'] }) });
}

export function useRevokeKiosk() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post(`/api/permits/kiosks/${id}/revoke`, {}, KioskView), onSuccess: () => client.invalidateQueries({ queryKey: ['permits', 'kiosks'] }) });
}

export function useRequestReplacement(permitId: string, side: 'staff' | 'holder') {
  const client = useQueryClient();
  const url = side === 'staff' ? `/api/permits/permits/${permitId}/replacements` : `/api/permits/my/permits/${permitId}/replacements`;
  return useMutation({
    mutationFn: (reason: 'lost' | 'damaged') => api.post(url, { reason, transactionId: crypto.randomUUID() }, z.array(ReplacementView)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['permits'] }),
  });
}

export function useReplacementAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; action: 'issue' | 'cancel' }) => api.post(`/api/permits/replacements/${input.id}/actions`, { action: input.action, transactionId: crypto.randomUUID() }, z.array(ReplacementView)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['permits'] }),
  });
}
