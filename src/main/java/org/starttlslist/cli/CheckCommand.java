package org.starttlslist.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.starttlslist.check.CheckReport;
import org.starttlslist.check.CheckReportJson;
import org.starttlslist.check.CheckReportText;
import org.starttlslist.check.CheckRequest;
import org.starttlslist.check.CheckSettings;
import org.starttlslist.check.DomainChecker;
import org.starttlslist.check.ListPolicy;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.DomainName;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check whether domains meet the list's requirements, against their live mail servers:"
                    + " DNS, STARTTLS on every MX host, certificates, the MX hosts against the policy, and MTA-STS.",
            "Inside a list repository a listed domain is checked against its own policy unless --mx is given.",
            "Exit 0: all eligible (perhaps with warnings); 1: some not eligible; 3: some could not be checked."
        },
        footer = {
            "",
            "Each finding names the host and address, what was observed, and the fix;"
                    + " codes and steps are listed in the README (section \"check\")."
        })
final class CheckCommand implements Callable<Integer> {
    private static final Pattern HOST_PORT =
            Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d+)|([0-9.]+):(\\d+)|([0-9A-Fa-f:.]+)");

    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Parameters(
            arity = "1..*",
            paramLabel = "DOMAIN",
            description = "The mail domains to check (U-labels are converted).")
    List<String> domains;

    @Option(
            names = "--mx",
            split = ",",
            paramLabel = "PATTERN",
            description =
                    "MX patterns to hold every domain to (host or .suffix), instead of the list's policy.")
    List<String> mx;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            description =
                    "Output: text (one line per finding) or json (schema/check-report.schema.json). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--resolver",
            paramLabel = "HOST[:PORT]",
            description =
                    "The DNS resolver to ask (an IP address, port 53 unless given). Default: the system's.")
    String resolver;

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description = "Trust these CA certificates instead of the JDK's trust store.")
    Path caFile;

    @Option(
            names = "--timeout",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description =
                    "Per connection (a greeting may take this long); each domain gets three times this. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            paramLabel = "N",
            description =
                    "Domains checked at a time (at most 2 connections per IP address). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    // For tests against servers on loopback ports; not for real use, hence hidden.
    @Option(names = "--smtp-port", hidden = true, defaultValue = "25")
    int smtpPort;

    @Option(names = "--https-port", hidden = true, defaultValue = "443")
    int httpsPort;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format " + format + ": write text or json");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new UsageException("--timeout " + timeoutSeconds + ": give 1 to 600 seconds");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new UsageException("--concurrency " + concurrency + ": give 1 to 256");
        }
        Optional<ListPolicy> given = mx == null ? Optional.empty() : Optional.of(patterns(mx));
        CheckSettings settings =
                CheckSettings.defaults(now.instant())
                        .withTimeout(Duration.ofSeconds(timeoutSeconds))
                        .withConcurrency(concurrency)
                        .withPorts(new CheckSettings.Ports(smtpPort, httpsPort));
        if (resolver != null) {
            settings = settings.withResolver(resolverAddress(resolver));
        }
        if (caFile != null) {
            settings =
                    settings.withCaFile(
                            root.directory == null ? caFile : root.directory.resolve(caFile));
        }
        Map<String, ListPolicy> listed = given.isPresent() ? Map.of() : listedPolicies();
        List<CheckRequest> requests = new ArrayList<>();
        for (String domain : domains) {
            // The listed policy of the name typed; a name that is none is reported by the checker.
            String key = DomainName.tryParse(domain).map(DomainName::value).orElse(domain);
            requests.add(
                    new CheckRequest(
                            domain,
                            given.isPresent() ? given : Optional.ofNullable(listed.get(key))));
        }
        CheckReport report = new DomainChecker(settings).check(requests);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.print(CheckReportJson.write(report));
            out.flush();
        } else {
            CheckReportText.write(report, out);
        }
        return switch (report.overall()) {
            case ELIGIBLE, ELIGIBLE_WITH_WARNINGS -> ExitCodes.OK;
            case NOT_ELIGIBLE -> ExitCodes.REJECTED;
            case COULD_NOT_CHECK -> ExitCodes.COULD_NOT_COMPLETE;
        };
    }

    private static ListPolicy patterns(List<String> texts) {
        List<MxPattern> patterns = new ArrayList<>();
        for (String text : texts) {
            Optional<String> problem = MxPattern.problem(text);
            if (problem.isPresent()) {
                throw new UsageException("--mx '" + text + "': the pattern " + problem.get());
            }
            patterns.add(new MxPattern(text));
        }
        return new ListPolicy(patterns, Optional.empty());
    }

    static InetSocketAddress resolverAddress(String text) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            throw new UsageException(
                    "--resolver '"
                            + text
                            + "': give an IP address, optionally with :PORT ([::1]:53 for IPv6)");
        }
        String host =
                m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(5);
        String port = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : "53";
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw new UsageException("--resolver '" + text + "': the port must be 1 to 65535");
        }
        try {
            // A literal only: the resolver's own name is never looked up.
            return new InetSocketAddress(InetAddress.getByName(host), number);
        } catch (UnknownHostException e) {
            throw new UsageException("--resolver '" + text + "': not an IP address");
        }
    }

    /** Inside a list repository: each listed domain's policy, aliases resolved. Elsewhere: none. */
    private Map<String, ListPolicy> listedPolicies() {
        ListRepository repository = root.repository();
        if (!Files.isDirectory(repository.policiesDir())) {
            return Map.of();
        }
        Optional<SourceSet> sources =
                new Validator(repository, now.instant()).validateAll().sources();
        if (sources.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "note: the list repository's sources do not validate; checking without their policies"
                                    + " (run starttls-list validate)");
            return Map.of();
        }
        Map<String, InlinePolicy> aliases = new TreeMap<>();
        for (AliasSource alias : sources.get().aliases()) {
            aliases.put(alias.name(), alias.policy());
        }
        Map<String, ListPolicy> policies = new TreeMap<>();
        for (DomainSource domain : sources.get().domains()) {
            InlinePolicy policy =
                    domain.policy() instanceof AliasReference reference
                            ? aliases.get(reference.alias())
                            : (InlinePolicy) domain.policy();
            if (policy != null) {
                policies.put(
                        domain.domain(), new ListPolicy(policy.mxs(), Optional.of(policy.mode())));
            }
        }
        return policies;
    }
}
