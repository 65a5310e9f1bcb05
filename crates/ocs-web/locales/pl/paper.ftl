# Paper statements in the console, and the destruction warning.
paper-title = Wprowadzanie deklaracji papierowych
paper-intro = Wprowadzaj deklaracje poparcia zebrane na formularzach papierowych pojedynczo, tak jak zostały wpisane w formularzu. Są sprawdzane i usuwa się duplikaty tak jak w przypadku deklaracji internetowych, a także oznacza się je jako papierowe.
paper-nationality = Obywatelstwo na formularzu papierowym
paper-show-form = Pokaż formularz
paper-submit = Zapisz deklarację papierową
paper-recorded = Deklaracja papierowa została zapisana i policzona.
paper-duplicate = Ta osoba jest już policzona (online lub na papierze). Nic nie zapisano; nie licz ponownie tego formularza papierowego.
paper-count-online = Online
paper-count-paper = Na papierze
paper-link = Wprowadzanie deklaracji papierowych
retention-warning = Zniszczenie danych w dniu { $date }: deklaracje tej inicjatywy zostaną tego dnia zniszczone (pozostało dni: { $days }). Wcześniej wyeksportuj je i przekaż organom.
retention-list = Zniszczenie w dniu { $date } (pozostało dni: { $days })
eid-duplicate-receipt-note = Podpisałeś po raz drugi tym samym eID? To drugie potwierdzenie nie jest powiązane z Twoją deklaracją i daje odpowiedź „nie znaleziono”: użyj potwierdzenia z pierwszego podpisu. Twoja pierwsza deklaracja pozostaje ważna i jest liczona raz.
