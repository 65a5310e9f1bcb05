# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Titolari delle chiavi destinatarie
key-holders-intro = Le dichiarazioni di sostegno sono sigillate con queste chiavi pubbliche. La distruzione non raggiunge le loro metà private: ogni titolare distrugge la propria e voi registrate qui la sua conferma.
key-holders-certificate = Certificato di distruzione
key-holders-no-certificate = Non è stata ancora registrata alcuna distruzione.
key-holders-confirmed = Distruzioni confermate
key-holders-not-confirmed = La distruzione della chiave privata non è ancora confermata.
key-holders-holder = Nome del titolare che ha distrutto la chiave privata
key-holders-confirm = Registra la conferma
key-holders-recorded = Registrato: il titolare ha distrutto la chiave privata { $key }.
key-holders-role-organisers = Organizzatori
key-holders-role-authority = Autorità competente: { $country }
key-holders-error-key-010 = Questa chiave non è una chiave destinataria di questa iniziativa.
key-holders-error-key-011 = Il nome del titolare della chiave (da 1 a 200 caratteri) è obbligatorio.
