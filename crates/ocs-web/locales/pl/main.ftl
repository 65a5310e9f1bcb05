# OpenOCS — polski interfejs użytkownika (strona publiczna).

site-name = OpenOCS
site-tagline = Zbieranie online deklaracji poparcia dla europejskich inicjatyw obywatelskich
skip-to-content = Przejdź do treści głównej
language-name = polski
language-label = Język
language-nav = Wybierz język
footer-text = OpenOCS, wolne oprogramowanie na licencji EUPL-1.2.

index-title = Inicjatywy obywatelskie zbierające tu poparcie
index-empty = Ta strona nie obsługuje jeszcze żadnej inicjatywy.
original-language-note = Ten tekst jest wyświetlany w oryginalnym języku inicjatywy ({ $language }), ponieważ nie dostarczono tłumaczenia na Twój język.

initiative-registration-number = Numer rejestracyjny Komisji
initiative-registration-date = Data rejestracji
initiative-subject = Przedmiot
initiative-objectives = Główne cele
initiative-organisers = Organizatorzy
initiative-register = Strona w rejestrze Komisji
initiative-website = Strona internetowa inicjatywy
initiative-period = Okres zbierania deklaracji
initiative-period-value = od { $start } do { $end }
initiative-status = Stan
status-draft = W przygotowaniu, zbieranie jeszcze się nie rozpoczęło
status-collecting = Trwa zbieranie deklaracji poparcia
status-paused = Zbieranie wstrzymane
status-closed = Zbieranie zakończone
role-representative = przedstawiciel
role-substitute = zastępca
role-member = członek
privacy-heading = Ochrona danych
privacy-organisers-heading = Informacja organizatorów
privacy-statement-heading = Oświadczenie o ochronie prywatności
privacy-security = Twoje dane są szyfrowane przed zapisaniem; ta strona sama nie może ich odczytać.
privacy-controller-group = Administrator: grupa organizatorów tej inicjatywy reprezentowana przez { $representative }. Kontakt: { $contact }
privacy-controller-entity = Administrator: { $entity }, osoba prawna utworzona przez grupę organizatorów. Kontakt: { $contact }
privacy-dpo = Inspektor ochrony danych: { $dpo }
privacy-no-dpo = Organizatorzy nie wyznaczyli inspektora ochrony danych.
privacy-dpa-link = Organy ochrony danych państw członkowskich (wykaz Europejskiej Rady Ochrony Danych)
privacy-withdrawal = Deklarację poparcia możesz wycofać za pomocą identyfikatora i tajnego kodu z potwierdzenia do końca okresu zbierania ({ $end }). Jeżeli organizatorzy wycofają inicjatywę, deklaracje zostaną zniszczone w ciągu miesiąca.
certificate-heading = Certyfikat systemu zbierania deklaracji online
certificate-pending = Certyfikat wydany przez właściwy organ krajowy jest publikowany tutaj przed rozpoczęciem zbierania.

progress-heading = Dotychczasowe poparcie
progress-total = { $count } z { $threshold } deklaracji poparcia
progress-states = { $reached ->
    [one] { $reached } państwo członkowskie z { $needed } osiągnęło wymagane minimum
    [few] { $reached } państwa członkowskie z { $needed } osiągnęły wymagane minimum
    [many] { $reached } państw członkowskich z { $needed } osiągnęło wymagane minimum
   *[other] { $reached } państwa członkowskiego z { $needed } osiągnęło wymagane minimum
}
progress-bar-label = Postęp w drodze do miliona deklaracji poparcia
progress-updated = Dane na { $time }, liczone wyłącznie z zapisanych deklaracji.
progress-none = Nie policzono jeszcze żadnej deklaracji poparcia.
progress-col-country = Państwo członkowskie
progress-col-count = Deklaracje
progress-col-minimum = Minimum
progress-col-reached = Minimum osiągnięte
progress-yes = tak
progress-no = jeszcze nie

choose-heading = Poprzyj tę inicjatywę
choose-intro = Dane, które musisz podać, zależą od Twojego obywatelstwa. Obywatele są liczeni w państwie członkowskim, którego są obywatelami, niezależnie od miejsca zamieszkania.
choose-label = Twoje obywatelstwo
choose-placeholder = Wybierz obywatelstwo
choose-submit = Dalej

sign-for-nationality = Formularz dla obywateli państwa: { $country }
sign-change-nationality = Zmień obywatelstwo
sign-part-a-intro = Wymagane dane (państwo: { $country }): imiona i nazwiska, adres oraz data urodzenia.
sign-part-b-intro = Wymagane dane (państwo: { $country }): imiona i nazwiska oraz numer jednego dokumentu tożsamości.
sign-required-note = Wszystkie pola oznaczone jako obowiązkowe muszą zostać wypełnione.
sign-required = obowiązkowe
sign-optional = nieobowiązkowe
sign-declaration-heading = Oświadczenie
sign-consent = Popieram inicjatywę obywatelską { $title } ({ $number }) i składam powyższe oświadczenie.
sign-confirm = Sprawdziłem(-am) oznaczone powyżej dane i są one poprawne w takiej postaci, w jakiej je wprowadzono.
sign-confirm-hint = Niektóre numery nie mają typowego formatu. Jeśli Twój jest poprawny, zaznacz to pole i wyślij formularz ponownie.
sign-submit = Podpisz
sign-privacy-note = Twoje dane są szyfrowane przed zapisaniem i mogą je odczytać jedynie organizatorzy w trybie offline oraz właściwe organy krajowe w celu weryfikacji.
sign-proof-working = Sprawdzamy, czy jesteś człowiekiem. Możesz dalej wypełniać formularz.
sign-proof-done = Sprawdzanie zakończone. Możesz wysłać formularz.
sign-proof-failed = Automatyczne sprawdzenie nie powiodło się. Nadal możesz wysłać formularz; potrwa to kilka sekund dłużej.
sign-noscript = Formularz działa także bez JavaScriptu: wypełnij go spokojnie, a następnie wyślij.
sign-choose-document = Wybierz dokument
sign-choose-country = Wybierz państwo
sign-date-hint = Format: RRRR-MM-DD, na przykład 1990-04-25

field-full-first-names = Imiona
field-family-names = Nazwiska
field-street = Ulica
field-street-number = Numer domu
field-postal-code = Kod pocztowy
field-city = Miejscowość
field-country = Państwo zamieszkania
field-date-of-birth = Data urodzenia
field-id-type = Dokument tożsamości
field-id-number = Numer dokumentu
field-consent = Oświadczenie
field-nationality = Obywatelstwo

doc-passport = Paszport
doc-id-card = Dowód osobisty
doc-personal-number = Numer osobisty
doc-personal-id = Osobisty numer identyfikacyjny
doc-national-id-number = Krajowy numer identyfikacyjny
doc-citizens-card = Karta obywatela
doc-residence-permit = Zezwolenie na pobyt

error-summary-title = W podanych danych jest problem
error-title-prefix = Błąd
error-code-label = Kod błędu
error-SIG-001 = To pole jest obowiązkowe.
error-SIG-002 = To pole nie należy do formularza dla Twojego obywatelstwa.
error-SIG-003 = Ta wartość jest za długa.
error-SIG-004 = Ta wartość zawiera niedozwolone znaki.
error-SIG-005 = Ten numer nie ma typowego formatu dla tego dokumentu. Sprawdź go lub potwierdź, że jest poprawny.
error-SIG-006 = Ten numer jest nieprawidłowy: cyfra kontrolna się nie zgadza. Sprawdź, czy nie ma literówek.
error-SIG-007 = Wpisz istniejącą datę w formacie RRRR-MM-DD.
error-SIG-008 = Ta data urodzenia nie jest możliwa.
error-SIG-009 = Aby poprzeć inicjatywę obywatelską, musisz mieć ukończony minimalny wiek obowiązujący w Twoim państwie członkowskim.
error-SIG-010 = Wybierz obywatelstwo państwa członkowskiego UE.
error-SIG-011 = Ten rodzaj dokumentu nie jest akceptowany dla Twojego obywatelstwa.
error-SIG-012 = Wybierz państwo zamieszkania z listy.
error-SIG-013 = Aby poprzeć inicjatywę, musisz zaakceptować oświadczenie.
error-SIG-014 = Ten kod pocztowy nie ma typowego formatu. Sprawdź go lub potwierdź, że jest poprawny.
error-SIG-015 = Ten numer może być nieprawidłowy. Sprawdź go lub potwierdź, że jest poprawny.
error-SIG-016 = Ten numer jest nieprawidłowy: zawarta w nim data urodzenia nie istnieje. Sprawdź, czy nie ma w nim literówki.
error-SIG-020 = Brakuje sprawdzenia, czy jesteś człowiekiem. Wyślij formularz ponownie.
error-SIG-021 = Sprawdzenie, czy jesteś człowiekiem, wygasło lub zostało już wykorzystane. Wyślij formularz ponownie.
error-SIG-022 = Formularz został wysłany zbyt szybko. Odczekaj kilka sekund i wyślij go ponownie.
error-SIG-030 = Ta inicjatywa nie zbiera obecnie deklaracji poparcia.
error-SIG-031 = Pod tym adresem nie ma żadnej inicjatywy.
error-SIG-040 = W tej chwili podpisuje bardzo wiele osób. Twoje dane zostały zachowane: wyślij formularz ponownie za kilka sekund.
error-SIG-041 = Z Twojej sieci wysłano zbyt wiele deklaracji. Spróbuj ponownie później.
error-REQ-001 = Nie udało się odczytać żądania.
error-REQ-002 = Żądanie jest za duże.
error-REQ-003 = Żądanie ma nieprawidłowy typ zawartości.
error-REQ-500 = Po naszej stronie wystąpił błąd. Nic nie zostało zapisane. Spróbuj ponownie.

receipt-title = Dziękujemy za poparcie
receipt-recorded = Twoja deklaracja poparcia została przyjęta i zapisana w postaci zaszyfrowanej.
receipt-once = Każda osoba jest liczona tylko raz. Jeżeli już wcześniej poparłeś(-aś) tę inicjatywę, ważna pozostaje wcześniejsza deklaracja, a ta nie została policzona ponownie.
receipt-id = Identyfikator deklaracji
receipt-time = Godzina podpisania
receipt-keep = Zachowaj ten identyfikator. Jest to numer referencyjny Twojej deklaracji.
receipt-back = Powrót do inicjatywy
receipt-count-now = Publiczny licznik obejmuje już Twoją deklarację: ta strona publikuje go natychmiast.
receipt-count-batched = Publiczny licznik obejmie Twoją deklarację po następnej publikacji. Jest publikowany najwyżej raz na { $minutes } min, gdy liczba nowych deklaracji osiągnie { $batch }, a w przeciwnym razie na koniec dnia, aby nie ujawniał, kto podpisał.

error-page-title = Coś poszło nie tak
error-back-home = Przejdź do strony głównej
error-request-id = Identyfikator żądania
not-found-title = Nie znaleziono strony
not-found-text = Pod tym adresem nic nie ma.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstracja: deklaracje poparcia nie są przesyłane żadnemu organowi.
initiative-storage-country = Deklaracje poparcia są przechowywane w: { $country }
