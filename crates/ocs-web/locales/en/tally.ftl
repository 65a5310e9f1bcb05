# The public tally log on the receipt (issue 17).
receipt-log-title = Public tally log
receipt-log-index = Your statement is entry { $index } of this initiative's public tally log.
receipt-log-pending = Your statement will be added to this initiative's public tally log with its next publication.
receipt-log-proof = Download the proof that your statement is in the log
receipt-log-check = Anyone can check this proof offline, without trusting this site, with the ocs tool and the log's public key:
# The chart of statements per day (issue 17, item 11).
daily-title = Statements of support per day
daily-chart-label = Bar chart of the published statements of support per signing day (UTC). Days: { $days }; statements in all: { $total }. The table below gives the figures.
daily-col-date = Day (UTC)
daily-link = Statements of support per day
