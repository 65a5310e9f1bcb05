# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Do ráiteas tacaíochta
selfservice-secret = Cód rúnda na admhála
selfservice-secret-once = Ní thaispeántar an cód rúnda seo ach anois agus ní choimeádtar é ar ár bhfreastalaí. In éineacht le haitheantóir an ráitis, ligeann sé duit seiceáil go bhfuil do ráiteas á chomhaireamh, nó é a tharraingt siar fad atá an bailiúchán ar siúl. Sábháil é nó íoslódáil an admháil.
selfservice-download = Íoslódáil an admháil mar chomhad téacs
selfservice-link = Seiceáil nó tarraing siar do ráiteas
selfservice-intro = Cuir isteach aitheantóir an ráitis agus an cód rúnda ó d'admháil.
selfservice-check = Seiceáil mo ráiteas
selfservice-withdraw = Tarraing siar mo ráiteas
selfservice-withdraw-note = Scriostar do ráiteas tacaíochta nuair a tharraingítear siar é. Is féidir leat síniú arís fad atá an bailiúchán ar siúl.
selfservice-withdraw-closed = Tá an bailiúchán dúnta: is féidir ráitis a sheiceáil ach ní féidir iad a tharraingt siar a thuilleadh.
selfservice-duplicates = Comhairtear gach duine uair amháin. Seasann ráiteas a rinneadh roimhe seo le admháil eile, agus ní féidir é a tharraingt siar ach lena admháil féin.
selfservice-counted = Tá do ráiteas tacaíochta taifeadta agus á chomhaireamh.
selfservice-withdrawn = Tarraingíodh siar agus scriosadh do ráiteas tacaíochta. Níl sé á chomhaireamh a thuilleadh.
selfservice-file-initiative = Tionscnamh
selfservice-file-howto = Chun do ráiteas a sheiceáil nó a tharraingt siar, oscail an leathanach seo agus cuir isteach an t-aitheantóir agus an cód rúnda:
error-SLF-001 = Níl aon ráiteas comhairthe ag teacht leis an aitheantóir agus leis an gcód rúnda seo. Seiceáil an dá cheann.
error-SLF-002 = Tá an bailiúchán dúnta: ní féidir ráitis a tharraingt siar a thuilleadh.
