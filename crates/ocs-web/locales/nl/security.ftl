# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Dit formulier is vanaf een andere website verstuurd en daarom niet aanvaard. Open het formulier op deze website en verstuur het opnieuw.
error-SEC-002 = Dit formulier is verlopen of is niet op deze website geopend. Het is daarom niet aanvaard en er is niets opgeslagen. Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens.
