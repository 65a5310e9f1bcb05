# Strings of the security layer (cross-origin refusals, rate limits).
error-SEC-001 = This form was sent from another website, so it was not accepted. Open the form on this site and send it again.
error-SEC-002 = This form has expired or was not opened on this site, so it was not accepted and nothing was saved. Go back, reload the page and send the form again.
