package org.starttlslist.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.ListRepository;

/**
 * A list repository in a temporary directory, with a synthetic checker and DNS whose answers a test
 * sets day by day. Time moves only through the instants the test passes ({@code --now}).
 */
final class LifecycleRepo {
    static final LocalDate DAY0 = LocalDate.of(2026, 12, 1);

    final Path root;
    final ListRepository repository;
    final Path notices;

    /** Domains whose check fails, with their codes; every other domain passes. */
    final Map<String, List<String>> failing = new HashMap<>();

    /** Proof records: owner name → TXT texts. */
    final Map<String, List<String>> txt = new HashMap<>();

    final Set<String> dnsErrors = new HashSet<>();
    final List<String> checkedDomains = new ArrayList<>();

    LifecycleRepo(Path root) {
        this.root = root;
        this.repository = new ListRepository(root);
        this.notices = root.resolve("../notices").normalize();
        write("release/config.json", "{\"author\": \"test\", \"version\": \"0.1\"}\n");
        try {
            Files.createDirectories(root.resolve("policies"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant at(LocalDate day) {
        return day.atTime(6, 0).toInstant(ZoneOffset.UTC);
    }

    static LocalDate day(int n) {
        return DAY0.plusDays(n);
    }

    void write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    void source(String domain, String mode, LocalDate testingSince) {
        write(
                "policies/" + domain + ".json",
                "{\n  \"contact\": \"postmaster@"
                        + domain
                        + "\",\n  \"testing-since\": \""
                        + testingSince
                        + "\",\n  \"mode\": \""
                        + mode
                        + "\",\n  \"mxs\": [\n    \"mx."
                        + domain
                        + "\"\n  ]\n}\n");
    }

    void proof(String domain) {
        txt.put(ProofRecord.ownerName(domain), List.of(ProofRecord.text("postmaster@" + domain)));
    }

    TxtLookup dns() {
        return name -> {
            if (dnsErrors.contains(name)) {
                throw new org.starttlslist.failure.CouldNotCompleteException(
                        "DNS timed out for " + name);
            }
            return txt.getOrDefault(name, List.of());
        };
    }

    DomainChecker checker() {
        return (domain, patterns) -> {
            checkedDomains.add(domain);
            List<String> codes = failing.get(domain);
            if (codes != null) {
                return CheckResult.fail(domain, codes, "mx." + domain + " does not offer STARTTLS");
            }
            return CheckResult.pass(domain, List.of("mx." + domain));
        };
    }

    DomainEdits edits(LocalDate today) {
        return new DomainEdits(repository, at(today), checker(), dns());
    }

    Promotion promotion(LocalDate today) {
        return new Promotion(repository, LifecycleSettings.load(repository), at(today), dns());
    }

    /** The shards of one run, as the matrix jobs write them. */
    List<ShardResults> recheck(LocalDate today, int shards) {
        return recheck(today, shards, RecheckTargets.of(ListSources.load(repository, at(today))));
    }

    List<ShardResults> recheck(LocalDate today, int shards, RecheckTargets targets) {
        List<ShardResults> out = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            out.add(
                    Recheck.run(
                            targets,
                            new Shards.Shard(i, shards),
                            checker(),
                            "run-" + today,
                            at(today)));
        }
        return out;
    }

    /** Applies the shards and delivers the notices into {@link #notices}, as the apply job does. */
    RecheckApply.Plan apply(LocalDate today, List<ShardResults> shards) {
        return apply(today, shards, RecheckTargets.of(ListSources.load(repository, at(today))));
    }

    RecheckApply.Plan apply(LocalDate today, List<ShardResults> shards, RecheckTargets targets) {
        ShardSet.Merged merged = ShardSet.merge(shards, targets);
        RecheckApply.Plan plan =
                new RecheckApply(repository, LifecycleSettings.load(repository))
                        .plan(targets, merged, today);
        plan.changes().commit(repository);
        deliver(today);
        return plan;
    }

    RecheckApply.Plan day(LocalDate today) {
        RecheckTargets targets = RecheckTargets.of(ListSources.load(repository, at(today)));
        return apply(today, recheck(today, 1, targets), targets);
    }

    void deliver(LocalDate today) {
        NoticeDelivery.deliver(
                repository,
                new DirectoryTransport(notices, "lifecycle@starttls-list.invalid", at(today)),
                1000);
    }

    /** The notices delivered so far, by file name (date-domain-kind.eml). */
    List<String> noticeNames() {
        if (!Files.isDirectory(notices)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(notices)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file of the repository (relative path → content), to compare two runs or prove nothing
     * changed.
     */
    Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path :
                    paths.filter(Files::isRegularFile)
                            .filter(path -> !root.relativize(path).startsWith(".git"))
                            .toList()) {
                files.put(root.relativize(path).toString(), Files.readString(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<MxPattern> mx(String... patterns) {
        return Stream.of(patterns).map(MxPattern::new).toList();
    }
}
