# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Este formulário foi enviado a partir de outro sítio web e, por isso, não foi aceite. Abra o formulário neste sítio e envie-o novamente.
error-SEC-002 = Este formulário expirou ou não foi aberto neste sítio, pelo que não foi aceite e nada foi guardado. Volte atrás, recarregue a página e envie o formulário novamente.
