# OpenOCS — interface em português (sítio público).

site-name = OpenOCS
site-tagline = Recolha em linha de declarações de apoio a iniciativas de cidadania europeia
skip-to-content = Saltar para o conteúdo principal
language-name = português
language-label = Língua
language-nav = Escolher a língua
footer-text = OpenOCS, software livre ao abrigo da licença EUPL-1.2.

index-title = Iniciativas de cidadania em recolha neste sítio
index-empty = Este sítio ainda não aloja nenhuma iniciativa.
original-language-note = Este texto é apresentado na língua original da iniciativa ({ $language }) porque não foi fornecida uma tradução para a sua língua.

initiative-registration-number = Número de registo da Comissão
initiative-registration-date = Data de registo
initiative-subject = Objeto
initiative-objectives = Principais objetivos
initiative-organisers = Organizadores
initiative-register = Página no registo da Comissão
initiative-website = Sítio Web da iniciativa
initiative-period = Período de recolha
initiative-period-value = de { $start } a { $end }
initiative-status = Situação
status-draft = Em preparação, ainda sem recolha
status-collecting = A recolher declarações de apoio
status-paused = Recolha suspensa
status-closed = Recolha encerrada
role-representative = representante
role-substitute = suplente
role-member = membro
privacy-heading = Proteção de dados
privacy-organisers-heading = Aviso dos organizadores
privacy-statement-heading = Declaração de privacidade
privacy-security = Os seus dados são cifrados antes de serem guardados; este sítio não os consegue ler.
privacy-controller-group = Responsável pelo tratamento: o grupo de organizadores desta iniciativa, representado por { $representative }. Contacto: { $contact }
privacy-controller-entity = Responsável pelo tratamento: { $entity }, a pessoa coletiva criada pelo grupo de organizadores. Contacto: { $contact }
privacy-dpo = Encarregado da proteção de dados: { $dpo }
privacy-no-dpo = Os organizadores não designaram um encarregado da proteção de dados.
privacy-dpa-link = Autoridades de proteção de dados dos Estados-Membros (lista do Comité Europeu para a Proteção de Dados)
privacy-withdrawal = Pode retirar a sua declaração de apoio com o identificador e o código secreto do seu recibo até ao fim do período de recolha ({ $end }). Se os organizadores retirarem a iniciativa, as declarações são destruídas no prazo de um mês.
certificate-heading = Certificado do sistema de recolha em linha
certificate-pending = O certificado emitido pela autoridade nacional competente é publicado aqui antes da abertura da recolha.

progress-heading = Apoio até agora
progress-total = { $count } de { $threshold } declarações de apoio
progress-states = { $reached ->
    [one] { $reached } de { $needed } Estados-Membros atingiu o seu mínimo
   *[other] { $reached } de { $needed } Estados-Membros atingiram o seu mínimo
}
progress-bar-label = Progresso rumo a um milhão de declarações de apoio
progress-updated = Números de { $time }, contados apenas a partir das declarações guardadas.
progress-none = Ainda não foi contada nenhuma declaração de apoio.
progress-col-country = Estado-Membro
progress-col-count = Declarações
progress-col-minimum = Mínimo
progress-col-reached = Mínimo atingido
progress-yes = sim
progress-no = ainda não

choose-heading = Apoiar esta iniciativa
choose-intro = As informações que tem de fornecer dependem da sua nacionalidade. Os cidadãos são contados no Estado-Membro da sua nacionalidade, onde quer que vivam.
choose-label = A sua nacionalidade
choose-placeholder = Escolha a sua nacionalidade
choose-submit = Continuar

sign-for-nationality = Formulário para cidadãos de: { $country }
sign-change-nationality = Mudar de nacionalidade
sign-part-a-intro = Dados pedidos ({ $country }): os seus nomes, o seu endereço e a sua data de nascimento.
sign-part-b-intro = Dados pedidos ({ $country }): os seus nomes e o número de um documento de identificação.
sign-required-note = Todos os campos assinalados como obrigatórios têm de ser preenchidos.
sign-required = obrigatório
sign-optional = facultativo
sign-declaration-heading = Declaração
sign-consent = Apoio a iniciativa de cidadania { $title } ({ $number }) e faço a declaração acima.
sign-confirm = Verifiquei os dados assinalados acima e estão corretos tal como os introduzi.
sign-confirm-hint = Alguns números não seguem o formato habitual. Se o seu estiver correto, assinale esta caixa e envie novamente o formulário.
sign-submit = Assinar
sign-privacy-note = Os seus dados são cifrados antes de serem guardados e só podem ser lidos fora de linha pelos organizadores e pelas autoridades nacionais competentes para verificação.
sign-proof-working = Estamos a verificar que é uma pessoa. Pode continuar a preencher o formulário.
sign-proof-done = Verificação concluída. Pode enviar o formulário.
sign-proof-failed = A verificação automática não funcionou. Pode, mesmo assim, enviar o formulário; demorará mais alguns segundos.
sign-noscript = O formulário também funciona sem JavaScript: preencha-o com calma e depois envie-o.
sign-choose-document = Escolha um documento
sign-choose-country = Escolha um país
sign-date-hint = Formato: AAAA-MM-DD, por exemplo 1990-04-25

field-full-first-names = Nomes próprios completos
field-family-names = Apelidos
field-street = Rua
field-street-number = Número
field-postal-code = Código postal
field-city = Localidade
field-country = País de residência
field-date-of-birth = Data de nascimento
field-id-type = Documento de identificação
field-id-number = Número do documento
field-consent = Declaração
field-nationality = Nacionalidade

doc-passport = Passaporte
doc-id-card = Bilhete de identidade
doc-personal-number = Número pessoal
doc-personal-id = Número de identificação pessoal
doc-national-id-number = Número de identificação nacional
doc-citizens-card = Cartão de Cidadão
doc-residence-permit = Autorização de residência

error-summary-title = Há um problema com os dados introduzidos
error-title-prefix = Erro
error-code-label = Código de erro
error-SIG-001 = Este campo é obrigatório.
error-SIG-002 = Este campo não faz parte do formulário para a sua nacionalidade.
error-SIG-003 = Este valor é demasiado longo.
error-SIG-004 = Este valor contém carateres não permitidos.
error-SIG-005 = Este número não tem o formato habitual deste documento. Verifique-o ou confirme que está correto.
error-SIG-006 = Este número não é válido: o dígito de controlo não corresponde. Verifique se há erros de escrita.
error-SIG-007 = Introduza uma data real no formato AAAA-MM-DD.
error-SIG-008 = Esta data de nascimento não é possível.
error-SIG-009 = Tem de ter atingido a idade mínima exigida no seu Estado-Membro para apoiar uma iniciativa de cidadania.
error-SIG-010 = Escolha a nacionalidade de um Estado-Membro da UE.
error-SIG-011 = Este tipo de documento não é aceite para a sua nacionalidade.
error-SIG-012 = Escolha um país de residência da lista.
error-SIG-013 = Tem de aceitar a declaração para apoiar a iniciativa.
error-SIG-014 = Este código postal não tem o formato habitual. Verifique-o ou confirme que está correto.
error-SIG-015 = Este número pode não ser válido. Verifique-o ou confirme que está correto.
error-SIG-016 = Este número não é válido: a data de nascimento que contém não existe. Verifique se há erros de escrita.
error-SIG-020 = Falta a verificação de que é uma pessoa. Envie novamente o formulário.
error-SIG-021 = A verificação de que é uma pessoa expirou ou já foi utilizada. Envie novamente o formulário.
error-SIG-022 = O formulário foi enviado demasiado depressa. Aguarde alguns segundos e envie-o novamente.
error-SIG-030 = Esta iniciativa não está a recolher declarações de apoio neste momento.
error-SIG-031 = Não existe nenhuma iniciativa neste endereço.
error-SIG-040 = Neste momento estão muitas pessoas a assinar. Os seus dados foram conservados: envie novamente o formulário dentro de alguns segundos.
error-SIG-041 = Foram enviadas demasiadas declarações a partir da sua rede. Tente novamente mais tarde.
error-REQ-001 = Não foi possível ler o pedido.
error-REQ-002 = O pedido é demasiado grande.
error-REQ-003 = O pedido tem um tipo de conteúdo errado.
error-REQ-500 = Ocorreu um erro do nosso lado. Nada foi guardado. Tente novamente.

receipt-title = Obrigado pelo seu apoio
receipt-recorded = A sua declaração de apoio foi recebida e guardada de forma cifrada.
receipt-once = Cada pessoa é contada uma única vez. Se já tinha apoiado esta iniciativa, a sua declaração anterior mantém-se e esta não foi contada novamente.
receipt-id = Identificador da declaração
receipt-time = Hora da assinatura
receipt-keep = Guarde este identificador. É a referência da sua declaração.
receipt-back = Voltar à iniciativa
receipt-count-now = A contagem pública já inclui a sua declaração: este sítio publica-a de imediato.
receipt-count-batched = A contagem pública incluirá a sua declaração após a próxima publicação. É publicada no máximo uma vez a cada { $minutes } min, quando o número de novas declarações atinge { $batch }, ou então no fim do dia, para que não revele quem assinou.

error-page-title = Ocorreu um erro
error-back-home = Ir para a página inicial
error-request-id = Identificador do pedido
not-found-title = Página não encontrada
not-found-text = Não existe nada neste endereço.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstração: as declarações de apoio não são enviadas a nenhuma autoridade.
initiative-storage-country = As declarações de apoio são conservadas em: { $country }
