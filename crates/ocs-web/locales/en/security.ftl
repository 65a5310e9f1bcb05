# Strings of the security layer (cross-origin refusals, rate limits).
error-SEC-001 = This form was sent from another website, so it was not accepted. Open the form on this site and send it again.
