import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DivisionList } from '@shared/admin/admin.schema';
import { BuildingPage } from '@shared/registry/registry.schema';
import {
  DoorCreated, DoorList, DoorView, FlagPage, LetterCoverageView, LetterView, HouseHousingView, HouseTaxView, MyLetterHouses, PartyPage, PartyView, TaxBillPage, TaxPayResult, TaxRateList,
  type DoorInput, type LetterInput, type RentInput, type TaxBillQuery, type TaxRateInput, type BlacklistInput, type FlagListQuery, type LiftInput, type ManagerInput, type PartyInput, type PartyListQuery,
} from '@shared/housing/housing.schema';
import { z } from 'zod';
import { api, qs } from '../../lib/api';

const fresh = () => ({ transactionId: crypto.randomUUID() });
type Without<T> = Omit<T, 'transactionId'>;

export function useParties(query: Partial<PartyListQuery>) {
  return useQuery({ queryKey: ['housing', 'parties', query], queryFn: () => api.get(`/api/housing/parties${qs(query)}`, PartyPage) });
}

export function useParty(id: string | null) {
  return useQuery({ queryKey: ['housing', 'party', id], queryFn: () => api.get(`/api/housing/parties/${id}`, PartyView), enabled: Boolean(id) });
}

function useHousingMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  // A flag plans an inspection: the house page's inspection panel follows too.
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['housing'] }), client.invalidateQueries({ queryKey: ['inspections'] })]) });
}

export const useRegisterParty = () => useHousingMutation((input: Without<PartyInput>) => api.post('/api/housing/parties', { ...input, ...fresh() }, PartyView));
export const useBlacklist = (id: string) => useHousingMutation((input: Without<BlacklistInput>) => api.post(`/api/housing/parties/${id}/blacklist`, { ...input, ...fresh() }, PartyView));
export const useLift = () => useHousingMutation(({ entryId, ...input }: Without<LiftInput> & { entryId: string }) => api.post(`/api/housing/blacklist/${entryId}/lift`, { ...input, ...fresh() }, PartyView));

export function useHouseHousing(houseId: string) {
  return useQuery({ queryKey: ['housing', 'house', houseId], queryFn: () => api.get(`/api/housing/houses/${houseId}`, HouseHousingView) });
}

export const useAddManager = (houseId: string) => useHousingMutation((input: ManagerInput) => api.post(`/api/housing/houses/${houseId}/managers`, input, HouseHousingView));

export function useFlags(query: Partial<FlagListQuery>) {
  return useQuery({ queryKey: ['housing', 'flags', query], queryFn: () => api.get(`/api/housing/flags${qs(query)}`, FlagPage) });
}

export function useMyLetterHouses() {
  return useQuery({ queryKey: ['housing', 'my-letters'], queryFn: () => api.get('/api/housing/my/houses', MyLetterHouses) });
}

export const useSignLetter = () => useHousingMutation(({ houseId, version }: { houseId: string; version: number }) => api.post(`/api/housing/my/houses/${houseId}/sign`, { version, ...fresh() }, MyLetterHouses));

export function useMyTax() {
  return useQuery({ queryKey: ['housing', 'my-tax'], queryFn: () => api.get('/api/housing/my/tax', TaxBillPage) });
}

export const usePayTax = () => useHousingMutation((billId: string) => api.post(`/api/housing/my/tax/${billId}/pay`, {}, TaxPayResult));

export function useHouseTax(houseId: string) {
  return useQuery({ queryKey: ['housing', 'house-tax', houseId], queryFn: () => api.get(`/api/housing/houses/${houseId}/tax`, HouseTaxView) });
}

export const useDeclareRent = (houseId: string) => useHousingMutation((input: RentInput) => api.put(`/api/housing/houses/${houseId}/rent`, input, z.object({ ok: z.literal(true) })));

export function useTaxRates() {
  return useQuery({ queryKey: ['housing', 'tax-rates'], queryFn: () => api.get('/api/housing/tax/rates', TaxRateList) });
}

export const useSetTaxRate = () => useHousingMutation((input: TaxRateInput) => api.put('/api/housing/tax/rates', input, TaxRateList));

export function useTaxBills(query: Partial<TaxBillQuery>) {
  return useQuery({ queryKey: ['housing', 'tax-bills', query], queryFn: () => api.get(`/api/housing/tax/bills${qs(query)}`, TaxBillPage) });
}

export function useDoors() {
  return useQuery({ queryKey: ['housing', 'doors'], queryFn: () => api.get('/api/housing/doors', DoorList) });
}

export const useCreateDoor = () => useHousingMutation((input: DoorInput) => api.post('/api/housing/doors', input, DoorCreated));
export const useRevokeDoor = () => useHousingMutation((id: string) => api.post(`/api/housing/doors/${id}/revoke`, {}, DoorView));

/** Buildings of the jurisdiction matching an address, for choosing where a door system is. */
export function useBuildingSearch(q: string) {
  return useQuery({ queryKey: ['housing', 'buildings', q], queryFn: () => api.get(`/api/registry/buildings${qs({ q, pageSize: 20 })}`, BuildingPage), enabled: q.length >= 2 });
}

/** The divisions directly below `parent` (the city's districts, for the tax rates). */
export function useDivisionChildren(parent: string | undefined) {
  return useQuery({ queryKey: ['housing', 'divisions', parent], queryFn: () => api.get(`/api/divisions${qs({ parent })}`, DivisionList), enabled: Boolean(parent) });
}

export function useLetter() {
  return useQuery({ queryKey: ['housing', 'letter'], queryFn: () => api.get('/api/housing/letter', LetterView) });
}

export function useLetterCoverage(division: string | undefined) {
  return useQuery({ queryKey: ['housing', 'letter', 'coverage', division], queryFn: () => api.get(`/api/housing/letter/coverage${division ? `?division=${division}` : ''}`, LetterCoverageView) });
}

export const usePublishLetter = () => useHousingMutation((input: LetterInput) => api.post('/api/housing/letters', input, LetterView));
