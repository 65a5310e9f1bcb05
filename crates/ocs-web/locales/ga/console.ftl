# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MÓD TÁSTÁLA: tá an tionscnamh seo á thástáil. Is ráitis tástála iad na ráitis a thugtar anois; ní chuirtear chuig aon údarás iad agus scriosfar iad sula n-osclófar an bailiúchán.
console-certificate-published = Deimhniú arna eisiúint ag { $authority } ar { $date }.
console-certificate-download = Íoslódáil an deimhniú (PDF)
