package org.starttlslist.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks a list repository's sources and loads them.
 *
 * <p>FOUNDATION VERSION: a minimal loader with the essential checks, so that the commands built
 * on it can be written in parallel. Issue #2 replaces its insides (schemas, line numbers, every
 * semantic check, --changed-since) and keeps this entry point.
 */
public final class Validator {
    private final ListRepository repository;
    private final Instant now;

    public Validator(ListRepository repository, Instant now) {
        this.repository = repository;
        this.now = now;
    }

    /** Everything under {@code policies/} plus {@code release/config.json}. */
    public ValidationReport validateAll() {
        List<Finding> findings = new ArrayList<>();
        Optional<ListSettings> settings = readSettings(findings);
        List<AliasSource> aliases = new ArrayList<>();
        for (Path file : jsonFiles(repository.aliasesDir())) {
            readAlias(file, findings).ifPresent(aliases::add);
        }
        List<DomainSource> domains = new ArrayList<>();
        for (Path file : jsonFiles(repository.policiesDir())) {
            readDomain(file, findings).ifPresent(domains::add);
        }
        List<String> aliasNames = aliases.stream().map(AliasSource::name).toList();
        for (DomainSource domain : domains) {
            if (domain.policy() instanceof AliasReference ref && !aliasNames.contains(ref.alias())) {
                findings.add(Finding.error("alias.unknown", repository.display(domain.file()), 1, 1, "/policy-alias",
                        "alias '" + ref.alias() + "' does not exist; add policies/aliases/" + ref.alias() + ".json or use an inline policy"));
            }
        }
        return new ValidationReport(findings, settings.map(s -> new SourceSet(s, domains, aliases)));
    }

    private Optional<ListSettings> readSettings(List<Finding> findings) {
        Path file = repository.configFile();
        String name = repository.display(file);
        Optional<JsonNode> root = readJson(file, findings);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = root.get();
        List<String> fingerprints = new ArrayList<>();
        node.path("maintainers").forEach(m -> fingerprints.add(m.path("fingerprint").asString("")));
        try {
            return Optional.of(new ListSettings(
                    node.path("author").asString("starttls-list"),
                    node.path("version").asString("0.1"),
                    Duration.ofDays(node.path("validity-days").asLong(ListSettings.DEFAULT_VALIDITY.toDays())),
                    Duration.ofDays(node.path("minimum-validity-days").asLong(ListSettings.DEFAULT_MINIMUM_VALIDITY.toDays())),
                    node.path("release-branch").asString(ListSettings.DEFAULT_RELEASE_BRANCH),
                    fingerprints,
                    node.has("committer")
                            ? Optional.of(new ListSettings.Committer(
                                    node.path("committer").path("name").asString(""),
                                    node.path("committer").path("email").asString("")))
                            : Optional.empty()));
        } catch (RuntimeException e) {
            findings.add(Finding.error("config.invalid", name, 1, 1, "", e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<AliasSource> readAlias(Path file, List<Finding> findings) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".json".length());
        return readJson(file, findings).flatMap(node -> inline(node, file, findings))
                .map(policy -> new AliasSource(file, name, policy));
    }

    private Optional<DomainSource> readDomain(Path file, List<Finding> findings) {
        String fileName = file.getFileName().toString();
        String domain = fileName.substring(0, fileName.length() - ".json".length());
        String display = repository.display(file);
        Optional<JsonNode> root = readJson(file, findings);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = root.get();
        String contact = node.path("contact").asString("");
        if (contact.isEmpty()) {
            findings.add(Finding.error("contact.missing", display, 1, 1, "/contact",
                    "add \"contact\": the e-mail address of whoever operates the domain"));
        }
        Optional<LocalDate> testingSince = Optional.empty();
        if (node.has("testing-since")) {
            try {
                LocalDate date = LocalDate.parse(node.get("testing-since").asString(""));
                if (date.isAfter(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))) {
                    findings.add(Finding.error("testing-since.future", display, 1, 1, "/testing-since",
                            "testing-since is in the future; use the date the domain entered testing"));
                }
                testingSince = Optional.of(date);
            } catch (DateTimeParseException e) {
                findings.add(Finding.error("testing-since.invalid", display, 1, 1, "/testing-since",
                        "testing-since must be a date as YYYY-MM-DD"));
            }
        }
        Policy policy;
        if (node.has("policy-alias")) {
            policy = new AliasReference(node.get("policy-alias").asString(""));
        } else {
            Optional<InlinePolicy> inline = inline(node, file, findings);
            if (inline.isEmpty()) {
                return Optional.empty();
            }
            policy = inline.get();
        }
        return Optional.of(new DomainSource(file, domain, policy, contact, testingSince));
    }

    private Optional<InlinePolicy> inline(JsonNode node, Path file, List<Finding> findings) {
        String display = repository.display(file);
        Optional<Mode> mode = Mode.fromWire(node.path("mode").asString(""));
        if (mode.isEmpty()) {
            findings.add(Finding.error("mode.invalid", display, 1, 1, "/mode", "mode must be \"testing\" or \"enforce\""));
            return Optional.empty();
        }
        List<MxPattern> mxs = new ArrayList<>();
        JsonNode array = node.path("mxs");
        for (int i = 0; i < array.size(); i++) {
            String text = array.get(i).asString("");
            Optional<String> problem = MxPattern.problem(text);
            if (problem.isPresent()) {
                findings.add(Finding.error("mx.pattern.invalid", display, 1, 1, "/mxs/" + i, "MX pattern '" + text + "' " + problem.get()));
            } else {
                mxs.add(new MxPattern(text));
            }
        }
        if (mxs.isEmpty()) {
            findings.add(Finding.error("mxs.empty", display, 1, 1, "/mxs", "list at least one MX host name in \"mxs\""));
            return Optional.empty();
        }
        return Optional.of(new InlinePolicy(mode.get(), mxs));
    }

    private Optional<JsonNode> readJson(Path file, List<Finding> findings) {
        String display = repository.display(file);
        try {
            return Optional.of(Json.readStrict(Files.readAllBytes(file)));
        } catch (NotJsonException e) {
            findings.add(Finding.error("json.invalid", display, e.line(), e.column(), "", "file " + e.getMessage()));
            return Optional.empty();
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + display + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> jsonFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
