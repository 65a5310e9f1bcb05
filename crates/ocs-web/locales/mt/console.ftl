# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MODALITÀ TA’ TEST: din l-inizjattiva qed tiġi ttestjata. Id-dikjarazzjonijiet mogħtija issa huma ta’ test; ma jintbagħtu lil ebda awtorità u jitħassru qabel ma tibda l-ġbir.
console-certificate-published = Ċertifikat maħruġ minn { $authority } fil-{ $date }.
console-certificate-download = Niżżel iċ-ċertifikat (PDF)
