# Paper statements in the console, and the destruction warning.
paper-title = Enter paper statements
paper-intro = Type in statements of support collected on paper forms, one at a time, as written on the form. They are checked and de-duplicated like online statements and marked as paper.
paper-nationality = Nationality on the paper form
paper-show-form = Show the form
paper-submit = Record the paper statement
paper-recorded = The paper statement was recorded and counted.
paper-duplicate = This person is already counted (online or on paper). Nothing was stored; do not count this paper form again.
paper-count-online = Online
paper-count-paper = On paper
paper-link = Enter paper statements
retention-warning = Data destruction on { $date }: the statements of this initiative will be destroyed on that day (days left: { $days }). Export them and deliver them to the authorities before then.
retention-list = Destruction on { $date } (days left: { $days })
eid-duplicate-receipt-note = Signed a second time with the same eID? That second receipt is not linked to your statement and answers “not found”: use the receipt of your first signature. Your first statement stands and is counted once.
