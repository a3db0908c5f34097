/** The organization picked in the header, remembered per browser. */
export const SELECTED_ORG_KEY = 'laas.org-id';

export function readSelectedOrgId(): string | null {
  try {
    return window.localStorage.getItem(SELECTED_ORG_KEY);
  } catch {
    return null;
  }
}

export function writeSelectedOrgId(orgId: string): void {
  try {
    window.localStorage.setItem(SELECTED_ORG_KEY, orgId);
  } catch {
    // not remembered; the first organization is picked next time
  }
}

/** The remembered organization when the person still belongs to it, else their first one. */
export function pickOrgId(orgIds: readonly string[], remembered: string | null): string | null {
  if (remembered && orgIds.includes(remembered)) {
    return remembered;
  }
  return orgIds[0] ?? null;
}
