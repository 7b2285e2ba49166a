package org.starttlslist.listfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.starttlslist.failure.Printable;
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import tools.jackson.databind.JsonNode;

/**
 * Reads a published {@code policy.json} into the model, accepting every form the predecessor
 * published: any RFC 3339 offset and fraction, epoch seconds, upper-case names (folded to lower
 * case, RFC 4343) and the retired empty {@code pinsets}. What a reader must not guess at (a missing
 * field, a wrong type, an unknown mode, a duplicate key) is refused.
 */
public final class PolicyListParser {
    private static final Set<String> TOP_LEVEL_KEYS =
            Set.of(
                    "timestamp",
                    "expires",
                    "version",
                    "author",
                    "pinsets",
                    "policy-aliases",
                    "policies");

    private PolicyListParser() {}

    public static PolicyList parse(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.readStrict(bytes);
        } catch (NotJsonException e) {
            throw new MalformedListException(
                    "",
                    "line " + e.line() + ", column " + e.column() + ": the list " + e.getMessage());
        }
        return parse(root);
    }

    public static PolicyList parse(JsonNode root) {
        if (!root.isObject()) {
            throw new MalformedListException("", "the list must be a JSON object");
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new MalformedListException("/" + key, "unknown top-level field");
            }
        }
        Instant timestamp = instant(root, "timestamp");
        Instant expires = instant(root, "expires");
        String version = requiredString(root, "version", "/version");
        Optional<String> author =
                root.has("author")
                        ? Optional.of(requiredString(root, "author", "/author"))
                        : Optional.empty();

        SortedMap<String, InlinePolicy> aliases = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry :
                object(root, "policy-aliases", "/policy-aliases").properties()) {
            String pointer = "/policy-aliases/" + escape(entry.getKey());
            Policy policy = policy(entry.getValue(), pointer);
            if (!(policy instanceof InlinePolicy inline)) {
                throw new MalformedListException(
                        pointer, "an alias must define a policy, not refer to another alias");
            }
            aliases.put(entry.getKey(), inline);
        }
        SortedMap<String, Policy> policies = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry :
                object(root, "policies", "/policies").properties()) {
            String pointer = "/policies/" + escape(entry.getKey());
            String domain = HostNames.foldCase(entry.getKey());
            if (policies.put(domain, policy(entry.getValue(), pointer)) != null) {
                throw new MalformedListException(
                        pointer,
                        "domain '"
                                + Printable.escape(domain)
                                + "' is listed twice (names are case-insensitive)");
            }
        }
        return new PolicyList(timestamp, expires, version, author, aliases, policies);
    }

    private static Policy policy(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new MalformedListException(pointer, "a policy must be a JSON object");
        }
        if (node.has("policy-alias")) {
            if (node.size() != 1) {
                throw new MalformedListException(
                        pointer, "an alias reference may not have other fields");
            }
            return new AliasReference(
                    requiredString(node, "policy-alias", pointer + "/policy-alias"));
        }
        for (String key : node.propertyNames()) {
            if (!key.equals("mode") && !key.equals("mxs")) {
                throw new MalformedListException(
                        pointer + "/" + escape(key), "unknown policy field");
            }
        }
        String modeText = requiredString(node, "mode", pointer + "/mode");
        Mode mode =
                Mode.fromWire(modeText)
                        .orElseThrow(
                                () ->
                                        new MalformedListException(
                                                pointer + "/mode",
                                                "mode must be \"testing\" or \"enforce\", not \""
                                                        + Printable.escape(modeText)
                                                        + "\""));
        JsonNode mxs = node.get("mxs");
        if (mxs == null || !mxs.isArray() || mxs.isEmpty()) {
            throw new MalformedListException(
                    pointer + "/mxs", "mxs must be a non-empty array of host names");
        }
        List<MxPattern> patterns = new ArrayList<>();
        for (int i = 0; i < mxs.size(); i++) {
            JsonNode mx = mxs.get(i);
            if (!mx.isString()) {
                throw new MalformedListException(
                        pointer + "/mxs/" + i, "an MX pattern must be a string");
            }
            String text = HostNames.foldCase(mx.stringValue());
            Optional<String> problem = MxPattern.problem(text);
            if (problem.isPresent()) {
                throw new MalformedListException(
                        pointer + "/mxs/" + i,
                        "MX pattern '" + Printable.escape(mx.stringValue()) + "' " + problem.get());
            }
            patterns.add(new MxPattern(text));
        }
        return new InlinePolicy(mode, patterns);
    }

    private static Instant instant(JsonNode root, String field) {
        JsonNode node = root.get(field);
        String pointer = "/" + field;
        if (node == null) {
            throw new MalformedListException(pointer, "required field '" + field + "' is missing");
        }
        Optional<Instant> instant = Optional.empty();
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            instant = ListTimes.fromEpochSeconds(node.longValue());
        } else if (node.isString()) {
            instant = ListTimes.parse(node.stringValue());
        }
        return instant.orElseThrow(
                () ->
                        new MalformedListException(
                                pointer,
                                "'"
                                        + field
                                        + "' must be an RFC 3339 date-time or non-negative epoch seconds up to the year 9999, not "
                                        + Printable.escape(node.toString())));
    }

    private static String requiredString(JsonNode node, String field, String pointer) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new MalformedListException(pointer, "required field '" + field + "' is missing");
        }
        if (!value.isString()) {
            throw new MalformedListException(pointer, "'" + field + "' must be a string");
        }
        return value.stringValue();
    }

    private static JsonNode object(JsonNode root, String field, String pointer) {
        JsonNode value = root.get(field);
        if (value == null) {
            throw new MalformedListException(pointer, "required field '" + field + "' is missing");
        }
        if (!value.isObject()) {
            throw new MalformedListException(pointer, "'" + field + "' must be a JSON object");
        }
        return value;
    }

    /** RFC 6901: '~' and '/' in a key are escaped in a JSON pointer. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
