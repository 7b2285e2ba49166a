import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.starttlslist.build.CanonicalListWriter;
import org.starttlslist.build.ListBuild;
import org.starttlslist.build.ListBuilder;
import org.starttlslist.source.ListRepository;
import org.starttlslist.validate.ValidationReport;

/**
 * Times the phases of a build in one JVM: what {@code build} does (validate keeping each domain's
 * bytes in the list, then write them to a file in order) and, for comparison, what {@code release}
 * does (validate keeping the sources, merge, then the canonical bytes in memory). The writes are
 * repeated to show the warmed-up cost too.
 *
 * <p>Usage: {@code java -cp target/starttls-list.jar bench/BuildPhases.java DIR}
 */
public final class BuildPhases {
    public static void main(String[] args) throws Exception {
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        ListRepository repository = new ListRepository(Path.of(args[0]));
        long t0 = System.nanoTime();
        ListBuild.Prepared prepared = ListBuild.prepare(repository, now);
        long t1 = System.nanoTime();
        ValidationReport report = ListBuild.validate(repository, now);
        long t2 = System.nanoTime();
        System.out.printf("build's validate (keeping bytes) %6.2f s; release's validate (keeping sources) %6.2f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        Path out = Files.createTempFile("build-phases", ".json");
        try {
            for (int run = 1; run <= 3; run++) {
                long a = System.nanoTime();
                ListBuild.write(prepared, now, out);
                long b = System.nanoTime();
                byte[] bytes = CanonicalListWriter.write(ListBuilder.merge(report.sources().orElseThrow(), now));
                long c = System.nanoTime();
                System.out.printf("build's write to file %6.2f s; release's merge+bytes %6.2f s (run %d, %d bytes)%n",
                        (b - a) / 1e9, (c - b) / 1e9, run, bytes.length);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
