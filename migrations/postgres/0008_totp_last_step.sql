-- The last TOTP time step accepted per console account (issue 19, finding 5): a code at or
-- before it is refused, so a code seen over a shoulder or in a proxy log cannot be used
-- again within its validity window. NULL until the first code is accepted.
ALTER TABLE console_users ADD COLUMN totp_last_step BIGINT;
