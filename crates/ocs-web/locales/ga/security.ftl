# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Seoladh an fhoirm seo ó shuíomh gréasáin eile, mar sin níor glacadh léi. Oscail an fhoirm ar an suíomh seo agus seol arís í.
