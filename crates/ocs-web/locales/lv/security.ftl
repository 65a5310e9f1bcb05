# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Šī veidlapa tika nosūtīta no citas tīmekļa vietnes, tāpēc tā netika pieņemta. Atveriet veidlapu šajā vietnē un nosūtiet to vēlreiz.
