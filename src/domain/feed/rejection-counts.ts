import { FieldError } from '../frame/validate-level-frame';

/** Frames refused by a source, in total and per reason. */
export interface RejectionCounts {
  readonly count: number;
  readonly byReason: Readonly<Record<string, number>>;
}

export const NO_REJECTIONS: RejectionCounts = { count: 0, byReason: {} };

/** Reason keys used by the sources (field problems use `invalid <field>`). */
export const REJECT_REASON = {
  malformedJson: 'malformed JSON',
  notAnObject: 'not a JSON object',
  badMessage: 'malformed message',
} as const;

/** Adds one rejection with `reason`; returns a new value. */
export function addRejection(counts: RejectionCounts, reason: string): RejectionCounts {
  return {
    count: counts.count + 1,
    byReason: { ...counts.byReason, [reason]: (counts.byReason[reason] ?? 0) + 1 },
  };
}

/**
 * The reason a frame is counted under: its first field error as `invalid <field>` (a frame with
 * several bad fields counts once), or "not a JSON object" when the whole value is wrong.
 */
export function rejectionReason(errors: readonly FieldError[]): string {
  const first = errors[0];
  if (first === undefined || first.field === '') return REJECT_REASON.notAnObject;
  return `invalid ${first.field}`;
}
