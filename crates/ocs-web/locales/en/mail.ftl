# Optional e-mail updates (docs/MAIL.md). Strings of the signing form, the confirmation
# message and the confirm/unsubscribe pages.

mail-heading = Updates by e-mail (optional)
# Default consent text; organisers may set their own per initiative ([mail.consent.SLUG]).
mail-consent = Yes, I would like to receive e-mail updates about the citizens' initiative { $title } from its organisers. I can unsubscribe at any time.
mail-address = E-mail address
mail-address-hint = Only used if you tick the box above. It is stored apart from your statement of support and cannot be linked to it.
mail-notice = Giving your e-mail address is optional and separate from your support: your statement counts the same without it. We send you one message to confirm the address; without confirmation it is deleted after { $days } days. Every message has an unsubscribe link; unsubscribing deletes your address. All addresses are deleted when the initiative's data retention period ends.

error-MAIL-001 = This is not a usable e-mail address. Check it, or untick the box for e-mail updates.
error-MAIL-002 = Enter your e-mail address, or untick the box for e-mail updates.

mail-confirm-subject = Please confirm your e-mail updates: { $title }
mail-confirm-body =
    You (or someone using your address) asked for e-mail updates about the European citizens' initiative "{ $title }".

    To confirm, open this link and press the button:
    { $link }

    If you did not ask for this, ignore this message: the address is deleted after { $days } days without confirmation.

    This request is separate from any statement of support; your address is not linked to it.
    Stop now: { $unsubscribe }

mail-confirm-title = Confirm e-mail updates
mail-confirm-text = Press the button to confirm that you want e-mail updates about this initiative.
mail-confirm-button = Confirm
mail-confirmed-title = Address confirmed
mail-confirmed-text = Thank you. You will receive updates about { $title }. Every message has a link to unsubscribe.
mail-confirm-invalid = This confirmation link is not valid: it was already used, has expired, or the address was removed. Nothing was stored.
mail-unsubscribe-title = Unsubscribe from e-mail updates
mail-unsubscribe-text = Press the button to stop the updates and delete your e-mail address.
mail-unsubscribe-button = Unsubscribe
mail-unsubscribed-title = Unsubscribed
mail-unsubscribed-text = Your e-mail address has been deleted. You will not receive further updates.
mail-unsubscribe-invalid = This unsubscribe link is not valid.
mail-back = Back to the initiatives
field-mail_address = E-mail address

# The console's e-mail updates page (organisers).
mail-console-title = E-mail updates
mail-console-subscribers = Confirmed addresses: { $count }
mail-console-separate = The addresses are stored apart from the statements of support and cannot be linked to them. Only addresses whose owners confirmed them are exported or written to.
mail-console-export-title = Export the addresses
mail-console-export-help = Downloads a CSV file (e-mail address, date of confirmation). The export is recorded in the audit log. Keep the file safe and delete it when you no longer need it.
mail-console-export = Download the CSV file
mail-console-send-title = Write to the subscribers
mail-console-subject = Subject
mail-console-body = Message
mail-console-body-hint = Plain text. An unsubscribe link is added to every message. Messages are sent in the background and retried if the mail server is unavailable.
mail-console-confirm = I have checked the message: send it to all confirmed addresses ({ $count }). This cannot be undone.
mail-console-send = Send the update
mail-console-queued = The update is queued for { $count } addresses.
mail-console-off = E-mail updates are not configured on this server (no [mail] section in the configuration).
mail-console-error-empty-subject = Enter a subject.
mail-console-error-subject-line = The subject must be a single line.
mail-console-error-subject-long = The subject is too long (at most 200 characters).
mail-console-error-empty-body = Enter the message.
mail-console-error-body-long = The message is too long (at most 64 KiB).
mail-console-error-confirm = Tick the box to confirm that you have checked the message.
mail-console-link = E-mail updates to supporters
