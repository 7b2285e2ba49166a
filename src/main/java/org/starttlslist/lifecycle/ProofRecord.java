package org.starttlslist.lifecycle;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proof of control: a DNS TXT record at {@code _starttls-list.<domain>} naming the domain's
 * contact, modelled on the Public Suffix List's {@code _psl} record. Only someone who controls the
 * domain's DNS can publish it, so it proves the contact speaks for the domain.
 *
 * <pre>_starttls-list.example.com. 3600 IN TXT "v=STARTTLS-LIST1; contact=postmaster@example.com"
 * </pre>
 *
 * <p>Syntax: {@code tag=value} pairs separated by {@code ;}, optional spaces around each; the first
 * tag is {@code v=STARTTLS-LIST1} (tag names and the version are case-insensitive); exactly one
 * {@code contact=} with an address; other tags are ignored (room for later versions). A record
 * split into several strings is joined without separators (RFC 7208 §3.3 style). Several TXT
 * records may sit at the name (one per contact, e.g. while the contact changes); the proof holds
 * when one of them names the contact in the domain's source file.
 */
public record ProofRecord(String contact) {
    public static final String VERSION = "STARTTLS-LIST1";

    /** The owner name of a domain's proof record. */
    public static String ownerName(String domain) {
        return "_starttls-list." + domain;
    }

    /** The record's text for a contact, as {@code add} prints it. */
    public static String text(String contact) {
        return "v=" + VERSION + "; contact=" + contact;
    }

    /** The zone-file line for a domain and contact. */
    public static String zoneLine(String domain, String contact) {
        return ownerName(domain) + ". 3600 IN TXT \"" + text(contact) + "\"";
    }

    /** Parses one TXT record's text; empty when it is not a proof record of this version. */
    public static Optional<ProofRecord> parse(String text) {
        String[] parts = text.split(";", -1);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                if (i == parts.length - 1) {
                    continue;
                }
                return Optional.empty();
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            String tag = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(equals + 1).strip();
            if (i == 0 && !(tag.equals("v") && value.equalsIgnoreCase(VERSION))) {
                return Optional.empty();
            }
            if (tags.putIfAbsent(tag, value) != null && tag.equals("contact")) {
                return Optional.empty();
            }
        }
        String contact = tags.get("contact");
        if (contact == null || contact.isEmpty() || contact.indexOf('@') <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ProofRecord(contact));
    }

    /**
     * Whether this record names {@code contact}: local part exact, domain part case-insensitive.
     */
    public boolean names(String expected) {
        int at = contact.lastIndexOf('@');
        int expectedAt = expected.lastIndexOf('@');
        if (at < 0 || expectedAt < 0) {
            return false;
        }
        return contact.substring(0, at).equals(expected.substring(0, expectedAt))
                && contact.substring(at + 1).equalsIgnoreCase(expected.substring(expectedAt + 1));
    }
}
