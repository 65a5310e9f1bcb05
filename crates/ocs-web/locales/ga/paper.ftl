# Paper statements in the console, and the destruction warning.
paper-title = Ráitis pháipéir a iontráil
paper-intro = Iontráil na ráitis tacaíochta a bailíodh ar fhoirmeacha páipéir, ceann ar cheann, mar atá siad scríofa ar an bhfoirm. Seiceáiltear iad agus baintear dúblaigh astu mar a dhéantar le ráitis ar líne, agus marcáiltear iad mar pháipéar.
paper-nationality = Náisiúntacht ar an bhfoirm pháipéir
paper-show-form = Taispeáin an fhoirm
paper-submit = Taifead an ráiteas páipéir
paper-recorded = Taifeadadh an ráiteas páipéir agus cuireadh san áireamh é.
paper-duplicate = Tá an duine seo san áireamh cheana (ar líne nó ar pháipéar). Níor stóráladh aon rud; ná cuir an fhoirm pháipéir seo san áireamh arís.
paper-count-online = Ar líne
paper-count-paper = Ar pháipéar
paper-link = Ráitis pháipéir a iontráil
retention-warning = Scriosadh sonraí ar { $date }: scriosfar ráitis an tionscnaimh seo an lá sin (laethanta fágtha: { $days }). Easpórtáil iad agus seachaid do na húdaráis iad roimhe sin.
retention-list = Scriosadh ar { $date } (laethanta fágtha: { $days })
eid-duplicate-receipt-note = Ar shínigh tú an dara huair leis an eID céanna? Níl an dara admháil sin nasctha le do ráiteas agus freagraíonn sí “níor aimsíodh”: úsáid admháil do chéad síniú. Seasann do chéad ráiteas agus cuirtear san áireamh uair amháin é.
