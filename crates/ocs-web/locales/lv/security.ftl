# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Šī veidlapa tika nosūtīta no citas tīmekļa vietnes, tāpēc tā netika pieņemta. Atveriet veidlapu šajā vietnē un nosūtiet to vēlreiz.
error-SEC-002 = Šīs veidlapas derīgums ir beidzies vai tā netika atvērta šajā vietnē, tāpēc tā netika pieņemta un nekas netika saglabāts. Atgriezieties, pārlādējiet lapu un nosūtiet veidlapu vēlreiz.
