# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Tento formulář byl odeslán z jiného webu, a proto nebyl přijat. Otevřete formulář na tomto webu a odešlete jej znovu.
error-SEC-002 = Platnost tohoto formuláře vypršela nebo nebyl otevřen na tomto webu, proto nebyl přijat a nic nebylo uloženo. Vraťte se, načtěte stránku znovu a odešlete formulář ještě jednou.
