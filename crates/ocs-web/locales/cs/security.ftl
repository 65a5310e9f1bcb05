# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Tento formulář byl odeslán z jiného webu, a proto nebyl přijat. Otevřete formulář na tomto webu a odešlete jej znovu.
