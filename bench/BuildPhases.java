import java.nio.file.Path;
import java.time.Instant;
import org.starttlslist.build.CanonicalListWriter;
import org.starttlslist.build.ListBuilder;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/**
 * Times the phases of a build in one JVM: validate (read and check every source), merge, write
 * the canonical bytes; merge and write are repeated to show the warmed-up cost too.
 *
 * <p>Usage: {@code java -cp target/starttls-list.jar bench/BuildPhases.java DIR}
 */
public final class BuildPhases {
    public static void main(String[] args) {
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        long t0 = System.nanoTime();
        ValidationReport report = new Validator(new ListRepository(Path.of(args[0])), now).validateAll();
        long t1 = System.nanoTime();
        System.out.printf("validate %6.2f s (%d findings)%n", (t1 - t0) / 1e9, report.findings().size());
        for (int run = 1; run <= 3; run++) {
            long a = System.nanoTime();
            PolicyList list = ListBuilder.merge(report.sources().orElseThrow(), now);
            long b = System.nanoTime();
            byte[] bytes = CanonicalListWriter.write(list);
            long c = System.nanoTime();
            System.out.printf("merge    %6.2f s, write %6.2f s (run %d, %d bytes)%n", (b - a) / 1e9, (c - b) / 1e9, run, bytes.length);
        }
    }
}
