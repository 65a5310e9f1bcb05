# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Informacje e-mailem (opcjonalnie)
mail-consent = Tak, chcę otrzymywać od organizatorów informacje e-mailem o inicjatywie obywatelskiej { $title }. Mogę zrezygnować w każdej chwili.
mail-address = Adres e-mail
mail-address-hint = Używany tylko wtedy, gdy zaznaczysz pole powyżej. Jest przechowywany oddzielnie od deklaracji poparcia i nie można go z nią powiązać.
mail-notice = Podanie adresu e-mail jest dobrowolne i niezależne od poparcia: deklaracja liczy się tak samo bez niego. Wyślemy jedną wiadomość, aby potwierdzić adres; bez potwierdzenia zostanie on usunięty po { $days } dniach. Każda wiadomość zawiera link do rezygnacji; rezygnacja usuwa adres. Wszystkie adresy są usuwane po upływie okresu przechowywania danych inicjatywy.
error-MAIL-001 = To nie jest poprawny adres e-mail. Sprawdź go lub odznacz pole informacji e-mailem.
error-MAIL-002 = Wpisz adres e-mail lub odznacz pole informacji e-mailem.
mail-confirm-subject = Potwierdź subskrypcję informacji e-mailem: { $title }
mail-confirm-body =
    Ty (lub ktoś, kto użył Twojego adresu) poprosiłeś o informacje e-mailem o europejskiej inicjatywie obywatelskiej „{ $title }”.

    Aby potwierdzić, otwórz ten link i naciśnij przycisk:
    { $link }

    Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia adres zostanie usunięty po { $days } dniach.

    Ta prośba jest niezależna od jakiejkolwiek deklaracji poparcia; Twój adres nie jest z nią powiązany.
    Zrezygnuj teraz: { $unsubscribe }
mail-confirm-title = Potwierdź informacje e-mailem
mail-confirm-text = Naciśnij przycisk, aby potwierdzić, że chcesz otrzymywać informacje e-mailem o tej inicjatywie.
mail-confirm-button = Potwierdź
mail-confirmed-title = Adres potwierdzony
mail-confirmed-text = Dziękujemy. Będziesz otrzymywać informacje o { $title }. Każda wiadomość zawiera link do rezygnacji.
mail-confirm-invalid = Ten link potwierdzający jest nieważny: został już użyty, wygasł lub adres został usunięty. Nic nie zapisano.
mail-unsubscribe-title = Rezygnacja z informacji e-mailem
mail-unsubscribe-text = Naciśnij przycisk, aby zrezygnować z informacji i usunąć swój adres e-mail.
mail-unsubscribe-button = Zrezygnuj
mail-unsubscribed-title = Zrezygnowano
mail-unsubscribed-text = Twój adres e-mail został usunięty. Nie będziesz otrzymywać dalszych informacji.
mail-unsubscribe-invalid = Ten link do rezygnacji jest nieważny.
mail-back = Powrót do inicjatyw
field-mail_address = Adres e-mail

# The console's e-mail updates page (organisers).
mail-console-title = Informacje e-mailem
mail-console-subscribers = Potwierdzone adresy: { $count }
mail-console-separate = Adresy są przechowywane oddzielnie od deklaracji poparcia i nie można ich z nimi powiązać. Eksportowane są i wiadomości otrzymują wyłącznie adresy potwierdzone przez ich właścicieli.
mail-console-export-title = Eksport adresów
mail-console-export-help = Pobiera plik CSV (adres e-mail, data potwierdzenia). Eksport jest odnotowywany w dzienniku audytu. Przechowuj plik w bezpiecznym miejscu i usuń go, gdy nie będzie już potrzebny.
mail-console-export = Pobierz plik CSV
mail-console-send-title = Napisz do subskrybentów
mail-console-subject = Temat
mail-console-body = Wiadomość
mail-console-body-hint = Zwykły tekst. Do każdej wiadomości dodawany jest link do rezygnacji. Wiadomości są wysyłane w tle, a w razie niedostępności serwera poczty wysyłka jest ponawiana.
mail-console-confirm = Wiadomość została sprawdzona: wyślij ją na wszystkie potwierdzone adresy ({ $count }). Tej operacji nie można cofnąć.
mail-console-send = Wyślij informację
mail-console-queued = Informacja została dodana do kolejki wysyłki. Liczba adresów: { $count }.
mail-console-off = Informacje e-mailem nie są skonfigurowane na tym serwerze (brak sekcji [mail] w konfiguracji).
mail-console-error-empty-subject = Wpisz temat.
mail-console-error-subject-line = Temat musi mieścić się w jednym wierszu.
mail-console-error-subject-long = Temat jest za długi (maksymalnie 200 znaków).
mail-console-error-empty-body = Wpisz treść wiadomości.
mail-console-error-body-long = Wiadomość jest za długa (maksymalnie 64 KiB).
mail-console-error-confirm = Zaznacz pole, aby potwierdzić, że wiadomość została sprawdzona.
mail-console-link = Informacje e-mailem dla popierających
