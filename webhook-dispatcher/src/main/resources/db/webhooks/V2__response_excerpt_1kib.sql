-- A response excerpt is at most 1 KiB of UTF-8 (laas.webhooks.response-excerpt-bytes-max, at most 1024): the
-- sender cuts it (ResponseExcerpt); the table checks it again. NOT VALID: rows written before this limit (up to
-- 2 KB) stay as they are; every new or updated row is checked.
alter table webhooks.delivery_attempts
    add constraint delivery_attempts_response_excerpt_1kib check (octet_length(response_excerpt) <= 1024) not valid;

comment on column webhooks.delivery_attempts.response_excerpt is
    'At most the first 1 KiB of the response body (UTF-8, NUL removed); null for an empty body or no response';
