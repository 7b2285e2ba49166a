package org.starttlslist.export.senders;

/**
 * What a sending MTA's log says it did with one recipient.
 *
 * @param tls the message left over TLS
 * @param verified the server's certificate chain and name were verified
 * @param logLine the log line of the outcome, for messages
 */
public record Delivery(
        String recipient, Status status, boolean tls, boolean verified, String logLine) {
    public enum Status {
        DELIVERED,
        DEFERRED,
        BOUNCED
    }
}
