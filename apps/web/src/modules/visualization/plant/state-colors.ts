/**
 * One colour per running state, shared by the 2D layout and the 3D plant so a machine looks the same on
 * both (and matches the equipment list's state tags: running green, idle blue, setup orange, down red).
 */
export const STATE_COLORS = {
  running: '#52c41a',
  idle: '#1677ff',
  setup: '#fa8c16',
  down: '#ff4d4f',
} as const;
export type KnownState = keyof typeof STATE_COLORS;
export const KNOWN_STATES = Object.keys(STATE_COLORS) as KnownState[];
/** a state the controller names that is none of the above */
export const OTHER_STATE_COLOR = '#722ed1';
/** nothing reports a state (no bound device, or no sample yet) */
export const NO_STATE_COLOR = '#bfbfbf';

export const isKnownState = (state: string): state is KnownState => state in STATE_COLORS;

export function stateColor(state: string | null | undefined): string {
  if (state === null || state === undefined) return NO_STATE_COLOR;
  return isKnownState(state) ? STATE_COLORS[state] : OTHER_STATE_COLOR;
}
