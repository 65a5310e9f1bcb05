# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TEST MODE: this initiative is being tested. Statements given now are test statements; they are not sent to any authority and are erased before collection opens.
console-certificate-published = Certificate issued by { $authority } on { $date }.
console-certificate-download = Download the certificate (PDF)
