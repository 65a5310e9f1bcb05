# Strings of the security layer (cross-origin refusals).
error-SEC-001 = See vorm saadeti teiselt veebisaidilt ja seetõttu seda ei võetud vastu. Avage vorm sellel saidil ja saatke see uuesti.
error-SEC-002 = Selle vormi kehtivus on lõppenud või seda ei avatud sellel saidil, seega seda ei võetud vastu ja midagi ei salvestatud. Minge tagasi, laadige leht uuesti ja saatke vorm uuesti.
