# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Seoladh an fhoirm seo ó shuíomh gréasáin eile, mar sin níor glacadh léi. Oscail an fhoirm ar an suíomh seo agus seol arís í.
error-SEC-002 = Tá an fhoirm seo imithe in éag nó níor osclaíodh í ar an suíomh seo, mar sin níor glacadh léi agus níor sábháladh aon rud. Téigh siar, athlódáil an leathanach agus seol an fhoirm arís.
