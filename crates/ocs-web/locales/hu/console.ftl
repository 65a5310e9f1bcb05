# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESZTÜZEM: ezt a kezdeményezést éppen tesztelik. A most tett nyilatkozatok tesztadatok; egyetlen hatósághoz sem kerülnek, és a gyűjtés megkezdése előtt törlődnek.
console-certificate-published = A tanúsítványt kiállította: { $authority }, { $date }.
console-certificate-download = A tanúsítvány letöltése (PDF)
