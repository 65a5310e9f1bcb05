# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Nuashonruithe ríomhphoist (roghnach)
mail-consent = Is ea, ba mhaith liom nuashonruithe ríomhphoist a fháil ó na heagraithe faoin tionscnamh saoránach { $title }. Is féidir liom díliostáil am ar bith.
mail-address = Seoladh ríomhphoist
mail-address-hint = Ní úsáidtear é ach amháin má chuireann tú tic sa bhosca thuas. Coimeádtar é ar leith ó do ráiteas tacaíochta agus ní féidir é a nascadh leis.
mail-notice = Tá sé roghnach do sheoladh ríomhphoist a thabhairt agus tá sé ar leith ó do thacaíocht: comhairtear do ráiteas mar an gcéanna gan é. Seolaimid teachtaireacht amháin chugat chun an seoladh a dheimhniú; gan dearbhú, scriosfar é tar éis { $days } lá. Tá nasc díliostála i ngach teachtaireacht; scriosann díliostáil do sheoladh. Scriostar gach seoladh nuair a chríochnaíonn tréimhse choinneála sonraí an tionscnaimh.
error-MAIL-001 = Ní seoladh ríomhphoist inúsáidte é seo. Seiceáil é, nó bain an tic den bhosca do nuashonruithe ríomhphoist.
error-MAIL-002 = Cuir isteach do sheoladh ríomhphoist, nó bain an tic den bhosca do nuashonruithe ríomhphoist.
mail-confirm-subject = Deimhnigh do nuashonruithe ríomhphoist, le do thoil: { $title }
mail-confirm-body =
    D'iarr tusa (nó duine a d'úsáid do sheoladh) nuashonruithe ríomhphoist faoin tionscnamh saoránach Eorpach "{ $title }".

    Chun é a dheimhniú, oscail an nasc seo agus brúigh an cnaipe:
    { $link }

    Murar iarr tú é seo, déan neamhaird den teachtaireacht: gan dearbhú, scriosfar an seoladh tar éis { $days } lá.

    Tá an iarraidh seo ar leith ó aon ráiteas tacaíochta; níl do sheoladh nasctha leis.
    Díliostáil anois: { $unsubscribe }
mail-confirm-title = Deimhnigh nuashonruithe ríomhphoist
mail-confirm-text = Brúigh an cnaipe chun a dheimhniú gur mian leat nuashonruithe ríomhphoist faoin tionscnamh seo.
mail-confirm-button = Deimhnigh
mail-confirmed-title = Seoladh deimhnithe
mail-confirmed-text = Go raibh maith agat. Gheobhaidh tú nuashonruithe faoi { $title }. Tá nasc díliostála i ngach teachtaireacht.
mail-confirm-invalid = Níl an nasc deimhnithe seo bailí: úsáideadh cheana é, tá sé imithe in éag, nó baineadh an seoladh. Níor stóráladh aon rud.
mail-unsubscribe-title = Díliostáil ó nuashonruithe ríomhphoist
mail-unsubscribe-text = Brúigh an cnaipe chun na nuashonruithe a stopadh agus do sheoladh ríomhphoist a scriosadh.
mail-unsubscribe-button = Díliostáil
mail-unsubscribed-title = Díliostáilte
mail-unsubscribed-text = Scriosadh do sheoladh ríomhphoist. Ní bhfaighidh tú a thuilleadh nuashonruithe.
mail-unsubscribe-invalid = Níl an nasc díliostála seo bailí.
mail-back = Ar ais chuig na tionscnaimh
field-mail_address = Seoladh ríomhphoist

# The console's e-mail updates page (organisers).
mail-console-title = Nuashonruithe ríomhphoist
mail-console-subscribers = Seoltaí deimhnithe: { $count }
mail-console-separate = Coimeádtar na seoltaí ar leith ó na ráitis tacaíochta agus ní féidir iad a nascadh leo. Ní dhéantar ach na seoltaí a dheimhnigh a n-úinéirí a easpórtáil, agus is chucu sin amháin a sheoltar teachtaireachtaí.
mail-console-export-title = Easpórtáil na seoltaí
mail-console-export-help = Íoslódálann sé seo comhad CSV (seoladh ríomhphoist, dáta an deimhnithe). Taifeadtar an easpórtáil sa loga iniúchta. Coinnigh an comhad slán agus scrios é nuair nach mbeidh sé de dhíth ort a thuilleadh.
mail-console-export = Íoslódáil an comhad CSV
mail-console-send-title = Scríobh chuig na síntiúsóirí
mail-console-subject = Ábhar
mail-console-body = Teachtaireacht
mail-console-body-hint = Gnáth-théacs. Cuirtear nasc díliostála le gach teachtaireacht. Seoltar na teachtaireachtaí sa chúlra, agus déantar iarracht eile mura bhfuil an freastalaí ríomhphoist ar fáil.
mail-console-confirm = Sheiceáil mé an teachtaireacht: seol í chuig gach seoladh deimhnithe ({ $count }). Ní féidir é seo a chealú.
mail-console-send = Seol an nuashonrú
mail-console-queued = Cuireadh an nuashonrú sa scuaine le seoladh. Líon na seoltaí: { $count }.
mail-console-off = Níl nuashonruithe ríomhphoist cumraithe ar an bhfreastalaí seo (níl aon roinn [mail] sa chumraíocht).
mail-console-error-empty-subject = Cuir isteach ábhar.
mail-console-error-subject-line = Ní mór don ábhar a bheith ar líne amháin.
mail-console-error-subject-long = Tá an t-ábhar rófhada (200 carachtar ar a mhéad).
mail-console-error-empty-body = Cuir isteach an teachtaireacht.
mail-console-error-body-long = Tá an teachtaireacht rófhada (64 KiB ar a mhéad).
mail-console-error-confirm = Cuir tic sa bhosca chun a dhearbhú gur sheiceáil tú an teachtaireacht.
mail-console-link = Nuashonruithe ríomhphoist do lucht tacaíochta
