# Strings of the security layer (cross-origin refusals).
error-SEC-001 = See vorm saadeti teiselt veebisaidilt ja seetõttu seda ei võetud vastu. Avage vorm sellel saidil ja saatke see uuesti.
