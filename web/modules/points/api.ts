import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CalculatorView, PackList, PackValidation, PackView, ScoreView,
  type CalculateInput, type PackActionInput, type PackCopyInput,
} from '@shared/points/points.schema';
import {
  ObjectionList, ObjectionReceipt, ObjectionView, PointsApplicationPage, PointsStats, PointsApplicationSummary, PointsApplicationView, PrefillView, PublicList, RankingPage, RoundList, RoundView, TaskPage,
  type ApplicationStaffActionInput, type ObjectionActionInput, type ObjectionInput,
  type PointsApplicationActionInput, type PointsApplicationInput, type PointsApplicationListQuery, type PrefillQuery, type RoundInput, type TaskActionInput, type TaskListQuery,
} from '@shared/points/application.schema';
import { z } from 'zod';
import { api, qs } from '../../lib/api';

const MyApplications = z.object({ items: z.array(PointsApplicationView) });
const PersonApplications = z.object({ items: z.array(PointsApplicationSummary) });

export const pointsKeys = {
  packs: ['points', 'packs'] as const,
  pack: (id: string) => ['points', 'pack', id] as const,
  calculator: (pack?: string) => ['points', 'calculator', pack ?? ''] as const,
  score: (input: CalculateInput) => ['points', 'score', input] as const,
};

export function usePacks() {
  return useQuery({ queryKey: pointsKeys.packs, queryFn: () => api.get('/api/points/packs', PackList) });
}

export function usePack(id: string) {
  return useQuery({ queryKey: pointsKeys.pack(id), queryFn: () => api.get(`/api/points/packs/${id}`, PackView) });
}

export function useCopyPack(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PackCopyInput, 'transactionId'>) => api.post(`/api/points/packs/${id}/copy`, { ...input, transactionId: crypto.randomUUID() }, PackView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useSavePack(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (pack: Record<string, unknown>) => api.put(`/api/points/packs/${id}`, { pack }, PackView),
    onSuccess: (view) => { client.setQueryData(pointsKeys.pack(id), view); void client.invalidateQueries({ queryKey: pointsKeys.packs }); },
  });
}

export function useValidatePack() {
  return useMutation({ mutationFn: (pack: unknown) => api.post('/api/points/packs/validate', { pack }, PackValidation) });
}

export function usePackAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PackActionInput, 'transactionId'>) => api.post(`/api/points/packs/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, PackView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useCalculator(pack?: string) {
  return useQuery({ queryKey: pointsKeys.calculator(pack), queryFn: () => api.get(`/api/points/calculator${qs({ pack })}`, CalculatorView) });
}

/** The score of the answers so far; keeps showing the last result while the next is computed. */
export function useScore(input: CalculateInput | null) {
  return useQuery({
    queryKey: pointsKeys.score(input ?? { facts: {} }),
    queryFn: () => api.post('/api/points/calculate', input, ScoreView),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

// ── rounds, applications, department review ──

export function useRounds(mine = false) {
  return useQuery({ queryKey: ['points', 'rounds', mine], queryFn: () => api.get(mine ? '/api/points/my/rounds' : '/api/points/rounds', RoundList) });
}

export function useCreateRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<RoundInput, 'transactionId'>) => api.post('/api/points/rounds', { ...input, transactionId: crypto.randomUUID() }, RoundView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points', 'rounds'] }),
  });
}

export function useRoundAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/points/rounds/${id}/actions`, { action: 'close', transactionId: crypto.randomUUID() }, RoundView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points', 'rounds'] }),
  });
}

export function usePrefill(query: PrefillQuery | null) {
  return useQuery({ queryKey: ['points', 'prefill', query], queryFn: () => api.get(`/api/points/my/prefill${qs(query ?? {})}`, PrefillView), enabled: query !== null, retry: false });
}

export function useSubmitApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PointsApplicationInput, 'transactionId'> & { transactionId: string }) => api.post('/api/points/my/applications', input, PointsApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useMyApplications() {
  return useQuery({ queryKey: ['points', 'mine'], queryFn: () => api.get('/api/points/my/applications', MyApplications) });
}

export function useMyApplicationAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PointsApplicationActionInput, 'transactionId'>) => api.post(`/api/points/my/applications/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, PointsApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useApplications(query: Partial<PointsApplicationListQuery>) {
  return useQuery({ queryKey: ['points', 'applications', query], queryFn: () => api.get(`/api/points/applications${qs(query)}`, PointsApplicationPage) });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: ['points', 'application', id], queryFn: () => api.get(`/api/points/applications/${id}`, PointsApplicationView) });
}

export function usePersonApplications(personId: string) {
  return useQuery({ queryKey: ['points', 'person', personId], queryFn: () => api.get(`/api/points/persons/${personId}`, PersonApplications) });
}

export function useTasks(query: Partial<TaskListQuery>) {
  return useQuery({ queryKey: ['points', 'tasks', query], queryFn: () => api.get(`/api/points/tasks${qs(query)}`, TaskPage) });
}

export function useTaskAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<TaskActionInput, 'transactionId'>) => api.post(`/api/points/tasks/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, PointsApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

/** A supervisor starts a deferred deduction check. */
export function useStartTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/points/tasks/${id}/actions`, { action: 'start', transactionId: crypto.randomUUID() }, PointsApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useRoundRanking(id: string, query: { page: number; pageSize: number; admitted?: 'true' | 'false' }) {
  return useQuery({
    queryKey: ['points', 'ranking', id, query], queryFn: () => api.get(`/api/points/rounds/${id}/ranking${qs(query)}`, RankingPage),
    // While the shortlisting notices go out, their progress is followed.
    refetchInterval: (q) => (q.state.data?.round.notices && !q.state.data.round.notices.done ? 2000 : false),
  });
}

export function useRoundStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'close' | 'rank' | 'shortlist' | 'publish' | 'finalize') => api.post(`/api/points/rounds/${id}/actions`, { action, transactionId: crypto.randomUUID() }, RoundView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useObjections(roundId: string) {
  return useQuery({ queryKey: ['points', 'objections', roundId], queryFn: () => api.get(`/api/points/rounds/${roundId}/objections`, ObjectionList) });
}

export function useAnswerObjection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: Omit<ObjectionActionInput, 'transactionId'> & { id: string }) => api.post(`/api/points/objections/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, ObjectionView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function useStaffAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ApplicationStaffActionInput, 'transactionId'>) => api.post(`/api/points/applications/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, PointsApplicationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['points'] }),
  });
}

export function usePublicList(roundId: string, page: number, number?: string) {
  return useQuery({ queryKey: ['points', 'public', roundId, page, number], queryFn: () => api.get(`/api/points/public/rounds/${roundId}${qs({ page, pageSize: 50, number })}`, PublicList), placeholderData: keepPreviousData });
}

export function useFileObjection(roundId: string) {
  return useMutation({ mutationFn: (input: Omit<ObjectionInput, 'transactionId'> & { transactionId: string }) => api.post(`/api/points/public/rounds/${roundId}/objections`, input, ObjectionReceipt) });
}

export function usePointsStats() {
  return useQuery({ queryKey: ['points', 'stats'], queryFn: () => api.get('/api/points/stats', PointsStats) });
}
