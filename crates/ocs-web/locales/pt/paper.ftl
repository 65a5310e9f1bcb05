# Paper statements in the console, and the destruction warning.
paper-title = Introduzir declarações em papel
paper-intro = Introduza uma a uma as declarações de apoio recolhidas em formulários de papel, tal como constam do formulário. São verificadas e sem duplicados tal como as declarações em linha, e marcadas como em papel.
paper-nationality = Nacionalidade no formulário em papel
paper-show-form = Mostrar o formulário
paper-submit = Registar a declaração em papel
paper-recorded = A declaração em papel foi registada e contabilizada.
paper-duplicate = Esta pessoa já está contabilizada (em linha ou em papel). Nada foi guardado; não volte a contabilizar este formulário em papel.
paper-count-online = Em linha
paper-count-paper = Em papel
paper-link = Introduzir declarações em papel
retention-warning = Destruição dos dados em { $date }: as declarações desta iniciativa serão destruídas nesse dia (dias restantes: { $days }). Exporte-as e entregue-as às autoridades antes dessa data.
retention-list = Destruição em { $date } (dias restantes: { $days })
eid-duplicate-receipt-note = Assinou uma segunda vez com a mesma eID? Esse segundo recibo não está ligado à sua declaração e responde «não encontrado»: utilize o recibo da sua primeira assinatura. A sua primeira declaração mantém-se e é contada uma vez.
