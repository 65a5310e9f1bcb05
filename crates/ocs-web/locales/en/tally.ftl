# The public tally log on the receipt (issue 17).
receipt-log-title = Public tally log
receipt-log-index = Your statement is entry { $index } of this initiative's public tally log.
receipt-log-pending = Your statement will be added to this initiative's public tally log with its next publication.
receipt-log-proof = Download the proof that your statement is in the log
receipt-log-check = Anyone can check this proof offline, without trusting this site, with the ocs tool and the log's public key:
