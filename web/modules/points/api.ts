import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CalculatorView, PackList, PackValidation, PackView, ScoreView,
  type CalculateInput, type PackActionInput, type PackCopyInput,
} from '@shared/points/points.schema';
import { api, qs } from '../../lib/api';

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
