package org.starttlslist.signing;

/**
 * A new key: its fingerprint and the two files to write.
 *
 * @param fingerprint primary key fingerprint, 40 upper-case hex digits
 * @param armoredSecretKey the passphrase-protected secret key, ASCII-armoured
 * @param armoredPublicKey the public key (what others pin), ASCII-armoured
 */
public record GeneratedKey(String fingerprint, byte[] armoredSecretKey, byte[] armoredPublicKey) {}
