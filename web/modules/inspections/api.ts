import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CalendarView, CampaignPage, CampaignView, ChecklistItemView, ChecklistView, GridsView, HazardPage, InspectionStatsView, RegistrationTaskPage, RegistrationTaskView,
  type CampaignInput, type ChecklistItemInput, type InspectionStatsQuery, type RegistrationTaskActionInput, type RegistrationTaskQuery, HazardView, HouseInspectionsView, InspectionPage, InspectionView, MyHousesView,
  type HazardActionInput, type HazardListQuery, type InspectionListQuery, type InspectionSubmitInput,
} from '@shared/inspections/inspection.schema';
import { api, qs } from '../../lib/api';

export type HazardSide = 'staff' | 'department' | 'landlord';
const base = (side: HazardSide) => (side === 'staff' ? '/api/inspections/hazards' : side === 'department' ? '/api/inspections/department/hazards' : '/api/inspections/my/hazards');

export function useChecklist() {
  return useQuery({ queryKey: ['inspections', 'checklist'], queryFn: () => api.get('/api/inspections/checklist', ChecklistView) });
}

/** Edits one checklist item (city level); the inspections planned from now on use it. */
export function useUpdateChecklistItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, input }: { code: string; input: ChecklistItemInput }) => api.put(`/api/inspections/checklist/${code}`, input, ChecklistItemView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspections', 'checklist'] }),
  });
}

export function useInspections(query: Partial<InspectionListQuery>) {
  return useQuery({ queryKey: ['inspections', 'list', query], queryFn: () => api.get(`/api/inspections/inspections${qs(query)}`, InspectionPage) });
}

export function useInspection(id: string) {
  return useQuery({ queryKey: ['inspections', 'one', id], queryFn: () => api.get(`/api/inspections/inspections/${id}`, InspectionView) });
}

/**
 * Sends an inspection. The caller keeps one transaction id per inspection, so a send retried after a dropped
 * connection is recorded once; the mutation itself retries a few times when the network fails.
 */
export function useSubmitInspection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InspectionSubmitInput) => api.post(`/api/inspections/inspections/${id}/submit`, input, InspectionView),
    retry: (count, error) => count < 3 && error instanceof TypeError,
    retryDelay: (count) => 1000 * 2 ** count,
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspections'] }),
  });
}

export function useCancelInspection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post(`/api/inspections/inspections/${id}/cancel`, { reason, transactionId: crypto.randomUUID() }, InspectionView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspections'] }),
  });
}

export function useHouseInspections(houseId: string) {
  return useQuery({ queryKey: ['inspections', 'house', houseId], queryFn: () => api.get(`/api/inspections/houses/${houseId}`, HouseInspectionsView) });
}

export function useHazards(side: HazardSide, query: Partial<HazardListQuery>) {
  return useQuery({ queryKey: ['inspections', 'hazards', side, query], queryFn: () => api.get(`${base(side)}${qs(query)}`, HazardPage) });
}

export function useHazard(side: HazardSide, id: string | null) {
  return useQuery({ queryKey: ['inspections', 'hazard', side, id], queryFn: () => api.get(`${base(side)}/${id}`, HazardView), enabled: Boolean(id) });
}

export function useHazardAction(side: HazardSide, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<HazardActionInput, 'transactionId'>) => api.post(`${base(side)}/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, HazardView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspections'] }),
  });
}

export function useMyHouses() {
  return useQuery({ queryKey: ['inspections', 'my-houses'], queryFn: () => api.get('/api/inspections/my/houses', MyHousesView) });
}

export function useCalendar(month: string) {
  return useQuery({ queryKey: ['inspections', 'calendar', month], queryFn: () => api.get(`/api/inspections/calendar${qs({ month })}`, CalendarView) });
}

export function useGrids(page: number, pageSize: number) {
  return useQuery({ queryKey: ['inspections', 'grids', page, pageSize], queryFn: () => api.get(`/api/inspections/grids${qs({ page, pageSize })}`, GridsView) });
}

export function useInspectionStats(query: Partial<InspectionStatsQuery>) {
  return useQuery({ queryKey: ['inspections', 'stats', query], queryFn: () => api.get(`/api/inspections/stats${qs(query)}`, InspectionStatsView) });
}

export function useRegistrationTasks(query: Partial<RegistrationTaskQuery>) {
  return useQuery({ queryKey: ['inspections', 'registration-tasks', query], queryFn: () => api.get(`/api/inspections/registration-tasks${qs(query)}`, RegistrationTaskPage) });
}

export function useRegistrationTaskAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<RegistrationTaskActionInput, 'transactionId'>) => api.post(`/api/inspections/registration-tasks/${id}/actions`, { ...input, transactionId: crypto.randomUUID() }, RegistrationTaskView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspections'] }),
  });
}

export function useCampaigns(page: number) {
  return useQuery({ queryKey: ['inspections', 'campaigns', page], queryFn: () => api.get(`/api/inspections/campaigns${qs({ page, pageSize: 20 })}`, CampaignPage) });
}

/** Starts a campaign (专项整治) over an area; the key makes a retried start one campaign. */
export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) => api.post('/api/inspections/campaigns', input, CampaignView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspections'] }),
  });
}
