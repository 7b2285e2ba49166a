package org.starttlslist.validate;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.starttlslist.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How findings are printed: for people, for GitHub pull requests, for code scanning, for machines.
 */
public enum ReportFormat {
    /** {@code policies/x.json:3:5: error mx.pattern.invalid: …}, one finding a line. */
    TEXT {
        @Override
        public void write(ValidationReport report, PrintWriter out) {
            for (Finding f : report.findings()) {
                out.println(
                        f.file()
                                + ":"
                                + f.line()
                                + ":"
                                + f.column()
                                + ": "
                                + f.severity().label()
                                + " "
                                + f.code()
                                + ": "
                                + f.message());
            }
        }
    },
    /** GitHub Actions workflow commands, so each finding shows on the pull request's diff. */
    GITHUB {
        @Override
        public void write(ValidationReport report, PrintWriter out) {
            for (Finding f : report.findings()) {
                out.println(
                        "::"
                                + f.severity().label()
                                + " file="
                                + property(f.file())
                                + ",line="
                                + f.line()
                                + ",col="
                                + f.column()
                                + ",title="
                                + property(f.code())
                                + "::"
                                + data(f.message()));
            }
        }
    },
    /** SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers. */
    SARIF {
        @Override
        public void write(ValidationReport report, PrintWriter out) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            ObjectNode log = nodes.objectNode();
            log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            log.put("version", "2.1.0");
            ObjectNode run = log.putArray("runs").addObject();
            ObjectNode driver = run.putObject("tool").putObject("driver");
            driver.put("name", "starttls-list");
            // Which build found these: a viewer compares runs, and a rule's meaning may change
            // between versions.
            String version = ReportFormat.class.getPackage().getImplementationVersion();
            driver.put("version", version == null ? "development build" : version);
            Map<String, Integer> ruleIndex = new TreeMap<>();
            report.findings().forEach(f -> ruleIndex.putIfAbsent(f.code(), 0));
            ArrayNode rules = driver.putArray("rules");
            int i = 0;
            for (Map.Entry<String, Integer> rule : ruleIndex.entrySet()) {
                rule.setValue(i++);
                ObjectNode r = rules.addObject();
                r.put("id", rule.getKey());
                r.putObject("shortDescription").put("text", rule.getKey());
            }
            ArrayNode results = run.putArray("results");
            for (Finding f : report.findings()) {
                ObjectNode result = results.addObject();
                result.put("ruleId", f.code());
                result.put("ruleIndex", ruleIndex.get(f.code()));
                result.put("level", f.severity() == Severity.ERROR ? "error" : "warning");
                result.putObject("message").put("text", f.message());
                ObjectNode location = result.putArray("locations").addObject();
                ObjectNode physical = location.putObject("physicalLocation");
                physical.putObject("artifactLocation")
                        .put("uri", f.file())
                        .put("uriBaseId", "%SRCROOT%");
                physical.putObject("region")
                        .put("startLine", f.line())
                        .put("startColumn", f.column());
                if (!f.pointer().isEmpty()) {
                    location.putArray("logicalLocations")
                            .addObject()
                            .put("fullyQualifiedName", f.pointer())
                            .put("kind", "member");
                }
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(log));
        }
    },
    /**
     * {@code {"errors": n, "warnings": n, "findings": [{code, severity, file, line, column,
     * pointer, message}]}}.
     */
    JSON {
        @Override
        public void write(ValidationReport report, PrintWriter out) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("errors", report.count(Severity.ERROR));
            root.put("warnings", report.count(Severity.WARNING));
            ArrayNode findings = root.putArray("findings");
            for (Finding f : report.findings()) {
                findings.addObject()
                        .put("code", f.code())
                        .put("severity", f.severity().label())
                        .put("file", f.file())
                        .put("line", f.line())
                        .put("column", f.column())
                        .put("pointer", f.pointer())
                        .put("message", f.message());
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
    };

    public abstract void write(ValidationReport report, PrintWriter out);

    /** A workflow command's message: '%', CR and LF escaped (GitHub's toolkit, escapeData). */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value: also ':' and ',' (escapeProperty). */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
