package org.starttlslist.validate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.starttlslist.json.StrictUtf8;
import org.starttlslist.model.AliasName;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.Fingerprint;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListSettings;
import org.starttlslist.validate.SourceSchemas.Kind;
import org.starttlslist.validate.SourceSchemas.Violation;
import tools.jackson.databind.JsonNode;

/**
 * Checks one source file's bytes: encoding, JSON, its name, its schema and the rules the schema
 * cannot state. Each problem is one finding at the offending value; the file is loaded only when it
 * has no error.
 */
final class SourceFileCheck {
    /**
     * What checking one file gave: its findings; when it has no error, what is kept of what it
     * holds (the {@link DomainKeeper}'s value for a domain, the source itself for an alias or the
     * settings), else null; and the alias it refers to, or null. Nulls rather than Optionals: one
     * is kept per file until the run ends.
     */
    record Checked(List<Finding> findings, Kind kind, Object loaded, String referencedAlias) {
        Optional<String> reference() {
            return Optional.ofNullable(referencedAlias);
        }
    }

    private final LocalDate today;
    private final Set<String> aliasNames;
    private final Map<String, String> keyFiles;
    private final boolean schemaFastPath;
    private final RemovedDomains.Records removed;
    private final DomainKeeper<?> keeper;

    /**
     * @param today the date of {@code --now} in UTC; a testing date after it is in the future
     * @param aliasNames every alias that exists, for resolving {@code policy-alias}
     * @param keyFiles the primary-key fingerprints in {@code release/keys/}, each with its file
     * @param schemaFastPath whether {@link SchemaFastPath} may vouch for a file instead of the
     *     schema engine (false only in tests that compare the two)
     * @param removed the domains with a removal record
     * @param keeper what to keep of each domain source loaded
     */
    SourceFileCheck(
            LocalDate today,
            Set<String> aliasNames,
            Map<String, String> keyFiles,
            boolean schemaFastPath,
            RemovedDomains.Records removed,
            DomainKeeper<?> keeper) {
        this.today = today;
        this.aliasNames = aliasNames;
        this.keyFiles = keyFiles;
        this.schemaFastPath = schemaFastPath;
        this.removed = removed;
        this.keeper = keeper;
    }

    Checked check(Kind kind, Path file, String display, byte[] bytes) {
        FileFindings findings = new FileFindings(display);
        String stem = stem(file.getFileName().toString());
        if (kind == Kind.DOMAIN) {
            checkDomainName(stem, findings);
        } else if (kind == Kind.ALIAS) {
            checkAliasName(stem, findings);
        }
        Optional<LocatedJson> parsed = parse(bytes, findings);
        if (parsed.isEmpty()) {
            removed(kind, stem, findings);
            return new Checked(findings.list(), kind, null, null);
        }
        LocatedJson document = parsed.get();
        findings.locateIn(document);
        JsonNode root = document.root();
        if (root.isObject()) {
            switch (kind) {
                case DOMAIN -> checkDomainFields(root, findings);
                case ALIAS -> checkAliasFields(root, findings);
                case CONFIG -> checkConfigFields(root, findings, keyFiles);
            }
        }
        // The schema library fails on a number outside the 64-bit range instead of reporting it.
        if (!hasHugeNumber(root) || !reportHugeNumbers(root, "", findings)) {
            reportSchema(kind, document, findings);
        }
        removed(kind, stem, findings);
        String reference =
                root.path("policy-alias").isString()
                        ? root.path("policy-alias").stringValue()
                        : null;
        boolean clean = true;
        for (Finding finding : findings.list()) {
            clean &= finding.severity() != Severity.ERROR;
        }
        Object loaded = clean ? load(kind, file, stem, root) : null;
        // Kept until the run ends for every file: an empty list of our own costs 24 bytes each.
        List<Finding> found = findings.list().isEmpty() ? List.of() : findings.list();
        return new Checked(found, kind, loaded, reference);
    }

    /**
     * A source for a removed domain is an error (see {@link RemovedDomains}); added last, at the
     * start of the file, so that it hides none of the file's other findings.
     */
    private void removed(Kind kind, String stem, FileFindings findings) {
        if (kind == Kind.DOMAIN && removed.contains(stem)) {
            findings.errorAt(
                    RemovedDomains.CODE, LocatedJson.Position.START, "", removed.message(stem));
        }
    }

    // --- encoding and syntax ---------------------------------------------------------------

    private static Optional<LocatedJson> parse(byte[] bytes, FileFindings findings) {
        if (StrictUtf8.startsWithBom(bytes)) {
            findings.error(
                    "file.bom",
                    "",
                    "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM");
            return Optional.empty();
        }
        boolean ascii = StrictUtf8.isAscii(bytes);
        Optional<String> decoded = ascii ? Optional.empty() : decode(bytes, findings);
        if (!ascii && decoded.isEmpty()) {
            return Optional.empty();
        }
        if (ascii ? isBlank(bytes) : decoded.get().isBlank()) {
            findings.error(
                    "json.empty",
                    "",
                    "the file is empty; it must hold one JSON object (see schema/README.md)");
            return Optional.empty();
        }
        try {
            // Nearly every source is ASCII: parsed from its bytes, with no decoder and no String.
            LocatedJson document =
                    ascii ? LocatedJson.parseAscii(bytes) : LocatedJson.parse(decoded.get());
            for (LocatedJson.DuplicateKey duplicate : document.duplicateKeys()) {
                findings.errorAt(
                        "json.duplicate-key",
                        duplicate.position(),
                        duplicate.pointer(),
                        "the key \""
                                + duplicate.key()
                                + "\" appears twice in the same object; keep one");
            }
            return Optional.of(document);
        } catch (LocatedJson.Unparseable e) {
            if (e.tooDeep) {
                findings.errorAt(
                        "json.too-deep",
                        e.position,
                        "",
                        "the JSON nests deeper than "
                                + org.starttlslist.json.Json.MAX_NESTING_DEPTH
                                + " levels; a source file nests at most 3");
            } else {
                // Rare: the text is made again only to name a trailing comma.
                String text = ascii ? new String(bytes, StandardCharsets.US_ASCII) : decoded.get();
                java.util.Optional<LocatedJson.Position> comma =
                        TrailingComma.before(text, e.position);
                if (comma.isPresent()) {
                    findings.errorAt(
                            "json.invalid",
                            comma.get(),
                            "",
                            "the file is not valid JSON: a trailing comma after the last entry; remove this comma (JSON allows none)");
                } else {
                    findings.errorAt(
                            "json.invalid",
                            e.position,
                            "",
                            "the file is not valid JSON: " + e.getMessage());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Strict UTF-8 of bytes that are not all ASCII, or empty and a finding at the first byte that
     * is not.
     */
    private static Optional<String> decode(byte[] bytes, FileFindings findings) {
        try {
            return Optional.of(StrictUtf8.decode(bytes));
        } catch (StrictUtf8.MalformedException e) {
            findings.errorAt(
                    "file.not-utf8",
                    new LocatedJson.Position(e.position().line(), e.position().column()),
                    "",
                    "the file is not valid UTF-8 (byte offset "
                            + e.offset()
                            + "); save it as UTF-8");
            return Optional.empty();
        }
    }

    /** {@link String#isBlank()} of ASCII bytes. */
    private static boolean isBlank(byte[] ascii) {
        for (byte b : ascii) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    // --- file names --------------------------------------------------------------------------

    private static void checkDomainName(String stem, FileFindings findings) {
        Optional<String> problem = HostNames.problem(stem);
        if (problem.isEmpty()) {
            return;
        }
        Optional<String> canonical = HostNames.toALabel(stem).filter(HostNames::isCanonicalDomain);
        boolean ascii = stem.chars().allMatch(c -> c < 0x80);
        if (!ascii) {
            findings.error(
                    "domain.u-label",
                    "",
                    "the file name '"
                            + stem
                            + ".json' is not ASCII; store an IDN domain as its A-label: "
                            + canonical
                                    .map(c -> "rename the file to policies/" + c + ".json")
                                    .orElse("its punycode form (xn--…)"));
        } else if (!stem.equals(stem.toLowerCase(Locale.ROOT))) {
            findings.error(
                    "domain.not-lowercase",
                    "",
                    "the file name '"
                            + stem
                            + ".json' has upper-case letters; "
                            + canonical
                                    .map(c -> "rename the file to policies/" + c + ".json")
                                    .orElse("write it in lower case"));
        } else if (canonical.isPresent() && !canonical.get().equals(stem)) {
            findings.error(
                    "domain.file-name-mismatch",
                    "",
                    "the file name '"
                            + stem
                            + ".json' is not the domain's canonical form; rename the file to policies/"
                            + canonical.get()
                            + ".json");
        } else {
            findings.error(
                    "domain.invalid",
                    "",
                    "the file name must be a mail domain plus .json, but '"
                            + stem
                            + "' "
                            + problem.get());
        }
    }

    private static void checkAliasName(String stem, FileFindings findings) {
        if (!AliasName.isValid(stem)) {
            findings.error(
                    "alias.name.invalid",
                    "",
                    "the alias name '"
                            + stem
                            + "' must be lower-case letters, digits, '.', '_' or '-', "
                            + "starting and ending with a letter or digit, at most 64 characters; rename the file");
        }
    }

    // --- semantic checks ---------------------------------------------------------------------

    private void checkDomainFields(JsonNode root, FileFindings findings) {
        JsonNode contact = root.path("contact");
        if (contact.isString()) {
            EmailAddresses.problem(contact.stringValue())
                    .ifPresent(
                            p ->
                                    findings.error(
                                            "contact.invalid",
                                            "/contact",
                                            "contact must be the e-mail address of whoever operates the domain, but '"
                                                    + contact.stringValue()
                                                    + "' "
                                                    + p));
        }
        JsonNode since = root.path("testing-since");
        if (since.isString()) {
            try {
                LocalDate date = isoDate(since.stringValue());
                if (date.isAfter(today)) {
                    findings.error(
                            "testing-since.future",
                            "/testing-since",
                            "testing-since "
                                    + date
                                    + " is after today ("
                                    + today
                                    + "); use the date the domain entered testing");
                }
            } catch (DateTimeParseException e) {
                findings.error(
                        "testing-since.invalid",
                        "/testing-since",
                        "testing-since '"
                                + since.stringValue()
                                + "' is not a real date; write it as YYYY-MM-DD, e.g. "
                                + today);
            }
        }
        JsonNode alias = root.path("policy-alias");
        if (alias.isString()) {
            String name = alias.stringValue();
            if (!AliasName.isValid(name)) {
                findings.error(
                        "alias.name.invalid",
                        "/policy-alias",
                        "policy-alias '"
                                + name
                                + "' is not an alias name (lower-case letters, digits, '.', '_', '-')");
            } else if (!aliasNames.contains(name)) {
                findings.error(
                        "alias.unknown",
                        "/policy-alias",
                        "policy-alias '"
                                + name
                                + "' does not exist; add policies/aliases/"
                                + name
                                + ".json or write the policy inline (mode and mxs)");
            }
        }
        checkMxs(root, findings);
    }

    private static void checkAliasFields(JsonNode root, FileFindings findings) {
        if (root.has("policy-alias")) {
            findings.error(
                    "alias.references-alias",
                    "/policy-alias",
                    "an alias cannot refer to another alias; copy that alias's mode and mxs here instead of policy-alias");
        }
        checkMxs(root, findings);
    }

    private static void checkMxs(JsonNode root, FileFindings findings) {
        JsonNode mxs = root.path("mxs");
        if (!mxs.isArray()) {
            return;
        }
        // Lower-cased names seen so far, by index (null for a value that is no string); a map only
        // for long lists, since a policy names a handful of MX hosts.
        String[] lower = new String[mxs.size()];
        Map<String, Integer> seen = mxs.size() > 16 ? new HashMap<>() : null;
        for (int i = 0; i < mxs.size(); i++) {
            JsonNode item = mxs.get(i);
            if (!item.isString()) {
                continue;
            }
            String text = item.stringValue();
            String key = text.toLowerCase(Locale.ROOT);
            Integer first = null;
            if (seen != null) {
                first = seen.putIfAbsent(key, i);
            } else {
                for (int j = 0; j < i && first == null; j++) {
                    if (key.equals(lower[j])) {
                        first = j;
                    }
                }
                if (first == null) {
                    lower[i] = key;
                }
            }
            if (first != null) {
                findings.error(
                        "mx.pattern.duplicate",
                        "/mxs/" + i,
                        "MX pattern '"
                                + text
                                + "' repeats mxs["
                                + first
                                + "] (names compare case-insensitively); remove it");
                continue;
            }
            int index = i;
            mxProblem(text).ifPresent(p -> findings.error(p[0], "/mxs/" + index, p[1]));
        }
    }

    /** {code, message} for a bad MX pattern, the most specific rule first. */
    private static Optional<String[]> mxProblem(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.startsWith("*.")) {
            return Optional.of(
                    new String[] {
                        "mx.pattern.wildcard",
                        "MX pattern '"
                                + text
                                + "' uses '*.'; write the suffix as '"
                                + text.substring(1)
                                + "' (a leading dot matches exactly one more label)"
                    });
        }
        if (text.endsWith(".") && text.length() > 1) {
            return Optional.of(
                    new String[] {
                        "mx.pattern.trailing-dot",
                        "MX pattern '"
                                + text
                                + "' ends with a dot; write '"
                                + text.substring(0, text.length() - 1)
                                + "'"
                    });
        }
        if (!text.equals(lower) && MxPattern.problem(lower).isEmpty()) {
            return Optional.of(
                    new String[] {
                        "mx.pattern.not-lowercase",
                        "MX pattern '" + text + "' has upper-case letters; write '" + lower + "'"
                    });
        }
        return MxPattern.problem(text)
                .map(
                        p ->
                                new String[] {
                                    "mx.pattern.invalid",
                                    "MX pattern '"
                                            + text
                                            + "' "
                                            + p
                                            + "; write a host name (mx1.example.com) or a leading-dot suffix (.mail.example.com)"
                                });
    }

    private static void checkConfigFields(
            JsonNode root, FileFindings findings, Map<String, String> keyFiles) {
        JsonNode validity = root.path("validity-days");
        JsonNode minimum = root.path("minimum-validity-days");
        long validityDays =
                validity.isIntegralNumber() && validity.canConvertToLong()
                        ? validity.asLong()
                        : ListSettings.DEFAULT_VALIDITY.toDays();
        long minimumDays =
                minimum.isIntegralNumber() && minimum.canConvertToLong()
                        ? minimum.asLong()
                        : ListSettings.DEFAULT_MINIMUM_VALIDITY.toDays();
        if (validityDays < minimumDays) {
            findings.error(
                    "config.validity.below-minimum",
                    minimum.isIntegralNumber() ? "/minimum-validity-days" : "/validity-days",
                    "validity-days ("
                            + validityDays
                            + ") is less than minimum-validity-days ("
                            + minimumDays
                            + "); a list would be due for release the moment it is published: raise validity-days or lower minimum-validity-days");
        }
        JsonNode email = root.path("committer").path("email");
        if (email.isString()) {
            EmailAddresses.problem(email.stringValue())
                    .ifPresent(
                            p ->
                                    findings.error(
                                            "config.committer.email.invalid",
                                            "/committer/email",
                                            "committer email '" + email.stringValue() + "' " + p));
        }
        JsonNode maintainers = root.path("maintainers");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; maintainers.isArray() && i < maintainers.size(); i++) {
            JsonNode fingerprint = maintainers.get(i).path("fingerprint");
            if (!fingerprint.isString()) {
                continue;
            }
            String pointer = "/maintainers/" + i + "/fingerprint";
            String text = fingerprint.stringValue();
            if (!Fingerprint.isCanonical(text)) {
                Optional<Fingerprint> typed = Fingerprint.tryParse(text);
                String fix =
                        typed.isPresent()
                                ? "write it as "
                                        + typed.get()
                                        + " (40 upper-case hex digits, no spaces)"
                                : Fingerprint.problem(text).orElseThrow();
                findings.error(
                        "config.fingerprint.invalid",
                        pointer,
                        "fingerprint '" + text + "' is not valid; " + fix);
                continue;
            }
            Integer first = seen.putIfAbsent(text, i);
            if (first != null) {
                findings.error(
                        "config.fingerprint.duplicate",
                        pointer,
                        "fingerprint " + text + " repeats maintainers[" + first + "]; remove it");
            } else if (!keyFiles.containsKey(text)) {
                findings.error(
                        "config.key.missing",
                        pointer,
                        "no public key with fingerprint "
                                + text
                                + " in release/keys/; add it (gpg --armor --export "
                                + text
                                + " > release/keys/"
                                + text
                                + ".asc) "
                                + "or remove this maintainer");
            }
        }
    }

    // --- schema -------------------------------------------------------------------------------

    /**
     * Whether {@link #reportHugeNumbers} would report anything: the same walk without making a
     * pointer for every value, which nearly every file has no use for.
     */
    private static boolean hasHugeNumber(JsonNode node) {
        if (node.isContainer()) {
            for (JsonNode child : node) {
                if (hasHugeNumber(child)) {
                    return true;
                }
            }
            return false;
        }
        return node.isNumber() && !node.canConvertToLong();
    }

    /**
     * Reports each number no source field can hold (beyond the 64-bit integer range, like {@code
     * 1e30}); true when there was one.
     */
    private static boolean reportHugeNumbers(JsonNode node, String pointer, FileFindings findings) {
        boolean found = false;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                found |=
                        reportHugeNumbers(
                                member.getValue(),
                                pointer + "/" + LocatedJson.escape(member.getKey()),
                                findings);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found |= reportHugeNumbers(node.get(i), pointer + "/" + i, findings);
            }
        } else if (node.isNumber() && !node.canConvertToLong()) {
            findings.error(
                    "number.out-of-range",
                    pointer,
                    "the number "
                            + node.toString()
                            + " is far outside the range this field allows; write a whole number in its range");
            found = true;
        }
        return found;
    }

    /**
     * Adds the schema's violations that the semantic checks above did not already report at the
     * same value, so that each problem is one finding with the most helpful message.
     */
    private void reportSchema(Kind kind, LocatedJson document, FileFindings findings) {
        if (schemaFastPath && SchemaFastPath.conforms(kind, document.root())) {
            return; // the schema would report nothing (see SchemaFastPath)
        }
        Set<String> reported = new HashSet<>();
        List<Violation> violations = new ArrayList<>(SourceSchemas.check(kind, document.root()));
        for (Violation violation : violations) {
            String base = violation.pointer().equals("/") ? "" : violation.pointer();
            boolean member =
                    violation.property() != null
                            && (violation.keyword().equals("required")
                                    || violation.keyword().equals("additionalProperties"));
            String pointer = member ? base + "/" + LocatedJson.escape(violation.property()) : base;
            if (findings.covers(pointer) || !reported.add(pointer + " " + violation.keyword())) {
                continue;
            }
            String[] codeAndMessage = describe(kind, document, violation, pointer);
            if (codeAndMessage == null) {
                continue;
            }
            findings.error(codeAndMessage[0], pointer, codeAndMessage[1]);
        }
    }

    /** {code, message}, or null for a violation that only restates another (if/then/else). */
    private static String[] describe(
            Kind kind, LocatedJson document, Violation violation, String pointer) {
        String property = violation.property();
        String name = displayName(pointer);
        switch (violation.keyword()) {
            case "required":
                if (kind == Kind.ALIAS && document.root().has("policy-alias")) {
                    return null; // reported once, as alias.references-alias
                }
                return new String[] {"field.missing", "add " + name + ": " + hint(kind, property)};
            case "additionalProperties":
                if (kind == Kind.ALIAS && "policy-alias".equals(property)) {
                    return null;
                }
                String allowed = allowed(kind, pointer);
                String suggestion =
                        property == null
                                ? null
                                : org.starttlslist.spelling.NearestName.among(
                                                property, java.util.List.of(allowed.split(", ")))
                                        .orElse(null);
                return new String[] {
                    "field.unknown",
                    "unknown field "
                            + name
                            + (suggestion != null
                                    ? "; did you mean \"" + suggestion + "\"? (allowed: "
                                    : "; remove it (allowed: ")
                            + allowed
                            + ")"
                };
            case "false":
                return new String[] {
                    "policy.ambiguous",
                    "remove "
                            + name
                            + ": a file with policy-alias takes its mode and mxs from the alias"
                };
            case "type":
                return new String[] {
                    "field.type",
                    name
                            + " has the wrong type: "
                            + violation.message()
                            + TypeFix.of(violation.message())
                };
            case "enum":
                return new String[] {"mode.invalid", name + " must be \"testing\" or \"enforce\""};
            case "const":
                return new String[] {
                    "config.version", name + " must be \"0.1\", the only format version"
                };
            case "minItems":
                return new String[] {"mxs.empty", "list at least one MX host name in " + name};
            case "if":
            case "then":
            case "else":
                return null;
            default:
                return new String[] {
                    "schema." + violation.keyword(), name + ": " + violation.message()
                };
        }
    }

    /** {@code "mxs"[1]} for {@code /mxs/1}: how a person finds the value in the file. */
    static String displayName(String pointer) {
        if (pointer.isEmpty()) {
            return "the file";
        }
        StringBuilder name = new StringBuilder();
        for (String part : pointer.substring(1).split("/", -1)) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (!key.isEmpty() && key.chars().allMatch(Character::isDigit) && name.length() > 0) {
                name.append('[').append(key).append(']');
            } else {
                name.append(name.length() == 0 ? "" : ".").append('"').append(key).append('"');
            }
        }
        return name.toString();
    }

    private static String hint(Kind kind, String property) {
        return switch (property) {
            case "contact" -> "the e-mail address of whoever operates the domain's mail";
            case "mode" -> "\"testing\" (new domains) or \"enforce\"";
            case "mxs" ->
                    "the list of MX host names, e.g. [\"mx1.example.com\"]"
                            + (kind == Kind.DOMAIN
                                    ? ", or refer to a shared policy with policy-alias instead"
                                    : "");
            case "fingerprint" -> "the maintainer's 40-digit OpenPGP fingerprint";
            case "name", "email" -> "the release committer's " + property;
            default -> "see schema/" + kind.file;
        };
    }

    private static String allowed(Kind kind, String pointer) {
        return switch (kind) {
            case DOMAIN -> "contact, testing-since, mode, mxs, policy-alias";
            case ALIAS -> "mode, mxs";
            case CONFIG ->
                    pointer.startsWith("/committer/")
                            ? "name, email"
                            : pointer.startsWith("/maintainers/")
                                    ? "name, fingerprint"
                                    : "author, version, validity-days, minimum-validity-days, threshold, release-branch, committer, maintainers";
        };
    }

    // --- loading ------------------------------------------------------------------------------

    private Object load(Kind kind, Path file, String stem, JsonNode root) {
        return switch (kind) {
            case DOMAIN -> keeper.keep(new ReadDomain(file, stem, root));
            case ALIAS -> new AliasSource(kept(file), stem, inline(root));
            case CONFIG -> settings(root);
        };
    }

    /** A clean domain file's JSON, read for a keeper (see {@link CheckedDomain}). */
    private record ReadDomain(Path file, String name, JsonNode root) implements CheckedDomain {
        @Override
        public String alias() {
            JsonNode alias = root.get("policy-alias");
            return alias == null ? null : alias.stringValue();
        }

        @Override
        public Mode mode() {
            return Mode.fromWire(root.get("mode").stringValue()).orElseThrow();
        }

        @Override
        public List<String> mxs() {
            JsonNode mxs = root.get("mxs");
            List<String> values = new ArrayList<>(mxs.size());
            mxs.forEach(mx -> values.add(mx.stringValue()));
            return values;
        }

        @Override
        public DomainSource source() {
            return new DomainSource(
                    file,
                    name,
                    policy(root),
                    root.path("contact").stringValue(),
                    root.has("testing-since")
                            ? Optional.of(isoDate(root.get("testing-since").stringValue()))
                            : Optional.empty());
        }
    }

    /**
     * The same path as a new object, for a source that outlives the run's reading: the JDK caches
     * the path's string and its name offsets on the Path a file was opened through, some 150 bytes
     * per domain that a loaded 100,000-domain list would otherwise keep.
     */
    static Path kept(Path file) {
        return file.getFileSystem().getPath(file.toString());
    }

    private static Policy policy(JsonNode root) {
        return root.has("policy-alias")
                ? new AliasReference(root.get("policy-alias").stringValue())
                : inline(root);
    }

    private static InlinePolicy inline(JsonNode root) {
        List<MxPattern> mxs = new ArrayList<>();
        root.get("mxs").forEach(mx -> mxs.add(new MxPattern(mx.stringValue())));
        return new InlinePolicy(Mode.fromWire(root.get("mode").stringValue()).orElseThrow(), mxs);
    }

    private static ListSettings settings(JsonNode root) {
        List<Fingerprint> fingerprints = new ArrayList<>();
        // Loaded only from a clean file: every fingerprint is already in canonical form.
        root.path("maintainers")
                .forEach(
                        m ->
                                fingerprints.add(
                                        new Fingerprint(m.path("fingerprint").stringValue())));
        JsonNode committer = root.path("committer");
        return new ListSettings(
                root.get("author").stringValue(),
                root.get("version").stringValue(),
                Duration.ofDays(
                        root.path("validity-days").asLong(ListSettings.DEFAULT_VALIDITY.toDays())),
                Duration.ofDays(
                        root.path("minimum-validity-days")
                                .asLong(ListSettings.DEFAULT_MINIMUM_VALIDITY.toDays())),
                root.path("release-branch").asString(ListSettings.DEFAULT_RELEASE_BRANCH),
                fingerprints,
                committer.isObject()
                        ? Optional.of(
                                new ListSettings.Committer(
                                        committer.get("name").stringValue(),
                                        committer.get("email").stringValue()))
                        : Optional.empty());
    }

    /**
     * {@link LocalDate#parse}, with the one form sources use (YYYY-MM-DD) read without the
     * formatter, which cost more than the rest of a file's date checks together.
     */
    static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (DateTimeException e) {
                    throw new DateTimeParseException(e.getMessage(), text, 0, e);
                }
            }
        }
        return LocalDate.parse(text);
    }

    /** The ASCII decimal number in {@code text[from, to)}, or -1 when a character is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String stem(String fileName) {
        return fileName.endsWith(".json")
                ? fileName.substring(0, fileName.length() - ".json".length())
                : fileName;
    }
}
