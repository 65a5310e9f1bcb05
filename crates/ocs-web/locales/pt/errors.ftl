# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = O acesso a este endereço não é permitido.
error-REQ-404 = { not-found-text }
error-REQ-405 = Este endereço não aceita este tipo de pedido.
error-REQ-503 = { console-error-storage }
error-CON-004 = Esta conta não tem permissão para fazer isto.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = A cossignatura não é de uma testemunha que este registo aceita, ou não é válida.
error-LOG-002 = O ponto de verificação cossignado não é o mais recente do registo; obtenha-o novamente.
