# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Tento formulár bol odoslaný z inej webovej stránky, a preto nebol prijatý. Otvorte formulár na tejto stránke a odošlite ho znova.
