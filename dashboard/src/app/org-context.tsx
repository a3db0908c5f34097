import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { pickOrgId, readSelectedOrgId, writeSelectedOrgId } from '@/lib/selected-org';
import type { Me, Organization } from '@/types/api';

interface OrgState {
  me: Me;
  organizations: readonly Organization[];
  /** null only for a user who belongs to no organization. */
  selected: Organization | null;
  select: (orgId: string) => void;
}

const OrgContext = createContext<OrgState | null>(null);

export function OrgProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [remembered, setRemembered] = useState(readSelectedOrgId);
  const select = useCallback((orgId: string) => {
    writeSelectedOrgId(orgId);
    setRemembered(orgId);
  }, []);
  const value = useMemo<OrgState>(() => {
    const id = pickOrgId(
      me.organizations.map((o) => o.id),
      remembered,
    );
    return {
      me,
      organizations: me.organizations,
      selected: me.organizations.find((o) => o.id === id) ?? null,
      select,
    };
  }, [me, remembered, select]);
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export function useOrgs(): OrgState {
  const state = useContext(OrgContext);
  if (!state) {
    throw new Error('useOrgs is used outside OrgProvider');
  }
  return state;
}
