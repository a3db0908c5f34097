import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http } from '@/lib/http';
import { projectSchema, type Project } from '@/types/api';
import { projectsQueryKey } from './get-projects';

/** Lower-case slug used in URLs and API keys: letters, digits, '-' and '_'. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const createProjectInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the project').max(200, 'Use at most 200 characters'),
  code: z
    .string()
    .trim()
    .regex(
      CODE_PATTERN,
      "Use 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit",
    ),
});
export type CreateProjectInput = z.infer<typeof createProjectInputSchema>;

export function createProject(orgId: string, input: CreateProjectInput): Promise<Project> {
  return http.post('/api/projects', { organization_id: orgId, ...input }, { schema: projectSchema });
}

export function useCreateProject(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProjectInput) => createProject(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsQueryKey(orgId) }),
  });
}
