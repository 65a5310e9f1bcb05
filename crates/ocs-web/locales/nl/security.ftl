# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Dit formulier is vanaf een andere website verstuurd en daarom niet aanvaard. Open het formulier op deze website en verstuur het opnieuw.
