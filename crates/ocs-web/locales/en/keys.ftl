# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Recipient key holders
key-holders-intro = Statements are sealed to these public keys. Destruction cannot reach their private halves: each holder destroys theirs, and you record their confirmation here.
key-holders-certificate = Destruction certificate
key-holders-no-certificate = No destruction has been recorded yet.
key-holders-confirmed = Confirmed destructions
key-holders-not-confirmed = Destruction of the private key not confirmed yet.
key-holders-holder = Name of the holder who destroyed the private key
key-holders-confirm = Record the confirmation
key-holders-recorded = Recorded: the holder destroyed the private key { $key }.
key-holders-role-organisers = Organisers
key-holders-role-authority = Competent authority: { $country }
key-holders-error-key-010 = This key is not a recipient key of this initiative.
key-holders-error-key-011 = The key holder's name (1 to 200 characters) is required.
