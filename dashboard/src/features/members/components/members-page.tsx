import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { Card, ConfirmDialog, Notice, PageHeader } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading, errorText } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useForm } from '@/lib/use-form';
import type { Member, Role } from '@/types/api';
import { addMemberInputSchema, useAddMember } from '../api/add-member';
import { useMembers } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';
import { useUpdateMemberRole } from '../api/update-member';

export interface MembersPageProps {
  orgId: string;
  orgName: string;
  /** Owners may invite, change roles and remove. */
  canManage: boolean;
  currentUserId: string;
}

function AddMemberForm({ orgId }: { orgId: string }) {
  const add = useAddMember(orgId);
  const form = useForm(addMemberInputSchema, { email: '', role: 'developer' });
  const [added, setAdded] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    add.mutate(input, {
      onSuccess: () => {
        setAdded(input.email);
        form.reset();
      },
      onError: form.fail,
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} data-testid="add-member-form" className="space-y-3">
      {added ? <Notice testId="member-added">{added} was added.</Notice> : null}
      <FormError message={form.errors.summary} />
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          label="Email"
          name="email"
          type="email"
          className="min-w-64 flex-1"
          value={form.values.email}
          onChange={(e) => form.set('email', e.target.value)}
          error={form.errors.fields.email}
        />
        <SelectField
          label="Role"
          name="role"
          value={form.values.role}
          onChange={(e) => form.set('role', e.target.value as Role)}
          error={form.errors.fields.role}
        >
          <option value="developer">developer</option>
          <option value="owner">owner</option>
        </SelectField>
        <Button type="submit" className="mt-6" busy={add.isPending} data-testid="add-member-submit">
          Add member
        </Button>
      </div>
    </form>
  );
}

export default function MembersPage({ orgId, orgName, canManage, currentUserId }: MembersPageProps) {
  const members = useMembers(orgId);
  const updateRole = useUpdateMemberRole(orgId);
  const remove = useRemoveMember(orgId);
  const [removing, setRemoving] = useState<Member | null>(null);

  return (
    <div className="space-y-6">
      <PageHeader title="Members" description={`People with access to ${orgName}.`} />
      {canManage ? (
        <Card title="Add a member">
          <AddMemberForm orgId={orgId} />
        </Card>
      ) : null}
      {updateRole.isError ? <ErrorState error={updateRole.error} /> : null}
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <Table testId="members-table" caption="Members">
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
              {canManage ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.data.map((member) => (
              <tr key={member.user_id} data-testid={`member-row-${member.email}`}>
                <Td>
                  {member.email}
                  {member.user_id === currentUserId ? (
                    <span className="ml-2 text-xs text-slate-400">(you)</span>
                  ) : null}
                </Td>
                <Td>
                  {canManage ? (
                    <SelectField
                      label={`Role of ${member.email}`}
                      hideLabel
                      name={`role-${member.user_id}`}
                      value={member.role}
                      disabled={updateRole.isPending}
                      onChange={(e) =>
                        updateRole.mutate({ userId: member.user_id, role: e.target.value as Role })
                      }
                    >
                      <option value="developer">developer</option>
                      <option value="owner">owner</option>
                    </SelectField>
                  ) : (
                    member.role
                  )}
                </Td>
                <Td>{formatDateTime(member.joined_at)}</Td>
                {canManage ? (
                  <Td className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setRemoving(member)}
                      data-testid="remove-member"
                    >
                      Remove
                    </Button>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove member?"
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        error={remove.isError ? errorText(remove.error) : null}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.user_id, { onSuccess: () => setRemoving(null) });
        }}
      >
        {removing ? `${removing.email} will lose access to ${orgName} and its ledgers.` : null}
      </ConfirmDialog>
    </div>
  );
}
