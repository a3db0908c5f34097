import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { list, projectSchema, type Project } from '@/types/api';

export const projectsQueryKey = (orgId: string) => ['orgs', orgId, 'projects'] as const;

export async function getProjects(orgId: string, signal?: AbortSignal): Promise<Project[]> {
  const page = await http.get('/api/projects', {
    query: { org_id: orgId },
    schema: list(projectSchema),
    signal,
  });
  return page.data;
}

export const projectsQueryOptions = (orgId: string) =>
  queryOptions({ queryKey: projectsQueryKey(orgId), queryFn: ({ signal }) => getProjects(orgId, signal) });

export function useProjects(orgId: string) {
  return useQuery(projectsQueryOptions(orgId));
}
