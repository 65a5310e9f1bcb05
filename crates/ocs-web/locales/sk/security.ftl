# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Tento formulár bol odoslaný z inej webovej stránky, a preto nebol prijatý. Otvorte formulár na tejto stránke a odošlite ho znova.
error-SEC-002 = Platnosť tohto formulára uplynula alebo nebol otvorený na tejto stránke, preto nebol prijatý a nič sa neuložilo. Vráťte sa, znova načítajte stránku a odošlite formulár ešte raz.
