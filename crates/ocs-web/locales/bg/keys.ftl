# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Притежатели на ключовете на получателите
key-holders-intro = Изявленията за подкрепа са запечатани с тези публични ключове. Унищожаването не достига до частните им половини: всеки притежател унищожава своята, а вие записвате тук неговото потвърждение.
key-holders-certificate = Удостоверение за унищожаване
key-holders-no-certificate = Все още не е записано унищожаване.
key-holders-confirmed = Потвърдени унищожавания
key-holders-not-confirmed = Унищожаването на частния ключ все още не е потвърдено.
key-holders-holder = Име на притежателя, който е унищожил частния ключ
key-holders-confirm = Запиши потвърждението
key-holders-recorded = Записано: притежателят е унищожил частния ключ { $key }.
key-holders-role-organisers = Организатори
key-holders-role-authority = Компетентен орган: { $country }
key-holders-error-key-010 = Този ключ не е ключ на получател на тази инициатива.
key-holders-error-key-011 = Името на притежателя на ключа (от 1 до 200 знака) е задължително.
