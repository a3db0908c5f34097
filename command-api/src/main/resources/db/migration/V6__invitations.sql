-- Invitations of people who have no LaaS user yet (issue 3). An owner invites an e-mail with a role; when someone
-- signs up or logs in with that e-mail while the invitation is open (neither accepted nor revoked) and unexpired,
-- they join the organization with that role. LaaS does not send the e-mail: the owner tells the person.
create table org_invitations (
    id          uuid primary key,
    org_id      uuid not null references organizations (id),
    email       text not null check (email = lower(btrim(email))),  -- normalised as users.email is
    role        text not null check (role in ('owner', 'developer')),
    invited_by  uuid not null references users (id),
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    accepted_by uuid references users (id),
    revoked_at  timestamptz,
    check (accepted_at is null or revoked_at is null)
);

-- At most one open invitation per organization and e-mail; inviting again renews it.
create unique index org_invitations_open on org_invitations (org_id, email)
    where accepted_at is null and revoked_at is null;
-- Sign-up and log-in look up the open invitations of one e-mail.
create index org_invitations_open_email on org_invitations (email)
    where accepted_at is null and revoked_at is null;
