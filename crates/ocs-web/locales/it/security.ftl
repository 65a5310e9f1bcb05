# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Questo modulo è stato inviato da un altro sito web e quindi non è stato accettato. Apri il modulo su questo sito e invialo di nuovo.
error-SEC-002 = Questo modulo è scaduto o non è stato aperto su questo sito, quindi non è stato accettato e non è stato salvato nulla. Torni indietro, ricarichi la pagina e invii di nuovo il modulo.
