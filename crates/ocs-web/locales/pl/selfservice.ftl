# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Twoja deklaracja poparcia
selfservice-secret = Tajny kod potwierdzenia
selfservice-secret-once = Ten tajny kod jest wyświetlany tylko teraz i nie jest przechowywany na naszym serwerze. Wraz z identyfikatorem deklaracji pozwala sprawdzić, czy deklaracja jest liczona, albo wycofać ją, dopóki trwa zbieranie. Zapisz go lub pobierz potwierdzenie.
selfservice-download = Pobierz potwierdzenie jako plik tekstowy
selfservice-link = Sprawdź lub wycofaj deklarację
selfservice-intro = Wpisz identyfikator deklaracji i tajny kod z potwierdzenia.
selfservice-check = Sprawdź moją deklarację
selfservice-withdraw = Wycofaj moją deklarację
selfservice-withdraw-note = Wycofanie usuwa Twoją deklarację poparcia. Możesz podpisać ponownie, dopóki trwa zbieranie.
selfservice-withdraw-closed = Zbieranie zakończone: deklaracje można sprawdzić, ale nie można ich już wycofać.
selfservice-duplicates = Każda osoba jest liczona raz. Deklaracja złożona wcześniej z innym potwierdzeniem pozostaje ważna i można ją wycofać tylko z jej własnym potwierdzeniem.
selfservice-counted = Twoja deklaracja poparcia jest zarejestrowana i liczona.
selfservice-withdrawn = Twoja deklaracja poparcia została wycofana i usunięta. Nie jest już liczona.
selfservice-file-initiative = Inicjatywa
selfservice-file-howto = Aby sprawdzić lub wycofać deklarację, otwórz tę stronę i wpisz identyfikator oraz tajny kod:
error-SLF-001 = Żadna liczona deklaracja nie pasuje do tego identyfikatora i kodu. Sprawdź oba.
error-SLF-002 = Zbieranie zakończone: deklaracji nie można już wycofać.
