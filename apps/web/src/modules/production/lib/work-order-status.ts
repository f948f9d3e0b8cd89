import type { PlanStatus, WorkOrderStatus } from '@greenmes/contracts';

export const WORK_ORDER_COLOR: Record<WorkOrderStatus, string> = {
  draft: 'default',
  released: 'blue',
  in_progress: 'processing',
  completed: 'success',
  closed: 'default',
  on_hold: 'warning',
  cancelled: 'error',
};

export const PLAN_COLOR: Record<PlanStatus, string> = {
  draft: 'default',
  confirmed: 'blue',
  closed: 'default',
};

export const OPERATION_COLOR: Record<string, string> = {
  pending: 'default',
  ready: 'blue',
  in_progress: 'processing',
  paused: 'warning',
  done: 'success',
};
