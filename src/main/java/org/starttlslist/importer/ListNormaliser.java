package org.starttlslist.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.starttlslist.failure.Printable;
import org.starttlslist.json.Json;
import org.starttlslist.model.AliasName;
import org.starttlslist.model.HostNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Normalises the names in a published list's raw JSON before it is parsed: domain keys, alias names
 * and references, and MX patterns become lower-case A-labels without a trailing dot, and duplicate
 * MX patterns are dropped. It works on the raw JSON, not the parsed model, because the parser
 * already folds case and the user must see each original spelling that was changed.
 */
final class ListNormaliser {

    private final List<Normalisation> changes = new ArrayList<>();

    /** The normalised copy of {@code root} (which is left as it was). */
    ObjectNode normalise(ObjectNode root) {
        ObjectNode copy = root.deepCopy();
        JsonNode aliases = copy.get("policy-aliases");
        if (aliases instanceof ObjectNode aliasObject) {
            copy.set("policy-aliases", aliasObject(aliasObject));
        }
        JsonNode policies = copy.get("policies");
        if (policies instanceof ObjectNode policyObject) {
            copy.set("policies", policyObject(policyObject));
        }
        return copy;
    }

    List<Normalisation> changes() {
        return List.copyOf(changes);
    }

    private ObjectNode aliasObject(ObjectNode aliases) {
        ObjectNode result = Json.mapper().createObjectNode();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : aliases.properties()) {
            String pointer = "/policy-aliases/" + escape(entry.getKey());
            String name = aliasName(entry.getKey(), pointer);
            if (!AliasName.isValid(name)) {
                refused.add(entry.getKey());
                continue;
            }
            if (result.has(name)) {
                throw new ImportRefusedException(
                        "alias '"
                                + name
                                + "' is defined twice in the list (names are"
                                + " case-insensitive); remove one and import again",
                        List.of(name));
            }
            result.set(name, policy(entry.getValue(), pointer));
        }
        if (!refused.isEmpty()) {
            throw new ImportRefusedException(
                    "alias names "
                            + refused
                            + " cannot be file names; an alias name is "
                            + AliasName.RULE_TEXT
                            + "; rename them in the list and import again",
                    refused);
        }
        return result;
    }

    private ObjectNode policyObject(ObjectNode policies) {
        ObjectNode result = Json.mapper().createObjectNode();
        Map<String, String> originals = new java.util.HashMap<>();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : policies.properties()) {
            String pointer = "/policies/" + escape(entry.getKey());
            String domain = hostName(entry.getKey(), pointer, "domain");
            Optional<String> problem = HostNames.problem(domain);
            if (problem.isPresent()) {
                refused.add(Printable.escape(entry.getKey()) + " (" + problem.get() + ")");
                continue;
            }
            String first = originals.putIfAbsent(domain, entry.getKey());
            if (first != null) {
                boolean caseOnly = first.equalsIgnoreCase(entry.getKey());
                throw new ImportRefusedException(
                        "domain '"
                                + domain
                                + "' is listed twice: '"
                                + Printable.escape(first)
                                + "' and '"
                                + Printable.escape(entry.getKey())
                                + "' "
                                + (caseOnly
                                        ? "differ only in case (names are case-insensitive)"
                                        : "are the same name once converted to an IDNA A-label")
                                + "; remove one from the list and import again",
                        List.of(domain));
            }
            result.set(domain, policy(entry.getValue(), pointer));
        }
        if (!refused.isEmpty()) {
            throw new ImportRefusedException(
                    "these keys of 'policies' are not mail domains: "
                            + String.join(", ", refused)
                            + "; fix them in the list and import again",
                    refused);
        }
        return result;
    }

    private JsonNode policy(JsonNode node, String pointer) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode copy = object.deepCopy();
        JsonNode alias = copy.get("policy-alias");
        if (alias != null && alias.isString()) {
            copy.put("policy-alias", aliasName(alias.stringValue(), pointer + "/policy-alias"));
        }
        JsonNode mxs = copy.get("mxs");
        if (mxs instanceof ArrayNode array) {
            ArrayNode normalised = Json.mapper().createArrayNode();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode mx = array.get(i);
                if (!mx.isString()) {
                    normalised.add(mx);
                    continue;
                }
                String value = mxPattern(mx.stringValue(), pointer + "/mxs/" + i);
                if (seen.add(value)) {
                    normalised.add(value);
                } else {
                    changes.add(
                            new Normalisation(
                                    pointer + "/mxs/" + i,
                                    "duplicate MX '" + mx.stringValue() + "' dropped"));
                }
            }
            copy.set("mxs", normalised);
        }
        return copy;
    }

    private String aliasName(String name, String pointer) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals(name)) {
            changes.add(
                    new Normalisation(pointer, "alias '" + name + "' written as '" + lower + "'"));
        }
        return lower;
    }

    private String mxPattern(String text, String pointer) {
        boolean suffix = text.startsWith(".");
        String host = suffix ? text.substring(1) : text;
        String normalised = (suffix ? "." : "") + HostNames.toALabel(host).orElse(host);
        if (!normalised.equals(text)) {
            changes.add(
                    new Normalisation(
                            pointer, "MX '" + text + "' written as '" + normalised + "'"));
        }
        return normalised;
    }

    private String hostName(String name, String pointer, String what) {
        String normalised = HostNames.toALabel(name).orElse(name);
        if (!normalised.equals(name)) {
            changes.add(
                    new Normalisation(
                            pointer, what + " '" + name + "' written as '" + normalised + "'"));
        }
        return normalised;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
