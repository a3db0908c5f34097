import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { addMemberResultSchema } from '../api/add-member';
import type { Invitation } from '../api/get-members';
import { AddMemberNotice, InvitationsTable } from './members-page';

const invitation: Invitation = {
  id: 'inv-1',
  email: 'newcomer@example.com',
  role: 'developer',
  invited_by: 'owner@example.com',
  created_at: '2026-11-24T10:00:00Z',
  expires_at: '2026-12-08T10:00:00Z',
};

describe('members page', () => {
  it('says an unregistered e-mail was invited, not added, and that LaaS sends no e-mail', () => {
    const result = addMemberResultSchema.parse({
      status: 'invited',
      id: 'inv-1',
      email: 'newcomer@example.com',
      role: 'developer',
      invited_by: 'owner@example.com',
      created_at: '2026-11-24T10:00:00Z',
      expires_at: '2026-12-08T10:00:00Z',
    });
    const html = renderToStaticMarkup(<AddMemberNotice result={result} />);
    expect(html).toContain('data-testid="member-invited"');
    expect(html).toContain('newcomer@example.com has no LaaS account yet');
    expect(html).toContain('invited as developer');
    expect(html).toContain('LaaS sends no e-mail');
    expect(html).not.toContain('was added');
  });

  it('says a registered user was added', () => {
    const result = addMemberResultSchema.parse({
      status: 'added',
      user_id: 'u-1',
      email: 'colleague@example.com',
      role: 'owner',
    });
    const html = renderToStaticMarkup(<AddMemberNotice result={result} />);
    expect(html).toContain('data-testid="member-added"');
    expect(html).toContain('colleague@example.com was added as owner.');
  });

  it('lists pending invitations with a cancel action for owners only', () => {
    const forOwner = renderToStaticMarkup(
      <InvitationsTable invitations={[invitation]} canManage cancelling={null} onCancel={() => undefined} />,
    );
    expect(forOwner).toContain('data-testid="invitation-row-newcomer@example.com"');
    expect(forOwner).toContain('owner@example.com');
    expect(forOwner).toContain('data-testid="cancel-invitation"');
    expect(forOwner).toContain('Pending invitations');

    const forDeveloper = renderToStaticMarkup(
      <InvitationsTable
        invitations={[invitation]}
        canManage={false}
        cancelling={null}
        onCancel={() => undefined}
      />,
    );
    expect(forDeveloper).toContain('newcomer@example.com');
    expect(forDeveloper).not.toContain('cancel-invitation');
  });

  it('refuses an answer that is neither added nor invited', () => {
    expect(addMemberResultSchema.safeParse({ status: 'pending', email: 'x@example.com' }).success).toBe(
      false,
    );
  });
});
