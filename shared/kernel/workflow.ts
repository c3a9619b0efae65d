import { AppError } from '../errors';

export type Transition<S extends string> = { from: readonly S[]; to: S; permission: string };

export type Workflow<S extends string, A extends string> = {
  statuses: readonly S[];
  actions: Record<A, Transition<S>>;
  /** The status `action` leads to from `status`, or AppError WORKFLOW_ACTION_NOT_OPEN / FORBIDDEN. */
  next(status: S, action: A, permissions: readonly string[]): S;
  /** The actions the holder of `permissions` may take from `status`, in declaration order. */
  available(status: S, permissions: readonly string[]): A[];
};

/** Declares a workflow: its statuses and, per action, where it may start, where it leads and who may take it. */
export function defineWorkflow<const S extends string, const A extends string>(
  statuses: readonly S[],
  actions: Record<A, Transition<S>>,
): Workflow<S, A> {
  const names = Object.keys(actions) as A[];
  return {
    statuses,
    actions,
    next(status, action, permissions) {
      const transition = actions[action];
      if (!transition || !transition.from.includes(status)) {
        throw new AppError('WORKFLOW_ACTION_NOT_OPEN', { status, action });
      }
      if (!permissions.includes(transition.permission)) {
        throw new AppError('FORBIDDEN', { permission: transition.permission });
      }
      return transition.to;
    },
    available(status, permissions) {
      return names.filter((name) => actions[name].from.includes(status) && permissions.includes(actions[name].permission));
    },
  };
}
