package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the history remembers of one domain: whether its checks pass, since when, and the codes of
 * its current (or last) failure. It changes only when the domain's state changes, so a domain that
 * keeps passing costs nothing per day.
 *
 * @param since the first day of the current state (the day of the first check with this outcome)
 * @param codes when failing, the failure's codes; when passing, those of the last failure, if any
 * @param lastFailure when passing, the first day of the last failure, if any
 */
public record DomainState(
        String domain,
        Status status,
        LocalDate since,
        List<String> codes,
        Optional<LocalDate> lastFailure) {
    public enum Status {
        PASSING("passing"),
        FAILING("failing");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public DomainState {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        codes = List.copyOf(codes);
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    public static DomainState passing(String domain, LocalDate since) {
        return new DomainState(domain, Status.PASSING, since, List.of(), Optional.empty());
    }

    public boolean isFailing() {
        return status == Status.FAILING;
    }

    /** Days in the current state including today: a failure first seen today has lasted 1 day. */
    public long daysIncluding(LocalDate today) {
        return ChronoUnit.DAYS.between(since, today) + 1;
    }

    /** The state after a passing check on {@code today}. */
    DomainState afterPass(LocalDate today) {
        if (status == Status.PASSING) {
            return this;
        }
        return new DomainState(domain, Status.PASSING, today, codes, Optional.of(since));
    }

    /** The state after a failing check with these codes on {@code today}. */
    DomainState afterFailure(LocalDate today, List<String> failureCodes) {
        if (status == Status.FAILING) {
            return codes.equals(failureCodes)
                    ? this
                    : new DomainState(domain, status, since, failureCodes, Optional.empty());
        }
        return new DomainState(domain, Status.FAILING, today, failureCodes, Optional.empty());
    }

    byte[] toBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("status", status.wire());
        tree.put("since", since.toString());
        if (!codes.isEmpty()) {
            tree.put("codes", codes);
        }
        lastFailure.ifPresent(date -> tree.put("last-failure", date.toString()));
        return LifecycleJson.bytes(tree);
    }

    static DomainState parse(String domain, JsonNode node, String display) {
        String status = LifecycleJson.text(node, "status", display);
        Status parsed =
                switch (status) {
                    case "passing" -> Status.PASSING;
                    case "failing" -> Status.FAILING;
                    default ->
                            throw new CorruptLifecycleFileException(
                                    display, "has a \"status\" other than passing or failing");
                };
        try {
            LocalDate since = LocalDate.parse(LifecycleJson.text(node, "since", display));
            Optional<LocalDate> lastFailure =
                    node.has("last-failure")
                            ? Optional.of(
                                    LocalDate.parse(
                                            LifecycleJson.text(node, "last-failure", display)))
                            : Optional.empty();
            return new DomainState(
                    domain, parsed, since, LifecycleJson.strings(node, "codes"), lastFailure);
        } catch (DateTimeParseException e) {
            throw new CorruptLifecycleFileException(display, "has a date that is not YYYY-MM-DD");
        }
    }
}
