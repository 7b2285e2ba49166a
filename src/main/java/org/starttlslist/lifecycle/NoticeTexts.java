package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.util.List;

/** The words of each notice: what changed, what failed, the fix, and what happens next and when. */
final class NoticeTexts {
    private NoticeTexts() {}

    private static final String SIGNATURE =
            """

            You receive this because this address is the contact of %s on the STARTTLS policy list.
            You hear from us once per change of state, never daily. To change the contact or the MX
            patterns, or to ask for removal, see CONTRIBUTING.md in the list's repository.
            """;

    static Notice failingEnforce(
            String domain,
            String to,
            LocalDate today,
            List<String> codes,
            String detail,
            LocalDate demotionDay) {
        return Notice.of(
                domain,
                to,
                Notice.Kind.FAILING,
                today,
                "[starttls-list] " + domain + " fails its daily check",
                """
                The daily check of %s failed on %s.

                What failed: %s
                Codes: %s

                The fix: make every MX host of %s offer STARTTLS with a valid certificate for its
                name, and make sure every MX host matches the domain's MX patterns on the list (if
                you moved your mail, update the patterns: starttls-list update %s --mx ...).

                What happens next: senders that use the list refuse to deliver to servers that fail
                it. If the check still fails on %s, %s goes back to testing mode, so that mail keeps
                flowing, and you will be told. If it passes before then, nothing changes.
                """
                                .formatted(
                                        domain,
                                        today,
                                        detail,
                                        String.join(", ", codes),
                                        domain,
                                        domain,
                                        demotionDay,
                                        domain)
                        + SIGNATURE.formatted(domain));
    }

    static Notice failingTesting(
            String domain,
            String to,
            LocalDate today,
            List<String> codes,
            String detail,
            LocalDate removalDay) {
        return Notice.of(
                domain,
                to,
                Notice.Kind.FAILING,
                today,
                "[starttls-list] "
                        + domain
                        + " fails its daily check; its testing period starts again",
                """
                The daily check of %s failed on %s.

                What failed: %s
                Codes: %s

                The fix: make every MX host of %s offer STARTTLS with a valid certificate for its
                name, and match the domain's MX patterns on the list.

                What happens next: the testing period starts again; the domain can be promoted to
                enforce only after it passes every daily check for a full testing period. If it
                still fails on %s, it is removed from the list.
                """
                                .formatted(
                                        domain,
                                        today,
                                        detail,
                                        String.join(", ", codes),
                                        domain,
                                        removalDay)
                        + SIGNATURE.formatted(domain));
    }

    static Notice recovered(
            String domain,
            String to,
            LocalDate today,
            LocalDate earliestPromotion,
            boolean enforce) {
        String next =
                enforce
                        ? "Nothing else changes: the domain stays in enforce mode."
                        : "It stays in testing mode; if it passes every daily check, it can be promoted to enforce on "
                                + earliestPromotion
                                + " at the earliest.";
        return Notice.of(
                domain,
                to,
                Notice.Kind.RECOVERED,
                today,
                "[starttls-list] " + domain + " passes its daily check again",
                """
                The daily check of %s passed again on %s.

                %s
                """
                                .formatted(domain, today, next)
                        + SIGNATURE.formatted(domain));
    }

    static Notice demoted(
            String domain,
            String to,
            LocalDate today,
            List<String> codes,
            String detail,
            long days,
            LocalDate removalDay) {
        return Notice.of(
                domain,
                to,
                Notice.Kind.DEMOTED,
                today,
                "[starttls-list] " + domain + " moved back to testing mode",
                """
                The daily check of %s has failed for %d days in a row, so on %s it was moved from
                enforce back to testing mode: senders deliver anyway and report the failure.

                What failed: %s
                Codes: %s

                The fix: make every MX host offer STARTTLS with a valid certificate and match the
                MX patterns (or update them: starttls-list update %s --mx ...).

                What happens next: once it passes a full testing period again, it can be promoted
                to enforce. If it still fails on %s, it is removed from the list.
                """
                                .formatted(
                                        domain,
                                        days,
                                        today,
                                        detail,
                                        String.join(", ", codes),
                                        domain,
                                        removalDay)
                        + SIGNATURE.formatted(domain));
    }

    static Notice removed(
            String domain,
            String to,
            LocalDate today,
            List<String> codes,
            String detail,
            long days) {
        return Notice.of(
                domain,
                to,
                Notice.Kind.REMOVED,
                today,
                "[starttls-list] " + domain + " removed from the list",
                """
                The daily check of %s has failed for %d days, so on %s it was removed from the list.

                What failed: %s
                Codes: %s

                What happens next: nothing; senders treat the domain as if it had never been
                listed. To come back, fix the failure and add the domain again with its proof
                record (starttls-list add %s --contact ... --re-add); it starts in testing mode.
                """
                                .formatted(
                                        domain,
                                        days,
                                        today,
                                        detail,
                                        String.join(", ", codes),
                                        domain)
                        + SIGNATURE.formatted(domain));
    }

    static Notice promoted(String domain, String to, LocalDate today, LocalDate since) {
        return Notice.of(
                domain,
                to,
                Notice.Kind.PROMOTED,
                today,
                "[starttls-list] " + domain + " promoted to enforce mode",
                """
                %s has passed every daily check since %s and its proof record is in place, so on %s
                it was promoted to enforce mode: senders that use the list will refuse to deliver
                its mail in plain text or to servers that do not match its MX patterns.

                What happens next: the domain is still checked daily. If it fails, you will be told
                at once; if it keeps failing, it goes back to testing mode so that mail keeps flowing.
                Before you change your MX hosts, add the new ones to the list first.
                """
                                .formatted(domain, since, today)
                        + SIGNATURE.formatted(domain));
    }
}
