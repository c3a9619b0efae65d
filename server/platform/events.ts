import type { Tx } from './db/client';
import type { Ctx } from './http/context';

/** What modules tell each other happened, by name, with what they need to know. */
export type DomainEvents = {
  /** Persons moved from one registered home to another (the old stay ended, a new one began): one, or a batch of an import. */
  'registry.person.moved': { personIds: string[] };
  /** A house was added to the registry. */
  'registry.house.created': { houseId: string; divisionCode: string; address: string; use: string };
  /** A building was retired with its houses (demolished, or never a real address). */
  'registry.houses.retired': { buildingId: string; houseIds: string[] };
  /** A duplicate building was merged into another: its houses (now at the other's address) and everything about it moved there. */
  'registry.building.merged': { fromBuildingId: string; intoBuildingId: string; intoAddress: string; houses: { houseId: string; address: string }[]; residentIds: string[] };
  /** Someone moved into or out of these houses. */
  'registry.occupancy.changed': { houseIds: string[] };
};

type EventCtx = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>;
type Handler<N extends keyof DomainEvents> = (tx: Tx, ctx: EventCtx, payload: DomainEvents[N]) => Promise<void>;

const handlers = new Map<keyof DomainEvents, Handler<keyof DomainEvents>[]>();

/**
 * A module that depends on another hears its events without the other importing it (permits follow the registry;
 * the registry cannot call permits). Handlers are named once, at load.
 */
export function onDomainEvent<N extends keyof DomainEvents>(name: N, handler: Handler<N>): void {
  handlers.set(name, [...(handlers.get(name) ?? []), handler as Handler<keyof DomainEvents>]);
}

/** Runs every handler of the event in the emitter's transaction: what follows from a change commits with it, or not at all. */
export async function emitDomainEvent<N extends keyof DomainEvents>(tx: Tx, ctx: EventCtx, name: N, payload: DomainEvents[N]): Promise<void> {
  for (const handler of handlers.get(name) ?? []) await handler(tx, ctx, payload);
}
