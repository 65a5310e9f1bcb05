# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Your statement of support
selfservice-secret = Receipt secret
selfservice-secret-once = This secret is shown only now and is not stored on our server. With the statement identifier, it lets you check that your statement is counted, or withdraw it while the collection is open. Save it or download the receipt file.
selfservice-download = Download the receipt as a text file
selfservice-link = Check or withdraw your statement
selfservice-intro = Enter the statement identifier and the receipt secret from your receipt.
selfservice-check = Check my statement
selfservice-withdraw = Withdraw my statement
selfservice-withdraw-note = Withdrawing deletes your statement of support. You may sign again later while the collection is open.
selfservice-withdraw-closed = The collection is closed: statements can be checked but no longer withdrawn.
selfservice-duplicates = Each person is counted once. A statement made earlier with another receipt stands, and can be withdrawn only with its own receipt.
selfservice-counted = Your statement of support is recorded and counted.
selfservice-withdrawn = Your statement of support has been withdrawn and deleted. It is no longer counted.
selfservice-file-initiative = Initiative
selfservice-file-howto = To check or withdraw your statement, open this page and enter the statement identifier and the receipt secret:
error-SLF-001 = No counted statement matches this identifier and secret. Check both for typing errors.
error-SLF-002 = The collection is closed: statements can no longer be withdrawn.
