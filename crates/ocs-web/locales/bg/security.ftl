# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Този формуляр е изпратен от друг уебсайт и затова не беше приет. Отворете формуляра на този сайт и го изпратете отново.
