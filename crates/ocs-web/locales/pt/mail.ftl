# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Novidades por correio eletrónico (facultativo)
mail-consent = Sim, quero receber dos organizadores novidades por correio eletrónico sobre a iniciativa de cidadania { $title }. Posso cancelar a subscrição a qualquer momento.
mail-address = Endereço de correio eletrónico
mail-address-hint = Só é utilizado se assinalar a caixa acima. É guardado separadamente da sua declaração de apoio e não pode ser associado a ela.
mail-notice = Indicar o seu endereço de correio eletrónico é facultativo e independente do seu apoio: a sua declaração conta da mesma forma sem ele. Enviamos-lhe uma mensagem para confirmar o endereço; sem confirmação, é apagado ao fim de { $days } dias. Cada mensagem tem uma ligação para cancelar a subscrição; ao cancelar, o seu endereço é apagado. Todos os endereços são apagados quando termina o período de conservação dos dados da iniciativa.
error-MAIL-001 = Este endereço de correio eletrónico não é utilizável. Verifique-o ou desmarque a caixa das novidades por correio eletrónico.
error-MAIL-002 = Introduza o seu endereço de correio eletrónico ou desmarque a caixa das novidades por correio eletrónico.
mail-confirm-subject = Confirme as suas novidades por correio eletrónico: { $title }
mail-confirm-body =
    O senhor ou a senhora (ou alguém que usa o seu endereço) pediu novidades por correio eletrónico sobre a iniciativa de cidadania europeia «{ $title }».

    Para confirmar, abra esta ligação e carregue no botão:
    { $link }

    Se não fez este pedido, ignore esta mensagem: sem confirmação, o endereço é apagado ao fim de { $days } dias.

    Este pedido é independente de qualquer declaração de apoio; o seu endereço não está associado a ela.
    Cancelar agora: { $unsubscribe }
mail-confirm-title = Confirmar novidades por correio eletrónico
mail-confirm-text = Carregue no botão para confirmar que pretende receber novidades por correio eletrónico sobre esta iniciativa.
mail-confirm-button = Confirmar
mail-confirmed-title = Endereço confirmado
mail-confirmed-text = Obrigado. Vai receber novidades sobre { $title }. Cada mensagem tem uma ligação para cancelar a subscrição.
mail-confirm-invalid = Esta ligação de confirmação não é válida: já foi utilizada, expirou ou o endereço foi removido. Nada foi guardado.
mail-unsubscribe-title = Cancelar a subscrição das novidades por correio eletrónico
mail-unsubscribe-text = Carregue no botão para deixar de receber novidades e apagar o seu endereço de correio eletrónico.
mail-unsubscribe-button = Cancelar a subscrição
mail-unsubscribed-title = Subscrição cancelada
mail-unsubscribed-text = O seu endereço de correio eletrónico foi apagado. Não receberá mais novidades.
mail-unsubscribe-invalid = Esta ligação para cancelar a subscrição não é válida.
mail-back = Voltar às iniciativas
field-mail_address = Endereço de correio eletrónico

# The console's e-mail updates page (organisers).
mail-console-title = Novidades por correio eletrónico
mail-console-subscribers = Endereços confirmados: { $count }
mail-console-separate = Os endereços são guardados separadamente das declarações de apoio e não podem ser associados a elas. Só são exportados ou recebem mensagens os endereços confirmados pelos respetivos titulares.
mail-console-export-title = Exportar os endereços
mail-console-export-help = Descarrega um ficheiro CSV (endereço de correio eletrónico, data de confirmação). A exportação é anotada no registo de auditoria. Guarde o ficheiro em segurança e apague-o quando já não precisar dele.
mail-console-export = Descarregar o ficheiro CSV
mail-console-send-title = Escrever aos subscritores
mail-console-subject = Assunto
mail-console-body = Mensagem
mail-console-body-hint = Texto simples. É acrescentada a cada mensagem uma ligação para cancelar a subscrição. As mensagens são enviadas em segundo plano e o envio é repetido se o servidor de correio estiver indisponível.
mail-console-confirm = Verifiquei a mensagem: enviá-la para todos os endereços confirmados ({ $count }). Esta ação não pode ser anulada.
mail-console-send = Enviar a novidade
mail-console-queued = A novidade foi colocada em fila de espera para { $count } endereços.
mail-console-off = As novidades por correio eletrónico não estão configuradas neste servidor (não existe a secção [mail] na configuração).
mail-console-error-empty-subject = Introduza um assunto.
mail-console-error-subject-line = O assunto tem de ocupar uma única linha.
mail-console-error-subject-long = O assunto é demasiado longo (no máximo 200 carateres).
mail-console-error-empty-body = Introduza a mensagem.
mail-console-error-body-long = A mensagem é demasiado longa (no máximo 64 KiB).
mail-console-error-confirm = Assinale a caixa para confirmar que verificou a mensagem.
mail-console-link = Novidades por correio eletrónico aos apoiantes
