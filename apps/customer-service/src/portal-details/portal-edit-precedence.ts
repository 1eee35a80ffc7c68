import type { PortalCustomerField } from '@portico/contracts';

/** Who changed a field in the portal, and when (Portico's clock). */
export interface PortalEdit {
  at: Date;
  by: string;
}
export type PortalEdits = Partial<Record<PortalCustomerField, PortalEdit>>;

/** What an upstream write (Lago, an event) may do to a customer a portal edit touched. */
export type UpstreamVerdict =
  | { apply: false }
  | {
      apply: true;
      /** Fields whose portal value stays: the customer edited them after the upstream change. */
      keep: PortalCustomerField[];
      /** The edits still to defend against later, older-dated upstream writes; null when none. */
      edits: PortalEdits | null;
    };

/**
 * Newer wins, field by field where the portal is involved. An upstream write no newer than the
 * last upstream write applies nowhere (duplicates, out-of-order deliveries). Otherwise it applies,
 * except to a field the customer edited in the portal after the upstream change was made: made
 * before the edit, it must not undo it; made after, it wins and the field is upstream's again.
 */
export function judgeUpstream(
  lastUpstreamVersion: Date,
  edits: PortalEdits | null | undefined,
  upstreamVersion: Date,
): UpstreamVerdict {
  if (upstreamVersion <= lastUpstreamVersion) return { apply: false };
  const kept = Object.entries(edits ?? {}).filter(
    ([, edit]) => edit && new Date(edit.at) > upstreamVersion,
  ) as [PortalCustomerField, PortalEdit][];
  return {
    apply: true,
    keep: kept.map(([field]) => field),
    edits: kept.length ? (Object.fromEntries(kept) as PortalEdits) : null,
  };
}

/** The edits after the customer changed `fields` at `at`. */
export function recordPortalEdit(
  edits: PortalEdits | null | undefined,
  fields: readonly PortalCustomerField[],
  edit: PortalEdit,
): PortalEdits {
  const next: PortalEdits = { ...edits };
  for (const field of fields) next[field] = edit;
  return next;
}

/** The operator's API is the latest intent: a field it names is no longer defended. */
export function releaseEdits(
  edits: PortalEdits | null | undefined,
  named: readonly PortalCustomerField[],
): PortalEdits | null {
  const rest = Object.entries(edits ?? {}).filter(
    ([field]) => !named.includes(field as PortalCustomerField),
  );
  return rest.length ? (Object.fromEntries(rest) as PortalEdits) : null;
}
