# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MODALITÀ DI PROVA: questa iniziativa è in fase di prova. Le dichiarazioni rilasciate ora sono di prova; non vengono trasmesse ad alcuna autorità e sono cancellate prima dell’apertura della raccolta.
console-certificate-published = Certificato rilasciato da { $authority } il { $date }.
console-certificate-download = Scarica il certificato (PDF)
