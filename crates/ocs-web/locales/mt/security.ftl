# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Din il-formola ntbagħtet minn sit web ieħor, għalhekk ma ġietx aċċettata. Iftaħ il-formola f'dan is-sit u erġa' ibgħatha.
error-SEC-002 = Din il-formola skadiet jew ma nfetħitx fuq dan is-sit, għalhekk ma ġietx aċċettata u ma ġie ssejvjat xejn. Mur lura, erġa' tella' l-paġna u erġa' ibgħat il-formola.
