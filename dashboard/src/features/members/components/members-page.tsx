import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { Card, ConfirmDialog, Notice, PageHeader } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading, errorText } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useForm } from '@/lib/use-form';
import type { Member, Role } from '@/types/api';
import { addMemberInputSchema, useAddMember, type AddMemberResult } from '../api/add-member';
import { useCancelInvitation } from '../api/cancel-invitation';
import { useMembers, type Invitation } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';
import { useUpdateMemberRole } from '../api/update-member';

export interface MembersPageProps {
  orgId: string;
  orgName: string;
  /** Owners may invite, change roles and remove. */
  canManage: boolean;
  currentUserId: string;
}

/** What the form says after a successful submit: added at once, or invited (no LaaS user with that e-mail yet). */
export function AddMemberNotice({ result }: { result: AddMemberResult }) {
  if (result.status === 'added') {
    return (
      <Notice testId="member-added">
        {result.email} was added as {result.role}.
      </Notice>
    );
  }
  return (
    <Notice testId="member-invited" tone="amber">
      {result.email} has no LaaS account yet, so they were invited as {result.role}. They join when they sign
      up or log in with this e-mail before {formatDateTime(result.expires_at)}. LaaS sends no e-mail: let them
      know yourself.
    </Notice>
  );
}

/** Open invitations, with a cancel action for owners. */
export function InvitationsTable({
  invitations,
  canManage,
  cancelling,
  onCancel,
}: {
  invitations: Invitation[];
  canManage: boolean;
  /** The invitation being cancelled, if any (its button shows busy). */
  cancelling: string | null;
  onCancel: (invitation: Invitation) => void;
}) {
  return (
    <Table testId="invitations-table" caption="Pending invitations">
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Invited by</Th>
          <Th>Expires</Th>
          {canManage ? <Th className="text-right">Actions</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invitations.map((invitation) => (
          <tr key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
            <Td>
              {invitation.email}
              <span className="ml-2 text-xs text-amber-600">invited</span>
            </Td>
            <Td>{invitation.role}</Td>
            <Td>{invitation.invited_by}</Td>
            <Td>{formatDateTime(invitation.expires_at)}</Td>
            {canManage ? (
              <Td className="text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  busy={cancelling === invitation.id}
                  onClick={() => onCancel(invitation)}
                  data-testid="cancel-invitation"
                >
                  Cancel invitation
                </Button>
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function AddMemberForm({ orgId }: { orgId: string }) {
  const add = useAddMember(orgId);
  const form = useForm(addMemberInputSchema, { email: '', role: 'developer' });
  const [result, setResult] = useState<AddMemberResult | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    setResult(null);
    add.mutate(input, {
      onSuccess: (answer) => {
        setResult(answer);
        form.reset();
      },
      onError: form.fail,
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} data-testid="add-member-form" className="space-y-3">
      {result ? <AddMemberNotice result={result} /> : null}
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
          Add or invite
        </Button>
      </div>
    </form>
  );
}

export default function MembersPage({ orgId, orgName, canManage, currentUserId }: MembersPageProps) {
  const members = useMembers(orgId);
  const updateRole = useUpdateMemberRole(orgId);
  const remove = useRemoveMember(orgId);
  const cancel = useCancelInvitation(orgId);
  const [removing, setRemoving] = useState<Member | null>(null);

  return (
    <div className="space-y-6">
      <PageHeader title="Members" description={`People with access to ${orgName}.`} />
      {canManage ? (
        <Card title="Add or invite a member">
          <AddMemberForm orgId={orgId} />
        </Card>
      ) : null}
      {updateRole.isError ? <ErrorState error={updateRole.error} /> : null}
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.members.length === 0 ? (
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
            {members.data.members.map((member) => (
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
      {cancel.isError ? <ErrorState error={cancel.error} /> : null}
      {members.data && members.data.invitations.length > 0 ? (
        <InvitationsTable
          invitations={members.data.invitations}
          canManage={canManage}
          cancelling={cancel.isPending ? (cancel.variables ?? null) : null}
          onCancel={(invitation) => cancel.mutate(invitation.id)}
        />
      ) : null}
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
