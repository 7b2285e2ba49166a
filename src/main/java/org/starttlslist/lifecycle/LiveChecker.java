package org.starttlslist.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.starttlslist.check.CheckRequest;
import org.starttlslist.check.CheckSettings;
import org.starttlslist.check.DomainReport;
import org.starttlslist.check.Finding;
import org.starttlslist.check.ListPolicy;
import org.starttlslist.check.MxHost;
import org.starttlslist.check.Severity;
import org.starttlslist.check.Verdict;
import org.starttlslist.model.MxPattern;

/**
 * The lifecycle's view of the {@code check} feature: a domain passes when the checker finds it
 * eligible (warnings allowed); its codes are the wire codes of the failures and errors found. A
 * whole shard is checked in one call, so the checker probes an MX host shared by many domains once.
 */
public final class LiveChecker implements DomainChecker {
    /**
     * The code a domain gets when it could not be checked at all (DNS or every MX host
     * unreachable).
     */
    public static final String COULD_NOT_CHECK = "could-not-check";

    private final org.starttlslist.check.DomainChecker checker;

    public LiveChecker(CheckSettings settings) {
        this.checker = new org.starttlslist.check.DomainChecker(settings);
    }

    @Override
    public CheckResult check(String domain, List<MxPattern> patterns) {
        return checkAll(List.of(new Request(domain, patterns))).get(0);
    }

    @Override
    public List<CheckResult> checkAll(List<Request> requests) {
        List<CheckRequest> checks = new ArrayList<>();
        for (Request request : requests) {
            checks.add(
                    new CheckRequest(
                            request.domain(),
                            request.patterns().isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(
                                            new ListPolicy(request.patterns(), Optional.empty()))));
        }
        List<CheckResult> results = new ArrayList<>();
        List<DomainReport> reports = checker.check(checks).domains();
        for (int i = 0; i < requests.size(); i++) {
            results.add(result(requests.get(i), reports.get(i)));
        }
        return results;
    }

    static CheckResult result(Request request, DomainReport report) {
        List<String> hosts = new ArrayList<>();
        if (request.patterns().isEmpty()) {
            report.suggestedPatterns().forEach(pattern -> hosts.add(pattern.value()));
        } else {
            report.mxHosts().stream().map(MxHost::name).forEach(hosts::add);
        }
        if (report.verdict().isEligible()) {
            return CheckResult.pass(request.domain(), hosts);
        }
        Set<String> codes = new LinkedHashSet<>();
        StringBuilder detail = new StringBuilder();
        for (Finding finding : report.findings()) {
            if (finding.severity() == Severity.FAILURE || finding.severity() == Severity.ERROR) {
                codes.add(finding.code().wire());
                if (detail.isEmpty()) {
                    detail.append(finding.host().map(host -> host + ": ").orElse(""))
                            .append(finding.observed())
                            .append(" (fix: ")
                            .append(finding.fix())
                            .append(')');
                }
            }
        }
        if (report.verdict() == Verdict.COULD_NOT_CHECK) {
            codes.add(COULD_NOT_CHECK);
        }
        if (codes.isEmpty()) {
            codes.add(report.verdict().wire());
        }
        if (detail.isEmpty()) {
            detail.append("the check's verdict was ").append(report.verdict().wire());
        }
        return new CheckResult(
                request.domain(), false, List.copyOf(codes), detail.toString(), hosts);
    }
}
