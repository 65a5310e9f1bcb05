# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Posiadacze kluczy odbiorców
key-holders-intro = Deklaracje poparcia są zapieczętowane tymi kluczami publicznymi. Zniszczenie nie obejmuje ich prywatnych części: każdy posiadacz niszczy swoją, a Ty rejestrujesz tutaj jego potwierdzenie.
key-holders-certificate = Zaświadczenie o zniszczeniu
key-holders-no-certificate = Nie zarejestrowano jeszcze żadnego zniszczenia.
key-holders-confirmed = Potwierdzone zniszczenia
key-holders-not-confirmed = Zniszczenie klucza prywatnego nie zostało jeszcze potwierdzone.
key-holders-holder = Imię i nazwisko posiadacza, który zniszczył klucz prywatny
key-holders-confirm = Zarejestruj potwierdzenie
key-holders-recorded = Zarejestrowano: posiadacz zniszczył klucz prywatny { $key }.
key-holders-role-organisers = Organizatorzy
key-holders-role-authority = Właściwy organ: { $country }
key-holders-error-key-010 = Ten klucz nie jest kluczem odbiorcy tej inicjatywy.
key-holders-error-key-011 = Wymagane jest imię i nazwisko posiadacza klucza (od 1 do 200 znaków).
