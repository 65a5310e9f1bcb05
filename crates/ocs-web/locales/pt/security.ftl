# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Este formulário foi enviado a partir de outro sítio web e, por isso, não foi aceite. Abra o formulário neste sítio e envie-o novamente.
