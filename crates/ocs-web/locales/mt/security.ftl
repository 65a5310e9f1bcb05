# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Din il-formola ntbagħtet minn sit web ieħor, għalhekk ma ġietx aċċettata. Iftaħ il-formola f'dan is-sit u erġa' ibgħatha.
