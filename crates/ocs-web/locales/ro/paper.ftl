# Paper statements in the console, and the destruction warning.
paper-title = Introducerea declarațiilor pe hârtie
paper-intro = Introduceți una câte una declarațiile de susținere colectate pe formulare pe hârtie, așa cum sunt scrise pe formular. Sunt verificate și deduplicate ca declarațiile online și marcate ca fiind pe hârtie.
paper-nationality = Cetățenia de pe formularul pe hârtie
paper-show-form = Afișați formularul
paper-submit = Înregistrați declarația pe hârtie
paper-recorded = Declarația pe hârtie a fost înregistrată și numărată.
paper-duplicate = Această persoană este deja numărată (online sau pe hârtie). Nu s-a salvat nimic; nu numărați din nou acest formular pe hârtie.
paper-count-online = Online
paper-count-paper = Pe hârtie
paper-link = Introducerea declarațiilor pe hârtie
retention-warning = Distrugerea datelor la { $date }: declarațiile acestei inițiative vor fi distruse în acea zi (zile rămase: { $days }). Exportați-le și predați-le autorităților înainte de această dată.
retention-list = Distrugere la { $date } (zile rămase: { $days })
eid-duplicate-receipt-note = Ați semnat a doua oară cu aceeași eID? Această a doua confirmare nu este legată de declarația dumneavoastră și răspunde „negăsit”: folosiți confirmarea primei semnături. Prima declarație rămâne valabilă și este numărată o singură dată.
