# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Questo modulo è stato inviato da un altro sito web e quindi non è stato accettato. Apri il modulo su questo sito e invialo di nuovo.
