import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  BuildingPage, BuildingView, HouseDetail, HousePage, HouseQrView, HouseView, PersonList, PersonPage, QrHouseView, PersonRef, PersonView, ResidenceView,
  type ArriveInput, type BuildingInput, type BuildingListQuery, type HouseInput, type HouseListQuery, type LeaveInput, type PersonInput, type PersonListQuery, type PersonUpdate,
} from '@shared/registry/registry.schema';
import { DeclarationPage, DeclarationView, type DeclarationInput, type DeclarationListQuery } from '@shared/registry/declaration.schema';
import { ImportPage, ImportView } from '@shared/registry/import.schema';
import { api, qs } from '../../lib/api';

export const registryKeys = {
  persons: (query: Partial<PersonListQuery>) => ['registry', 'persons', query] as const,
  person: (id: string) => ['registry', 'person', id] as const,
  buildings: (query: Partial<BuildingListQuery>) => ['registry', 'buildings', query] as const,
  houses: (query: Partial<HouseListQuery>) => ['registry', 'houses', query] as const,
  house: (id: string) => ['registry', 'house', id] as const,
};

export function usePersons(query: Partial<PersonListQuery>) {
  return useQuery({ queryKey: registryKeys.persons(query), queryFn: () => api.get(`/api/registry/persons${qs(query)}`, PersonPage) });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: registryKeys.person(id), queryFn: () => api.get(`/api/registry/persons/${id}`, PersonView) });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonInput) => api.post('/api/registry/persons', input, PersonView.extend({ duplicates: z.array(PersonRef) })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useBuildings(query: Partial<BuildingListQuery>, enabled = true) {
  return useQuery({ queryKey: registryKeys.buildings(query), queryFn: () => api.get(`/api/registry/buildings${qs(query)}`, BuildingPage), enabled });
}

export function useCreateBuilding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BuildingInput) => api.post('/api/registry/buildings', input, BuildingView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useHouses(query: Partial<HouseListQuery>, enabled = true) {
  return useQuery({ queryKey: registryKeys.houses(query), queryFn: () => api.get(`/api/registry/houses${qs(query)}`, HousePage), enabled });
}

export function useHouse(id: string) {
  return useQuery({ queryKey: registryKeys.house(id), queryFn: () => api.get(`/api/registry/houses/${id}`, HouseDetail) });
}

export function useCreateHouse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: HouseInput) => api.post('/api/registry/houses', input, HouseView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useArrive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ArriveInput) => api.post('/api/registry/residences/arrive', input, ResidenceView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useLeave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: LeaveInput & { id: string }) => api.post(`/api/registry/residences/${id}/leave`, input, ResidenceView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useHouseQr(id: string) {
  return useQuery({ queryKey: ['registry', 'house-qr', id], queryFn: () => api.get(`/api/registry/houses/${id}/qr`, HouseQrView) });
}

export function useRevokeQr() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/registry/houses/${id}/qr/revoke`, undefined, HouseQrView),
    onSuccess: (_, id) => client.invalidateQueries({ queryKey: ['registry', 'house-qr', id] }),
  });
}

export function useRetireBuilding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/registry/buildings/${id}/retire`, undefined, BuildingView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useMergeBuilding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, intoId }: { id: string; intoId: string }) => api.post(`/api/registry/buildings/${id}/merge`, { intoId }, BuildingView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

// ── self-declarations ────────────────────────────────────────────────────────

export function useDeclarations(query: Partial<DeclarationListQuery>) {
  return useQuery({ queryKey: ['registry', 'declarations', query], queryFn: () => api.get(`/api/registry/declarations${qs(query)}`, DeclarationPage) });
}

export function useMyDeclarations() {
  return useQuery({ queryKey: ['registry', 'my-declarations'], queryFn: () => api.get('/api/registry/my/declarations?pageSize=50', DeclarationPage) });
}

export function useQrHouse(token: string) {
  return useQuery({ queryKey: ['registry', 'qr', token], queryFn: () => api.get(`/api/registry/qr/${encodeURIComponent(token)}`, QrHouseView), retry: false });
}

export function useDeclare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DeclarationInput) => api.post('/api/registry/declarations', input, DeclarationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry', 'my-declarations'] }),
  });
}

/** Confirm, reject or withdraw a declaration; each attempt carries its own idempotency key. */
export function useDecideDeclaration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'confirm' | 'reject' | 'withdraw'; reason?: string }) =>
      api.post(`/api/registry/declarations/${id}/${action}`, { transactionId: crypto.randomUUID(), ...(reason ? { reason } : {}) }, DeclarationView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

// ── bulk import ──────────────────────────────────────────────────────────────

/** Imports in the caller's jurisdiction; polled every second while one is still working. */
export function useImports(page: number) {
  return useQuery({
    queryKey: ['registry', 'imports', page],
    queryFn: () => api.get(`/api/registry/imports${qs({ page, pageSize: 10 })}`, ImportPage),
    refetchInterval: (query) => (query.state.data?.items.some((item) => item.status === 'queued' || item.status === 'running') ? 1000 : false),
  });
}

export function useUploadImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload(`/api/registry/imports${qs({ fileName: file.name })}`, file, ImportView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry', 'imports'] }),
  });
}

export function useVisitBuilding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) => api.post(`/api/registry/buildings/${id}/visit`, note ? { note } : {}, BuildingView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonUpdate) => api.patch(`/api/registry/persons/${id}`, input, PersonView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useDuplicates(id: string) {
  return useQuery({ queryKey: ['registry', 'duplicates', id], queryFn: () => api.get(`/api/registry/persons/${id}/duplicates`, PersonList) });
}

export function useMergePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, intoId }: { id: string; intoId: string }) => api.post(`/api/registry/persons/${id}/merge`, { intoId }, PersonView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}
